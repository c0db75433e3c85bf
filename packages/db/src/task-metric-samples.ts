import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import { type Db, Prisma } from "./client";
import type { CounterSample, SeriesWindow } from "./metric-series";
import { type RateSample, rateOverWindow } from "./rate-window";

/** How long per-second samples are kept (the rate reads seconds of them; the charts' 15 min and 1 h ranges). */
export const SAMPLE_RETENTION = "2 hours";
/** How long the per-minute rollups are kept (the charts' 24 h and 7 day ranges, with a day to spare). */
export const ROLLUP_RETENTION = "8 days";

const COLUMNS = Prisma.raw(`"messagesIn", "messagesWritten", "documentsWritten", filtered, dropped, discarded, "deadLettered", failed, lag`);

/**
 * Stores the task's current totals as a sample (each runner does after each metrics flush, about every second).
 * `ageMs`: how long before now the totals were true (the flush's snapshot; its writes took that long).
 */
export async function recordSample(db: Db, taskId: string, ageMs = 0): Promise<void> {
  await db.$executeRaw`
    INSERT INTO task_metric_samples ("taskId", at, ${COLUMNS})
    SELECT ${taskId}, now() - make_interval(secs => ${ageMs / 1000}::double precision),
           COALESCE(SUM("messagesIn"), 0), COALESCE(SUM("messagesWritten"), 0), COALESCE(SUM("documentsWritten"), 0),
           COALESCE(SUM(filtered), 0), COALESCE(SUM(dropped), 0), COALESCE(SUM(discarded), 0), COALESCE(SUM("deadLettered"), 0),
           COALESCE(SUM(failed), 0),
           SUM(GREATEST(COALESCE("endOffset"::numeric, 0) - COALESCE("committedOffset"::numeric, 0), 0))::bigint
      FROM task_partition_metrics WHERE "taskId" = ${taskId}`;
}

/**
 * Copies the last sample of every whole minute not rolled up yet into task_metric_rollups, then drops samples older
 * than {@link SAMPLE_RETENTION} and rollups older than {@link ROLLUP_RETENTION}. Rolling up before dropping means no
 * sample is dropped unread. Reads only the samples since the newest rollup (a minute, or the 2 h kept after a long
 * stop); the newest rolled-up minute is read again, so a sample stored late into it still counts.
 */
export async function compactSamples(db: Db, taskId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO task_metric_rollups ("taskId", minute, at, ${COLUMNS})
    SELECT DISTINCT ON (date_trunc('minute', at)) "taskId", date_trunc('minute', at), at, ${COLUMNS}
      FROM task_metric_samples
     WHERE "taskId" = ${taskId} AND at < date_trunc('minute', now())
       AND at >= COALESCE((SELECT max(minute) FROM task_metric_rollups WHERE "taskId" = ${taskId}), '-infinity')
     ORDER BY date_trunc('minute', at), at DESC
    ON CONFLICT ("taskId", minute) DO UPDATE SET
      at = EXCLUDED.at, "messagesIn" = EXCLUDED."messagesIn", "messagesWritten" = EXCLUDED."messagesWritten",
      "documentsWritten" = EXCLUDED."documentsWritten", filtered = EXCLUDED.filtered, dropped = EXCLUDED.dropped,
      discarded = EXCLUDED.discarded, "deadLettered" = EXCLUDED."deadLettered", failed = EXCLUDED.failed, lag = EXCLUDED.lag
    WHERE EXCLUDED.at > task_metric_rollups.at`;
  await db.$executeRaw`DELETE FROM task_metric_samples WHERE "taskId" = ${taskId} AND at < now() - ${SAMPLE_RETENTION}::interval`;
  await db.$executeRaw`DELETE FROM task_metric_rollups WHERE "taskId" = ${taskId} AND minute < now() - ${ROLLUP_RETENTION}::interval`;
}

/**
 * The last sample of each step of `w` and of the step before it (what the first point's rates are taken against),
 * from the per-second samples, and for ranges longer than they are kept, from the rollups as well (the newest
 * minutes may not be rolled up yet, and a rollup is a copy of a sample, so the last of both is the same sample),
 * and the earliest one (the base of a task that began inside the window). At most `w.count + 2` rows.
 */
export async function readSeriesSamples(db: Db, taskId: string, w: SeriesWindow, withRollups: boolean): Promise<CounterSample[]> {
  const since = new Date(w.from.getTime() - w.stepMs);
  const rollups = withRollups
    ? Prisma.sql`UNION ALL SELECT at, ${COLUMNS} FROM task_metric_rollups WHERE "taskId" = ${taskId} AND at >= ${since}`
    : Prisma.empty;
  const step = Prisma.raw(String(Math.trunc(w.stepMs)));
  return db.$queryRaw<CounterSample[]>`
    WITH u AS (SELECT at, ${COLUMNS} FROM task_metric_samples WHERE "taskId" = ${taskId} AND at >= ${since} ${rollups})
    SELECT at, ${COLUMNS} FROM (
      SELECT DISTINCT ON (floor(extract(epoch FROM at) * 1000 / ${step})) * FROM u ORDER BY floor(extract(epoch FROM at) * 1000 / ${step}), at DESC
    ) last_of_step
    UNION ALL
    (SELECT * FROM u ORDER BY at ASC LIMIT 1)`;
}

/** Messages per second over the last `RATE_WINDOW_SECONDS`, from the stored samples (the database's clock). */
export async function readRate(db: Db, taskId: string): Promise<number> {
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  const rows = await db.$queryRaw<(RateSample & { now: Date })[]>`
    SELECT at, "messagesIn", now() AS now FROM task_metric_samples
     WHERE "taskId" = ${taskId} AND at > now() - make_interval(secs => ${(2 * windowMs) / 1000}::double precision)
     ORDER BY at ASC`;
  const now = rows[0]?.now;
  return now ? rateOverWindow(rows, now, { windowMs }) : 0;
}
