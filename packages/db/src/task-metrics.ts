import type { Counters, PartitionMetrics } from "@outflow/schemas/task";
import type { Db } from "./client";

/** What a runner adds for one partition: the same counters the API reports. */
export type CounterDelta = Counters;

/** Adds a runner's counts for one partition (and records its committed offset); nothing once the task is deleted. */
export async function addPartitionCounts(
  db: Db,
  taskId: string,
  topic: string,
  partition: number,
  d: CounterDelta,
  committedOffset: string | null,
  lastError: string | null,
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO task_partition_metrics ("taskId", topic, partition, "messagesIn", "bytesIn", "messagesWritten", "documentsWritten",
                                        filtered, dropped, discarded, "deadLettered", failed, "committedOffset", "lastError", "updatedAt")
    SELECT id, ${topic}, ${partition}, ${d.messagesIn}, ${d.bytesIn}, ${d.messagesWritten}, ${d.documentsWritten},
           ${d.filtered}, ${d.dropped}, ${d.discarded}, ${d.deadLettered}, ${d.failed}, ${committedOffset}, ${lastError}, now()
    FROM tasks WHERE id = ${taskId} FOR KEY SHARE
    ON CONFLICT ("taskId", topic, partition) DO UPDATE SET
      "messagesIn" = task_partition_metrics."messagesIn" + EXCLUDED."messagesIn",
      "bytesIn" = task_partition_metrics."bytesIn" + EXCLUDED."bytesIn",
      "messagesWritten" = task_partition_metrics."messagesWritten" + EXCLUDED."messagesWritten",
      "documentsWritten" = task_partition_metrics."documentsWritten" + EXCLUDED."documentsWritten",
      filtered = task_partition_metrics.filtered + EXCLUDED.filtered,
      dropped = task_partition_metrics.dropped + EXCLUDED.dropped,
      discarded = task_partition_metrics.discarded + EXCLUDED.discarded,
      "deadLettered" = task_partition_metrics."deadLettered" + EXCLUDED."deadLettered",
      failed = task_partition_metrics.failed + EXCLUDED.failed,
      "committedOffset" = COALESCE(EXCLUDED."committedOffset", task_partition_metrics."committedOffset"),
      "lastError" = COALESCE(EXCLUDED."lastError", task_partition_metrics."lastError"),
      "updatedAt" = now()`;
}

export async function setEndOffsets(
  db: Db,
  taskId: string,
  ends: { topic: string; partition: number; endOffset: string; committedOffset: string | null }[],
): Promise<void> {
  for (const e of ends) {
    await db.$executeRaw`
      INSERT INTO task_partition_metrics ("taskId", topic, partition, "endOffset", "committedOffset", "updatedAt")
      VALUES (${taskId}, ${e.topic}, ${e.partition}, ${e.endOffset}, ${e.committedOffset}, now())
      ON CONFLICT ("taskId", topic, partition) DO UPDATE SET "endOffset" = EXCLUDED."endOffset",
        "committedOffset" = COALESCE(EXCLUDED."committedOffset", task_partition_metrics."committedOffset"), "updatedAt" = now()`;
  }
}

export async function recordSample(db: Db, taskId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO task_metric_samples ("taskId", at, "messagesIn", "documentsWritten", lag)
    SELECT ${taskId}, now(), COALESCE(SUM("messagesIn"), 0), COALESCE(SUM("documentsWritten"), 0),
           SUM(GREATEST(COALESCE("endOffset"::numeric, 0) - COALESCE("committedOffset"::numeric, 0), 0))::bigint
      FROM task_partition_metrics WHERE "taskId" = ${taskId}`;
  await db.$executeRaw`DELETE FROM task_metric_samples WHERE "taskId" = ${taskId} AND at < now() - interval '1 day'`;
}

const COUNTER_KEYS = ["messagesIn", "bytesIn", "messagesWritten", "documentsWritten", "filtered", "dropped", "discarded", "deadLettered", "failed"] as const;

export async function readPartitionMetrics(
  db: Db,
  taskId: string,
): Promise<{ partitions: PartitionMetrics[]; totals: Counters; lastError: string | null; updatedAt: string | null }> {
  const rows = await db.taskPartitionMetric.findMany({ where: { taskId }, orderBy: [{ topic: "asc" }, { partition: "asc" }] });
  const totals = Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as Counters;
  let lastError: string | null = null;
  let updatedAt: Date | null = null;
  const partitions = rows.map((r) => {
    const counters = Object.fromEntries(COUNTER_KEYS.map((k) => [k, Number(r[k])])) as Counters;
    for (const k of COUNTER_KEYS) {
      totals[k] += counters[k];
    }
    if (!updatedAt || r.updatedAt > updatedAt) {
      updatedAt = r.updatedAt;
      lastError = r.lastError ?? lastError;
    }
    const lag = r.endOffset !== null ? Math.max(0, Number(r.endOffset) - Number(r.committedOffset ?? 0)) : null;
    return { topic: r.topic, partition: r.partition, ...counters, committedOffset: r.committedOffset, endOffset: r.endOffset, lag };
  });
  return { partitions, totals, lastError, updatedAt: (updatedAt as Date | null)?.toISOString() ?? null };
}

/** Messages per second between the oldest and newest sample of the last minute. */
export async function readRate(db: Db, taskId: string): Promise<number> {
  const rows = await db.taskMetricSample.findMany({
    where: { taskId, at: { gt: new Date(Date.now() - 60_000) } },
    orderBy: { at: "asc" },
    select: { at: true, messagesIn: true },
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last || last.at <= first.at) {
    return 0;
  }
  return Number(last.messagesIn - first.messagesIn) / ((last.at.getTime() - first.at.getTime()) / 1000);
}
