import { z } from "zod";

export const SERIES_RANGE_NAMES = ["15m", "1h", "24h", "7d"] as const;

export const SeriesRange = z.enum(SERIES_RANGE_NAMES, { error: `range must be one of ${SERIES_RANGE_NAMES.join(", ")}` });
export type SeriesRange = z.infer<typeof SeriesRange>;

/**
 * How long each range spans and the width of one point: at most 500 points a range. 15 min and 1 h are read from the
 * per-second samples (kept 2 h), 24 h and 7 days from the per-minute rollups (kept 8 days).
 */
export const SERIES_RANGES: Record<SeriesRange, { seconds: number; stepSeconds: number; label: string }> = {
  "15m": { seconds: 15 * 60, stepSeconds: 2, label: "15 min" },
  "1h": { seconds: 60 * 60, stepSeconds: 10, label: "1 hour" },
  "24h": { seconds: 24 * 60 * 60, stepSeconds: 3 * 60, label: "24 hours" },
  "7d": { seconds: 7 * 24 * 60 * 60, stepSeconds: 30 * 60, label: "7 days" },
};

export const MAX_SERIES_POINTS = 500;

export const SeriesQuery = z.object({ range: SeriesRange.default("1h") });
export type SeriesQuery = z.infer<typeof SeriesQuery>;

const PerSecond = z.number().nonnegative().nullable();

/**
 * One point: the task's counters over one step. Rates are messages per second between the last sample of this step
 * and the last sample before it (`spanSeconds` apart), null when the step has no sample, there is no earlier one,
 * or the counter went down (the task's metrics were reset). `retained` (held by the retain policy) and `lag` are
 * the values at the step's last sample.
 */
export const SeriesPoint = z.object({
  /** The step's start. */
  at: z.iso.datetime(),
  spanSeconds: z.number().positive().nullable(),
  inPerSecond: PerSecond,
  writtenPerSecond: PerSecond,
  documentsPerSecond: PerSecond,
  filteredPerSecond: PerSecond,
  droppedPerSecond: PerSecond,
  discardedPerSecond: PerSecond,
  deadLetteredPerSecond: PerSecond,
  retained: z.number().int().nonnegative().nullable(),
  lag: z.number().int().nonnegative().nullable(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

/** A point with no figures: a step without samples. */
export function emptySeriesPoint(at: string): SeriesPoint {
  return {
    at,
    spanSeconds: null,
    inPerSecond: null,
    writtenPerSecond: null,
    documentsPerSecond: null,
    filteredPerSecond: null,
    droppedPerSecond: null,
    discardedPerSecond: null,
    deadLetteredPerSecond: null,
    retained: null,
    lag: null,
  };
}

export const TaskSeries = z.object({
  range: SeriesRange,
  stepSeconds: z.number().int().positive(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  points: z.array(SeriesPoint).max(MAX_SERIES_POINTS),
});
export type TaskSeries = z.infer<typeof TaskSeries>;
