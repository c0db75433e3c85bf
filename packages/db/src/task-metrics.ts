import { type Counters, type PartitionMetrics, zeroCounters } from "@outflow/schemas/task";
import { type Db, Prisma } from "./client";
import { partitionLedger } from "./partition-ledger";

/** What a runner adds for one partition: the same counters the API reports. */
export type CounterDelta = Counters;

/**
 * Records a partition's state that is not a count: the message the retain policy holds now (`held`), and the last
 * transient error, which stays until messages settle again without one (then the partition has recovered: see
 * addSettledSpan). Nothing once the task is deleted.
 */
export async function addPartitionState(
  db: Db,
  taskId: string,
  topic: string,
  partition: number,
  state: { held: boolean; lastError: string | null },
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO task_partition_metrics ("taskId", topic, partition, failed, "lastError", "updatedAt")
    SELECT id, ${topic}, ${partition}, ${state.held ? 1 : 0}, ${state.lastError}, now()
    FROM tasks WHERE id = ${taskId} FOR KEY SHARE
    ON CONFLICT ("taskId", topic, partition) DO UPDATE SET
      failed = CASE WHEN EXCLUDED.failed > 0 THEN EXCLUDED.failed ELSE task_partition_metrics.failed END,
      "lastError" = COALESCE(EXCLUDED."lastError", task_partition_metrics."lastError"),
      "updatedAt" = now()`;
}

/** Counts of settled messages from offset `from` up to `to` (exclusive, the offset to commit). */
export type SettledSpan = { counts: Omit<CounterDelta, "failed">; from: string; to: string };

/**
 * Adds the counts of a settled span unless some of it was counted already: only when the partition is counted up to
 * `from` or less (`countedTo`), then counted up to `to`. Null when added (or when the task is gone); otherwise the
 * offset it is counted up to, so the caller can count again only what lies past it. Runs before the span's offsets
 * are committed to Kafka, so a crash between the two leaves the span counted once: whoever settles it again counts
 * nothing of it. Settled messages clear the held (retained) count and the last error.
 */
export async function addSettledSpan(db: Db, taskId: string, topic: string, partition: number, span: SettledSpan): Promise<{ countedTo: string } | null> {
  const d = span.counts;
  const added = await db.$executeRaw`
    INSERT INTO task_partition_metrics ("taskId", topic, partition, "messagesIn", "bytesIn", "messagesWritten", "documentsWritten",
                                        filtered, dropped, discarded, "deadLettered", "documentsCreated", "documentsUpdated",
                                        "documentsDeleted", "committedOffset", "countedFrom", "countedTo", "updatedAt")
    SELECT id, ${topic}, ${partition}, ${d.messagesIn}, ${d.bytesIn}, ${d.messagesWritten}, ${d.documentsWritten},
           ${d.filtered}, ${d.dropped}, ${d.discarded}, ${d.deadLettered}, ${d.documentsCreated}, ${d.documentsUpdated},
           ${d.documentsDeleted}, ${span.to}, ${span.from}, ${span.to}, now()
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
      "documentsCreated" = task_partition_metrics."documentsCreated" + EXCLUDED."documentsCreated",
      "documentsUpdated" = task_partition_metrics."documentsUpdated" + EXCLUDED."documentsUpdated",
      "documentsDeleted" = task_partition_metrics."documentsDeleted" + EXCLUDED."documentsDeleted",
      failed = CASE WHEN EXCLUDED."messagesIn" > 0 THEN 0 ELSE task_partition_metrics.failed END,
      "lastError" = CASE WHEN EXCLUDED."messagesIn" > 0 THEN NULL ELSE task_partition_metrics."lastError" END,
      "committedOffset" = EXCLUDED."committedOffset",
      "endOffset" = ${atLeast(Prisma.sql`task_partition_metrics."endOffset"`, Prisma.sql`EXCLUDED."committedOffset"`)},
      "countedFrom" = COALESCE(task_partition_metrics."countedFrom", EXCLUDED."countedFrom"),
      "countedTo" = EXCLUDED."countedTo",
      "updatedAt" = now()
    WHERE task_partition_metrics."countedTo" IS NULL OR task_partition_metrics."countedTo"::numeric <= ${span.from}::numeric`;
  if (added > 0) {
    return null;
  }
  const row = await db.taskPartitionMetric.findUnique({ where: { taskId_topic_partition: { taskId, topic, partition } }, select: { countedTo: true } });
  return row?.countedTo ? { countedTo: row.countedTo } : null;
}

/** SQL for `end` raised to `floor` when both are offsets and floor is past end (offsets are stored as text). */
function atLeast(end: Prisma.Sql, floor: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${floor} IS NOT NULL AND ${end} IS NOT NULL AND ${floor}::numeric > ${end}::numeric THEN ${floor} ELSE ${end} END`;
}

/** The offsets of one partition as read from Kafka: its end and the task's consumer group's committed offset. */
export type KafkaOffsets = { topic: string; partition: number; endOffset: string; committedOffset: string | null };

/**
 * Stores offsets read from Kafka (by a runner every few seconds, or by the console for a task none runs) and when
 * they were read: lag and the ledger's committed offset come from here. Counters and their time are left alone.
 */
export async function setEndOffsets(db: Db, taskId: string, ends: KafkaOffsets[]): Promise<void> {
  for (const e of ends) {
    await db.$executeRaw`
      INSERT INTO task_partition_metrics ("taskId", topic, partition, "endOffset", "committedOffset", "kafkaCommittedOffset", "offsetsReadAt")
      SELECT id, ${e.topic}, ${e.partition}, ${e.endOffset}, ${e.committedOffset}, ${e.committedOffset}, now()
      FROM tasks WHERE id = ${taskId} FOR KEY SHARE
      ON CONFLICT ("taskId", topic, partition) DO UPDATE SET
        "endOffset" = ${atLeast(Prisma.sql`EXCLUDED."endOffset"`, Prisma.sql`COALESCE(EXCLUDED."committedOffset", task_partition_metrics."committedOffset")`)},
        "committedOffset" = COALESCE(EXCLUDED."committedOffset", task_partition_metrics."committedOffset"),
        "kafkaCommittedOffset" = EXCLUDED."kafkaCommittedOffset", "offsetsReadAt" = now()`;
  }
}

/**
 * An offset reset was applied: the counters so far become the baseline of "since the last reset", and the ledger
 * starts again at the first offset counted after it. Partitions nothing was counted of are left alone (a task's
 * first start position is no reset).
 */
export async function markOffsetReset(db: Db, taskId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE task_partition_metrics SET
      baseline = jsonb_build_object(${Prisma.join(COUNTER_KEYS.flatMap((k) => [Prisma.sql`${k}::text`, Prisma.raw(`"${k}"`)]))}),
      "countedFrom" = NULL, "countedTo" = NULL, "resetAt" = now()
    WHERE "taskId" = ${taskId} AND ("countedTo" IS NOT NULL OR "messagesIn" > 0)`;
}

/** Every counter, in the order of `zeroCounters` (the API schema's). */
const COUNTER_KEYS = Object.keys(zeroCounters()) as (keyof Counters)[];

export type StoredPartitionMetrics = {
  partitions: PartitionMetrics[];
  totals: Counters;
  sinceReset: Counters;
  resetAt: string | null;
  lastError: string | null;
  /** When the runner last added counts. */
  updatedAt: string | null;
  /** When the oldest of the partitions' offsets was read from Kafka (null: never). */
  offsetsReadAt: string | null;
};

export async function readPartitionMetrics(db: Db, taskId: string): Promise<StoredPartitionMetrics> {
  const rows = await db.taskPartitionMetric.findMany({ where: { taskId }, orderBy: [{ topic: "asc" }, { partition: "asc" }] });
  const totals = zeroCounters();
  const sinceReset = zeroCounters();
  let lastError: string | null = null;
  let updatedAt: Date | null = null;
  let offsetsReadAt: Date | null = null;
  let resetAt: Date | null = null;
  const partitions = rows.map((r) => {
    const counters = Object.fromEntries(COUNTER_KEYS.map((k) => [k, Number(r[k])])) as Counters;
    const since = countersSince(counters, r.baseline);
    for (const k of COUNTER_KEYS) {
      totals[k] += counters[k];
      sinceReset[k] += since[k];
    }
    if (!updatedAt || r.updatedAt > updatedAt) {
      updatedAt = r.updatedAt;
      lastError = r.lastError ?? lastError;
    }
    if (r.offsetsReadAt && (!offsetsReadAt || r.offsetsReadAt < offsetsReadAt)) {
      offsetsReadAt = r.offsetsReadAt;
    }
    if (r.resetAt && (!resetAt || r.resetAt > resetAt)) {
      resetAt = r.resetAt;
    }
    const lag = r.endOffset !== null ? Math.max(0, Number(r.endOffset) - Number(r.committedOffset ?? 0)) : null;
    const ledger = partitionLedger({ countedFrom: r.countedFrom, kafkaCommitted: r.kafkaCommittedOffset, since });
    return {
      topic: r.topic,
      partition: r.partition,
      ...counters,
      sinceReset: since,
      committedOffset: r.committedOffset,
      endOffset: r.endOffset,
      lag,
      offsetsReadAt: r.offsetsReadAt?.toISOString() ?? null,
      ledger,
    };
  });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return { partitions, totals, sinceReset, resetAt: iso(resetAt), lastError, updatedAt: iso(updatedAt), offsetsReadAt: iso(offsetsReadAt) };
}

/** The counters since the last reset: `counters` less the baseline stored at the reset (none: all of them). */
function countersSince(counters: Counters, baseline: unknown): Counters {
  const base = baseline !== null && typeof baseline === "object" ? (baseline as Record<string, unknown>) : {};
  const out = { ...counters };
  for (const k of COUNTER_KEYS) {
    // `failed` is what is held now, not a running total.
    if (k !== "failed") {
      out[k] = Math.max(0, counters[k] - Number(base[k] ?? 0));
    }
  }
  return out;
}

/**
 * When a runner last confirmed the task's counters (it stores a sample after every flush, also when nothing
 * settled), and the database's clock now, so ages never mix clocks.
 */
export async function readCountersConfirmedAt(db: Db, taskId: string): Promise<{ at: Date | null; now: Date }> {
  const [row] = await db.$queryRaw<{ at: Date | null; now: Date }[]>`
    SELECT max(at) AS at, now() AS now FROM task_metric_samples WHERE "taskId" = ${taskId}`;
  return row ?? { at: null, now: new Date() };
}
