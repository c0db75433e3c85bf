import type { Counters, PartitionMetrics } from "@outflow/schemas/task";
import { type Db, Prisma } from "./client";

/** What a runner adds for one partition: the same counters the API reports. */
export type CounterDelta = Counters;

/**
 * Adds a runner's counts for one partition (and records its committed offset); nothing once the task is deleted.
 * End offsets are read every few seconds, commits every second: a commit past the stored end offset proves the end
 * is at least that far, so the end is raised with it (committed ≤ end always holds in what is stored). The last
 * (transient) error stays until messages settle again without one: then the partition has recovered.
 */
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
      failed = ${retainedNow},
      "committedOffset" = COALESCE(EXCLUDED."committedOffset", task_partition_metrics."committedOffset"),
      "endOffset" = ${atLeast(Prisma.sql`task_partition_metrics."endOffset"`, Prisma.sql`EXCLUDED."committedOffset"`)},
      "lastError" = CASE WHEN EXCLUDED."lastError" IS NOT NULL THEN EXCLUDED."lastError"
                         WHEN EXCLUDED."messagesIn" > 0 THEN NULL ELSE task_partition_metrics."lastError" END,
      "updatedAt" = now()`;
}

/**
 * `failed` counts the messages the retain policy holds now, not every stop: a stop at the same message after a
 * restart replaces the count, and once the partition settles messages again (the held one was discarded, written
 * or dead-lettered after a fix) it is 0, so a message is never both "failed" and "discarded".
 */
const retainedNow = Prisma.sql`CASE WHEN EXCLUDED.failed > 0 THEN EXCLUDED.failed WHEN EXCLUDED."messagesIn" > 0 THEN 0 ELSE task_partition_metrics.failed END`;

/** SQL for `end` raised to `floor` when both are offsets and floor is past end (offsets are stored as text). */
function atLeast(end: Prisma.Sql, floor: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${floor} IS NOT NULL AND ${end} IS NOT NULL AND ${floor}::numeric > ${end}::numeric THEN ${floor} ELSE ${end} END`;
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
      ON CONFLICT ("taskId", topic, partition) DO UPDATE SET
        "endOffset" = ${atLeast(Prisma.sql`EXCLUDED."endOffset"`, Prisma.sql`COALESCE(EXCLUDED."committedOffset", task_partition_metrics."committedOffset")`)},
        "committedOffset" = COALESCE(EXCLUDED."committedOffset", task_partition_metrics."committedOffset"), "updatedAt" = now()`;
  }
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
