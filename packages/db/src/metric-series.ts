import { emptySeriesPoint, type SeriesPoint } from "@outflow/schemas/api/task-series";

/** A task's cumulative totals at one instant (a stored sample or a minute's rollup of one). */
export type CounterSample = {
  at: Date;
  messagesIn: bigint;
  messagesWritten: bigint;
  documentsWritten: bigint;
  filtered: bigint;
  dropped: bigint;
  discarded: bigint;
  deadLettered: bigint;
  /** Held by the retain policy now: a gauge, not a total. */
  failed: bigint;
  lag: bigint | null;
};

/** `count` steps of `stepMs`, the first starting at `from`. */
export type SeriesWindow = { from: Date; stepMs: number; count: number };

/**
 * The window of `count` steps whose last step holds `now`, steps aligned to multiples of `stepMs` since the epoch
 * (so a point keeps its place from one refresh to the next, and the database can group by the same steps).
 */
export function seriesWindow(now: Date, spanMs: number, stepMs: number): SeriesWindow {
  const count = Math.floor(spanMs / stepMs);
  const lastStart = Math.floor(now.getTime() / stepMs) * stepMs;
  return { from: new Date(lastStart - (count - 1) * stepMs), stepMs, count };
}

const RATES = [
  ["inPerSecond", "messagesIn"],
  ["writtenPerSecond", "messagesWritten"],
  ["documentsPerSecond", "documentsWritten"],
  ["filteredPerSecond", "filtered"],
  ["droppedPerSecond", "dropped"],
  ["discardedPerSecond", "discarded"],
  ["deadLetteredPerSecond", "deadLettered"],
] as const satisfies readonly (readonly [keyof SeriesPoint, keyof CounterSample])[];

/**
 * One point per step of `w`: each counter's rate is the difference of the totals at the step's last sample and at
 * the last sample before the step (the one before `w.from` included), over the seconds between them. So the rates
 * times their spans add up to exactly what was counted, and a step after a stretch without samples (no runner)
 * averages over that stretch. A counter that went down (the task's metrics were reset) gives no rate for that step,
 * rather than a negative one or a guess. Without a sample before the window (the task began inside it), the first
 * step's rates run from the earliest sample, so a task younger than a step still shows what it did. Samples need not
 * be sorted; those after the window, and those before it but the last one, are ignored.
 */
export function seriesPoints(samples: readonly CounterSample[], w: SeriesWindow): SeriesPoint[] {
  const start = w.from.getTime();
  const lastInStep = new Array<CounterSample | undefined>(w.count);
  let before: CounterSample | undefined;
  let earliest: CounterSample | undefined;
  for (const s of samples) {
    const t = s.at.getTime();
    if (!earliest || t < earliest.at.getTime()) {
      earliest = s;
    }
    if (t < start) {
      if (!before || t >= before.at.getTime()) {
        before = s;
      }
      continue;
    }
    const i = Math.floor((t - start) / w.stepMs);
    const seen = lastInStep[i];
    if (i < w.count && (!seen || t >= seen.at.getTime())) {
      lastInStep[i] = s;
    }
  }
  const points: SeriesPoint[] = [];
  let prev = before;
  for (let i = 0; i < w.count; i++) {
    const at = new Date(start + i * w.stepMs).toISOString();
    const s = lastInStep[i];
    if (!s) {
      points.push(emptySeriesPoint(at));
      continue;
    }
    // The first step of a task that began inside the window: its rates run from the task's first sample.
    prev ??= earliest;
    const spanMs = prev ? s.at.getTime() - prev.at.getTime() : 0;
    const point: SeriesPoint = { ...emptySeriesPoint(at), retained: Number(s.failed), lag: s.lag === null ? null : Number(s.lag) };
    if (prev && spanMs > 0) {
      point.spanSeconds = spanMs / 1000;
      for (const [rate, counter] of RATES) {
        const d = s[counter] - (prev[counter] as bigint);
        point[rate] = d < 0n ? null : Number(d) / (spanMs / 1000);
      }
    }
    points.push(point);
    prev = s;
  }
  return points;
}
