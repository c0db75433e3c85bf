import type { SparkPoint } from "@outflow/schemas/api/task-list";

/** A task's last stored sample in one bucket of time (its totals then). */
export type BucketSample = { at: Date; messagesIn: bigint; lag: bigint | null };

/**
 * The sparkline of one task from the last sample of each bucket, oldest first: each point is the messages settled
 * per second since the bucket before (so the oldest bucket only serves as the base) and the lag then. A total that
 * went down (samples of a recreated slot) counts as 0/s, never negative.
 */
export function sparklineOf(buckets: readonly BucketSample[]): SparkPoint[] {
  const points: SparkPoint[] = [];
  for (let i = 1; i < buckets.length; i++) {
    const prev = buckets[i - 1] as BucketSample;
    const cur = buckets[i] as BucketSample;
    const seconds = (cur.at.getTime() - prev.at.getTime()) / 1000;
    const settled = Number(cur.messagesIn - prev.messagesIn);
    points.push({
      at: cur.at.toISOString(),
      messagesPerSecond: seconds > 0 && settled > 0 ? Math.round((settled / seconds) * 10) / 10 : 0,
      lag: cur.lag === null ? null : Number(cur.lag),
    });
  }
  return points;
}
