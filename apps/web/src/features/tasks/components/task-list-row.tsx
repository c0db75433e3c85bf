"use client";

import Link from "next/link";
import { useCan } from "@/features/session/viewer-context";
import { formatCount, formatRate } from "@/lib/format";
import type { TaskView } from "../task-schemas";
import { TaskRunButtons } from "./task-run-buttons";
import { TaskStatusBadge } from "./task-status-badge";

export function TaskListRow({ task: t }: { task: TaskView }) {
  const canRun = useCan("editor");
  const { totals } = t.metrics;
  const lastError = t.metrics.lastError ?? (t.status === "failed" ? t.statusReason : null);
  return (
    <tr data-testid={`task-row-${t.name}`}>
      <td>
        <Link href={`/tasks/${t.id}`}>
          <strong>{t.name}</strong>
        </Link>
        <div className="muted small">{t.config.source.topics.join(", ")}</div>
      </td>
      <td>
        <TaskStatusBadge status={t.status} />
      </td>
      <td className="num">{formatRate(t.metrics.ratePerSecond)}</td>
      <td className="num">{formatCount(t.metrics.lag)}</td>
      <td className="num" data-testid="documents-written">
        {formatCount(totals.documentsWritten)}
      </td>
      <td className="num">
        {formatCount(totals.discarded)} / {formatCount(totals.deadLettered)}
      </td>
      <td className="small" style={{ maxWidth: 280 }} title={lastError ?? undefined}>
        {lastError ? <span style={{ color: "var(--err)" }}>{truncate(lastError, 120)}</span> : <span className="muted">—</span>}
      </td>
      <td>
        <div className="row" style={{ justifyContent: "flex-end", flexWrap: "nowrap" }}>
          {canRun ? <TaskRunButtons task={t} showErrors={false} /> : null}
        </div>
      </td>
    </tr>
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
