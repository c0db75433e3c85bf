import type { Counters, FigureAge, TaskMetrics } from "@outflow/schemas/task";
import type { TaskConfig } from "@outflow/schemas/task-config";
import type { useTranslations } from "next-intl";

type AgeT = ReturnType<typeof useTranslations<"tasks.age">>;
type LedgerT = ReturnType<typeof useTranslations<"tasks.ledger">>;

/** What a task writes, so its counters can be named as users mean them. */
export type CountingMode = "documents" | "cdc" | "aggregation";

export function countingMode(config: TaskConfig): CountingMode {
  return config.sink.cdc ? "cdc" : config.sink.aggregation ? "aggregation" : "documents";
}

export type CardValue = { kind: "count" | "bytes" | "rate"; value: number | null };

/** The cards' ids; each names its label (and hint, when it has one) in the catalogue (`tasks.metrics.cards.<id>`). */
export type CardId =
  | "rate"
  | "lag"
  | "messages-in"
  | "bytes-in"
  | "rows-indexed"
  | "rows-updated"
  | "rows-deleted"
  | "messages-aggregated"
  | "groups-created"
  | "groups-updated"
  | "documents-written"
  | "documents-created"
  | "documents-overwritten"
  | "filtered"
  | "dropped"
  | "discarded"
  | "dead-lettered"
  | "failed";

/** The cards whose catalogue entry has a hint under the label. */
export type HintedCardId = Exclude<CardId, "rate" | "bytes-in" | "filtered" | "dropped" | "dead-lettered">;

/** One card: its total, the same since the last offset reset when there was one, and whether it has a hint. */
export type MetricCard = { id: CardId; total: CardValue; sinceReset: CardValue | null; hint: boolean };

type CounterKey = keyof Counters;

const counter = (id: CardId, key: CounterKey, hint = true) => ({ id, key, hint });

/** The counters that say what reached Elasticsearch, per mode. */
function writtenCounters(mode: CountingMode) {
  switch (mode) {
    case "cdc":
      return [counter("rows-indexed", "documentsCreated"), counter("rows-updated", "documentsUpdated"), counter("rows-deleted", "documentsDeleted")];
    case "aggregation":
      return [counter("messages-aggregated", "messagesWritten"), counter("groups-created", "documentsCreated"), counter("groups-updated", "documentsUpdated")];
    default:
      return [
        counter("documents-written", "documentsWritten"),
        counter("documents-created", "documentsCreated"),
        counter("documents-overwritten", "documentsUpdated"),
      ];
  }
}

/** The task page's cards, named for the task's mode. Counters since the last reset appear only after a reset. */
export function metricCards(metrics: TaskMetrics, mode: CountingMode): MetricCard[] {
  const reset = metrics.resetAt !== null;
  const card = (c: { id: CardId; key: CounterKey; hint: boolean }, kind: CardValue["kind"] = "count"): MetricCard => ({
    id: c.id,
    total: { kind, value: metrics.totals[c.key] },
    sinceReset: reset && c.key !== "failed" ? { kind, value: metrics.sinceReset[c.key] } : null,
    hint: c.hint,
  });
  return [
    { id: "rate", total: { kind: "rate", value: metrics.ratePerSecond }, sinceReset: null, hint: false },
    { id: "lag", total: { kind: "count", value: metrics.lag }, sinceReset: null, hint: true },
    card(counter("messages-in", "messagesIn")),
    card(counter("bytes-in", "bytesIn", false), "bytes"),
    ...writtenCounters(mode).map((c) => card(c)),
    card(counter("filtered", "filtered", false)),
    card(counter("dropped", "dropped", false)),
    card(counter("discarded", "discarded")),
    card(counter("dead-lettered", "deadLettered", false)),
    card(counter("failed", "failed")),
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
export function ageText(t: AgeT, age: FigureAge, sinceFetchSeconds = 0): string {
  if (age.ageSeconds === null) {
    return t("never");
  }
  const s = age.ageSeconds + sinceFetchSeconds;
  if (s < 60) {
    return t("seconds", { n: Math.round(s) });
  }
  if (s < 3600) {
    return t("minutes", { n: Math.round(s / 60) });
  }
  if (s < 86_400) {
    return t("hours", { n: Math.round(s / 3600) });
  }
  return t("days", { n: Math.round(s / 86_400) });
}

export type LedgerSummary = { tone: "ok" | "warn" | "info"; text: string };

/**
 * The ledger in one line. A difference while a runner holds the partitions is messages between their commit and the
 * next read of Kafka; once none runs it is real.
 */
export function ledgerSummary(t: LedgerT, metrics: TaskMetrics, running: boolean): LedgerSummary {
  const unaccounted = metrics.partitions.reduce((n, p) => n + (p.ledger.unaccounted ?? 0), 0);
  if (metrics.partitions.length === 0) {
    return { tone: "info", text: t("noPartition") };
  }
  if (metrics.balanced === null) {
    return { tone: "info", text: t("unknown") };
  }
  if (metrics.balanced) {
    return { tone: "ok", text: t("balanced") };
  }
  if (running) {
    return { tone: "info", text: t("inFlight", { count: Math.abs(unaccounted) }) };
  }
  return { tone: "warn", text: unaccounted > 0 ? t("moreCommitted", { count: unaccounted }) : t("moreCounted", { count: -unaccounted }) };
}
