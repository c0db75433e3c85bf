import type { FigureAge, TaskStatus } from "./task";

/** Runners add their counts every second and confirm them with a sample: the counters' refresh interval, with room. */
export const COUNTERS_REFRESH_SECONDS = 2;
/** Runners read end and committed offsets from Kafka every 5 s; so does the console for a task none runs. */
export const OFFSETS_REFRESH_SECONDS = 5;

/** Statuses in which a runner should be adding counts (so counters can fall behind). */
const COUNTING: readonly TaskStatus[] = ["starting", "running", "retrying", "stopping"];

/**
 * A figure is stale when it is older than twice its refresh interval, or was never read while it should have been.
 * Counters of a task that no runner should run are final, never stale.
 */
export function figureAge(at: Date | null, now: Date, refreshSeconds: number, expected = true): FigureAge {
  const ageSeconds = at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : null;
  return {
    at: at?.toISOString() ?? null,
    ageSeconds: ageSeconds === null ? null : Math.round(ageSeconds * 10) / 10,
    stale: expected && (ageSeconds === null || ageSeconds > 2 * refreshSeconds),
  };
}

export function countersExpectedToMove(status: TaskStatus): boolean {
  return COUNTING.includes(status);
}
