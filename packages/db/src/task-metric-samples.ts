import { RATE_IDLE_SECONDS, RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import type { Db } from "./client";
import { type RateSample, rateOverWindow } from "./rate-window";

/**
 * Stores the task's current totals as a sample (each runner does after each metrics flush, about every second).
 * `ageMs`: how long before now the totals were true (the flush's snapshot; its writes took that long).
 */
export async function recordSample(db: Db, taskId: string, ageMs = 0): Promise<void> {
  await db.$executeRaw`
    INSERT INTO task_metric_samples ("taskId", at, "messagesIn", "documentsWritten", lag)
    SELECT ${taskId}, now() - make_interval(secs => ${ageMs / 1000}::double precision), COALESCE(SUM("messagesIn"), 0), COALESCE(SUM("documentsWritten"), 0),
           SUM(GREATEST(COALESCE("endOffset"::numeric, 0) - COALESCE("committedOffset"::numeric, 0), 0))::bigint
      FROM task_partition_metrics WHERE "taskId" = ${taskId}`;
}

/** Drops samples older than an hour (the rate reads seconds of them). */
export async function pruneSamples(db: Db, taskId: string): Promise<void> {
  await db.$executeRaw`DELETE FROM task_metric_samples WHERE "taskId" = ${taskId} AND at < now() - interval '1 hour'`;
}

/** Messages per second over the last `RATE_WINDOW_SECONDS`, from the stored samples (the database's clock). */
export async function readRate(db: Db, taskId: string): Promise<number> {
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  const idleMs = RATE_IDLE_SECONDS * 1000;
  const rows = await db.$queryRaw<(RateSample & { now: Date })[]>`
    SELECT at, "messagesIn", now() AS now FROM task_metric_samples
     WHERE "taskId" = ${taskId} AND at > now() - make_interval(secs => ${(2 * windowMs) / 1000}::double precision)
     ORDER BY at ASC`;
  const now = rows[0]?.now;
  return now ? rateOverWindow(rows, now, { windowMs, idleMs }) : 0;
}
