import type { TaskSeries } from "@outflow/schemas/api/task-series";

/** One point as the charts plot it: `t` in epoch milliseconds, every value per second but `retained` and `lag`. */
export type ChartRow = {
  t: number;
  in: number | null;
  written: number | null;
  documents: number | null;
  filtered: number | null;
  dropped: number | null;
  discarded: number | null;
  deadLettered: number | null;
  retained: number | null;
  lag: number | null;
};

export function chartRows(series: TaskSeries): ChartRow[] {
  return series.points.map((p) => ({
    t: Date.parse(p.at),
    in: p.inPerSecond,
    written: p.writtenPerSecond,
    documents: p.documentsPerSecond,
    filtered: p.filteredPerSecond,
    dropped: p.droppedPerSecond,
    discarded: p.discardedPerSecond,
    deadLettered: p.deadLetteredPerSecond,
    retained: p.retained,
    lag: p.lag,
  }));
}

/** Whether any point holds a value: without one the charts show their empty state. */
export function hasSamples(rows: readonly ChartRow[]): boolean {
  return rows.some((r) => Object.entries(r).some(([k, v]) => k !== "t" && v !== null));
}
