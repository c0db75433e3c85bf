"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCan } from "@/features/session/viewer-context";
import { useFormat } from "@/lib/use-format";
import { ageText } from "../metric-cards";
import type { TaskListItem } from "../task-schemas";
import { Sparkline } from "./charts/sparkline";
import styles from "./task-list.module.css";
import { TaskRunButtons } from "./task-run-buttons";
import { TaskStatusBadge } from "./task-status-badge";

export function TaskListRow({ task: item }: { task: TaskListItem }) {
  const t = useTranslations("tasks.row");
  const tAge = useTranslations("tasks.age");
  const f = useFormat();
  const canRun = useCan("editor");
  const m = item.metrics;
  const lastError = m.lastError ?? (item.status === "failed" ? item.statusReason : null);
  return (
    <tr data-testid={`task-row-${item.name}`}>
      <td>
        <Link href={`/tasks/${item.id}`}>
          <strong>{item.name}</strong>
        </Link>
        <div className="muted small">{item.topics.join(", ")}</div>
      </td>
      <td>
        <TaskStatusBadge status={item.status} />
        {item.alerting ? (
          <div className="small" style={{ color: "var(--err)" }} data-testid="alerting">
            {t("alerting")}
          </div>
        ) : null}
      </td>
      <td className={styles.index} data-testid="target-index">
        {item.targetIndex}
      </td>
      <td className="num">{f.rate(m.ratePerSecond)}</td>
      <td data-testid="trend" data-points={item.sparkline.length}>
        {/* The same height with or without a trend, so a row does not grow when its first points arrive. */}
        <div className={styles.trend}>
          {item.sparkline.length ? (
            <>
              <Sparkline values={item.sparkline.map((p) => p.messagesPerSecond)} label={t("rateTrend")} />
              <Sparkline values={item.sparkline.map((p) => p.lag)} label={t("lagTrend")} color="var(--warn)" />
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </div>
      </td>
      <td className="num" data-testid="lag" title={t("lagReadAt", { age: ageText(tAge, m.lagAge) })}>
        {f.count(m.lag)}
        {m.lagAge.stale && m.lag !== null ? <div className="small stale-text">{t("lagAsOf", { age: ageText(tAge, m.lagAge) })}</div> : null}
      </td>
      <td className="num" data-testid="documents-written">
        {f.count(m.documentsWritten)}
      </td>
      <td className="num">
        {f.count(m.discarded)} / {f.count(m.deadLettered)}
      </td>
      <td className="small" style={{ maxWidth: 280 }} title={lastError ?? undefined}>
        {lastError ? <span style={{ color: "var(--err)" }}>{truncate(lastError, 120)}</span> : <span className="muted">—</span>}
      </td>
      <td>
        <div className="row" style={{ justifyContent: "flex-end", flexWrap: "nowrap" }}>
          {canRun ? <TaskRunButtons task={item} name={item.name} showErrors={false} /> : null}
        </div>
      </td>
    </tr>
  );
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
