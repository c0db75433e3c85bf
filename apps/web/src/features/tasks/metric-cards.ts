import type { Counters, FigureAge, TaskMetrics } from "@outflow/schemas/task";
import type { TaskConfig } from "@outflow/schemas/task-config";
import { metricsMessages as m } from "./metrics-messages";

/** What a task writes, so its counters can be named as users mean them. */
export type CountingMode = "documents" | "cdc" | "aggregation";

export function countingMode(config: TaskConfig): CountingMode {
  return config.sink.cdc ? "cdc" : config.sink.aggregation ? "aggregation" : "documents";
}

export type CardValue = { kind: "count" | "bytes" | "rate"; value: number | null };

/** One card: its total, the same since the last offset reset when there was one, and a hint. */
export type MetricCard = { id: string; label: string; total: CardValue; sinceReset: CardValue | null; hint?: string };

type CounterKey = keyof Counters;

const counter = (id: string, label: string, key: CounterKey, hint?: string) => ({ id, label, key, hint });

/** The counters that say what reached Elasticsearch, per mode. */
function writtenCounters(mode: CountingMode) {
  switch (mode) {
    case "cdc":
      return [
        counter("rows-indexed", "Rows indexed", "documentsCreated", "new rows: documents created"),
        counter("rows-updated", "Rows updated", "documentsUpdated", "documents overwritten by a change"),
        counter("rows-deleted", "Rows deleted", "documentsDeleted", "documents removed by a delete or tombstone"),
      ];
    case "aggregation":
      return [
        counter("messages-aggregated", "Messages aggregated", "messagesWritten", "counted into their groups"),
        counter("groups-created", "Group documents", "documentsCreated", "groups created in the index"),
        counter("groups-updated", "Group updates", "documentsUpdated", "writes of a group that already existed"),
      ];
    default:
      return [
        counter("documents-written", "Documents written", "documentsWritten", "index, create and delete writes acknowledged"),
        counter("documents-created", "Documents created", "documentsCreated", "new documents in the index"),
        counter("documents-overwritten", "Documents overwritten", "documentsUpdated", "an existing ID written again (a replay, an update)"),
      ];
  }
}

/** The task page's cards, named for the task's mode. Counters since the last reset appear only after a reset. */
export function metricCards(metrics: TaskMetrics, mode: CountingMode): MetricCard[] {
  const reset = metrics.resetAt !== null;
  const card = (c: { id: string; label: string; key: CounterKey; hint?: string }, kind: CardValue["kind"] = "count"): MetricCard => ({
    id: c.id,
    label: c.label,
    total: { kind, value: metrics.totals[c.key] },
    sinceReset: reset && c.key !== "failed" ? { kind, value: metrics.sinceReset[c.key] } : null,
    ...(c.hint ? { hint: c.hint } : {}),
  });
  return [
    { id: "rate", label: m.throughput, total: { kind: "rate", value: metrics.ratePerSecond }, sinceReset: null },
    { id: "lag", label: "Lag", total: { kind: "count", value: metrics.lag }, sinceReset: null, hint: "messages waiting in Kafka" },
    card(counter("messages-in", "Messages in", "messagesIn", "settled and committed")),
    card(counter("bytes-in", "Bytes in", "bytesIn"), "bytes"),
    ...writtenCounters(mode).map((c) => card(c)),
    card(counter("filtered", "Filtered", "filtered")),
    card(counter("dropped", "Dropped", "dropped")),
    card(counter("discarded", m.discarded, "discarded", m.discardedHint)),
    card(counter("dead-lettered", "Dead-lettered", "deadLettered")),
    card(counter("failed", m.failed, "failed", m.failedHint)),
  ];
}

/**
 * Stale on the server's word, or once the time since the answer makes it older than twice its refresh interval.
 * `expected`: whether the figure should be moving at all (a stopped task's counters are final).
 */
export function isStale(age: FigureAge, sinceFetchSeconds: number, refreshSeconds: number, expected = true): boolean {
  return expected && (age.stale || age.ageSeconds === null || age.ageSeconds + sinceFetchSeconds > 2 * refreshSeconds);
}

/** "3 s ago", "18 min ago": how old a figure is, counting the time since the answer was fetched. */
export function ageText(age: FigureAge, sinceFetchSeconds = 0): string {
  if (age.ageSeconds === null) {
    return "never";
  }
  const s = age.ageSeconds + sinceFetchSeconds;
  if (s < 60) {
    return `${Math.round(s)} s ago`;
  }
  if (s < 3600) {
    return `${Math.round(s / 60)} min ago`;
  }
  if (s < 86_400) {
    return `${Math.round(s / 3600)} h ago`;
  }
  return `${Math.round(s / 86_400)} d ago`;
}

export type LedgerSummary = { tone: "ok" | "warn" | "info"; text: string };

/**
 * The ledger in one line. A difference while a runner holds the partitions is messages between their commit and the
 * next read of Kafka; once none runs it is real.
 */
export function ledgerSummary(metrics: TaskMetrics, running: boolean): LedgerSummary {
  const unaccounted = metrics.partitions.reduce((n, p) => n + (p.ledger.unaccounted ?? 0), 0);
  if (metrics.partitions.length === 0) {
    return { tone: "info", text: "No partition consumed yet" };
  }
  if (metrics.balanced === null) {
    return { tone: "info", text: "Balance not known yet: committed offsets not read from Kafka" };
  }
  if (metrics.balanced) {
    return { tone: "ok", text: "Balanced: every committed offset is a message written, filtered, dropped, discarded or dead-lettered" };
  }
  if (running) {
    return { tone: "info", text: `${Math.abs(unaccounted)} messages between their commit and the counters (in flight)` };
  }
  return {
    tone: "warn",
    text:
      unaccounted > 0
        ? `Not balanced: Kafka committed ${unaccounted} more messages than were counted (gaps in offsets, such as compaction or transaction markers, count here too)`
        : `Not balanced: ${-unaccounted} more messages counted than Kafka committed`,
  };
}
