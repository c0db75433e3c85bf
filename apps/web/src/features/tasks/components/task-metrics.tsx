import { formatBytes, formatCount, formatRate, formatTime } from "@/lib/format";
import { metricsMessages } from "../metrics-messages";
import type { TaskView } from "../task-schemas";

/** The task's totals, rate and lag as a row of cards. */
export function TaskMetrics({ metrics }: { metrics: TaskView["metrics"] }) {
  const t = metrics.totals;
  const cards: { label: string; value: string; id: string; hint?: string }[] = [
    { id: "rate", label: metricsMessages.throughput, value: formatRate(metrics.ratePerSecond) },
    { id: "lag", label: "Lag", value: formatCount(metrics.lag) },
    { id: "messages-in", label: "Messages in", value: formatCount(t.messagesIn) },
    { id: "bytes-in", label: "Bytes in", value: formatBytes(t.bytesIn) },
    { id: "documents-written", label: "Documents written", value: formatCount(t.documentsWritten) },
    { id: "filtered", label: "Filtered", value: formatCount(t.filtered) },
    { id: "dropped", label: "Dropped", value: formatCount(t.dropped) },
    { id: "discarded", label: metricsMessages.discarded, hint: metricsMessages.discardedHint, value: formatCount(t.discarded) },
    { id: "dead-lettered", label: "Dead-lettered", value: formatCount(t.deadLettered) },
    { id: "failed", label: metricsMessages.failed, hint: metricsMessages.failedHint, value: formatCount(t.failed) },
  ];
  return (
    <section aria-label="Metrics">
      <div className="metrics">
        {cards.map((c) => (
          <div className="metric" key={c.id} data-testid={`metric-${c.id}`}>
            <div className="value">{c.value}</div>
            <div className="label">{c.label}</div>
            {c.hint ? <div className="muted small">{c.hint}</div> : null}
          </div>
        ))}
      </div>
      {metrics.lastError ? (
        <div className="notice warn">
          <strong>Last error:</strong> {metrics.lastError}
        </div>
      ) : null}
      {metrics.updatedAt ? <p className="muted small">Metrics updated {formatTime(metrics.updatedAt)}</p> : null}
    </section>
  );
}
