"use client";

import { countersExpectedToMove } from "@outflow/schemas/figure-age";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { JsonView } from "@/components/json-view";
import { TaskAlerts } from "@/features/alerts/components/task-alerts";
import { FailedConnectionWarning } from "@/features/connections/components/failed-connection-warning";
import { TaskExplorer } from "@/features/explorer/components/task-explorer";
import { countingMode } from "../metric-cards";
import { taskDetailOptions, taskKeys } from "../queries";
import { taskConnectionIds } from "../task-connections";
import { TaskCharts } from "./charts/task-charts";
import { ConfigVersions } from "./config-versions";
import { EventLog } from "./event-log";
import { FailurePointPanel } from "./failure-point-panel";
import { PartitionTable } from "./partition-table";
import { ResetOffsetsForm } from "./reset-offsets-form";
import { RulesImport } from "./rules-import";
import { StatusReason } from "./status-reason";
import { TaskActions, type TaskPanel } from "./task-actions";
import { TaskMetrics } from "./task-metrics";
import { TaskStatusBadge } from "./task-status-badge";
import { WritePaceNote } from "./write-pace-note";

/** The task page: status, failure point, metrics, partitions, live events, config and its versions, and the actions. */
export function TaskDetail({ id, startError }: { id: string; startError?: string }) {
  const tr = useTranslations("tasks.detail");
  const task = useQuery(taskDetailOptions(id, { poll: true }));
  const [panel, setPanel] = useState<TaskPanel>(null);
  const qc = useQueryClient();
  const status = task.data?.status;
  // A new status comes with its event: read the log at once, so the badge and the latest event agree.
  useEffect(() => {
    if (status) {
      void qc.invalidateQueries({ queryKey: taskKeys.events(id) });
    }
  }, [status, qc, id]);

  if (task.isPending) {
    return <p className="muted">{tr("loading")}</p>;
  }
  if (!task.data) {
    return (
      <>
        <ErrorNotice error={task.error} title={tr("loadError")} />
        <Link href="/tasks">{tr("back")}</Link>
      </>
    );
  }
  const t = task.data;
  return (
    <>
      <div className="page-header">
        <Link href="/tasks" className="muted">
          {tr("breadcrumb")}
        </Link>
        <h1>{t.name}</h1>
        <TaskStatusBadge status={t.status} live />
        <span className="muted small">{tr("wants", { state: tr(`desired.${t.desiredState}`), version: t.configVersion })}</span>
        {t.config.failure.policy === "retain" ? null : (
          <Link href={`/tasks/${t.id}/dead-letters`}>{t.config.failure.policy === "discard" ? tr("discardedLink") : tr("deadLettersLink")}</Link>
        )}
      </div>
      <TaskActions task={t} panel={panel} onPanel={setPanel} />
      {startError ? <div className="notice error">{tr("startFailed", { error: startError })}</div> : null}
      {task.error ? <ErrorNotice error={task.error} title={tr("refreshFailed")} /> : null}
      <StatusReason task={t} />
      <FailedConnectionWarning ids={taskConnectionIds(t)} />
      <FailurePointPanel task={t} />
      <WritePaceNote task={t} />
      {/* A firing alert goes first; quiet rules wait below the figures. */}
      {t.alerts.length > 0 ? <TaskAlerts rules={t.config.alerts} firing={t.alerts} /> : null}
      {t.pendingOffsetReset ? (
        <div className="notice info">{tr.rich("pendingReset", { reset: JSON.stringify(t.pendingOffsetReset), code: (chunks) => <code>{chunks}</code> })}</div>
      ) : null}
      {panel === "reset" ? <ResetOffsetsForm task={t} onDone={() => setPanel(null)} /> : null}
      {panel === "import" ? <RulesImport taskId={t.id} onDone={() => setPanel(null)} /> : null}
      <TaskMetrics metrics={t.metrics} mode={countingMode(t.config)} running={countersExpectedToMove(t.status)} fetchedAt={task.dataUpdatedAt} />
      <TaskCharts taskId={t.id} />
      <section className="panel" aria-label={tr("partitions")}>
        <h2>{tr("partitions")}</h2>
        <PartitionTable partitions={t.metrics.partitions} running={countersExpectedToMove(t.status)} />
      </section>
      <TaskExplorer taskId={t.id} />
      {t.alerts.length === 0 ? <TaskAlerts rules={t.config.alerts} firing={t.alerts} /> : null}
      <section className="panel">
        <EventLog taskId={t.id} totals={t.metrics.totals} />
      </section>
      <details className="panel">
        <summary>
          <strong>{tr("configuration")}</strong> <span className="muted small">{tr("consumerGroup", { group: t.consumerGroup })}</span>
        </summary>
        <div style={{ marginTop: 10 }}>
          <JsonView value={t.config} />
        </div>
      </details>
      <ConfigVersions taskId={t.id} />
    </>
  );
}
