import type { AlertKind, FiringAlert } from "@outflow/schemas/alerts";
import type { Db } from "./client";

export type AlertRow = { kind: AlertKind; holdsSince: Date; firingSince: Date | null; values: Record<string, unknown> };

/** The conditions of a task that held at the last evaluation (firing or not yet). */
export async function readAlertRecords(db: Db, taskId: string): Promise<AlertRow[]> {
  const rows = await db.taskAlert.findMany({ where: { taskId }, orderBy: { kind: "asc" } });
  return rows.map((r) => ({ kind: r.kind as AlertKind, holdsSince: r.holdsSince, firingSince: r.firingSince, values: r.values as Record<string, unknown> }));
}

/** Replaces a task's records with the evaluator's (in the caller's transaction, under the task's lock). */
export async function writeAlertRecords(db: Pick<Db, "taskAlert">, taskId: string, records: AlertRow[]): Promise<void> {
  await db.taskAlert.deleteMany({ where: { taskId, kind: { notIn: records.map((r) => r.kind) } } });
  for (const r of records) {
    const data = { holdsSince: r.holdsSince, firingSince: r.firingSince, values: r.values as object };
    await db.taskAlert.upsert({ where: { taskId_kind: { taskId, kind: r.kind } }, create: { taskId, kind: r.kind, ...data }, update: data });
  }
}

/** The alerts firing now, per task, for the task view (one query for many tasks). */
export async function firingAlerts(db: Db, taskIds: string[]): Promise<Map<string, FiringAlert[]>> {
  const rows = await db.taskAlert.findMany({
    where: { taskId: { in: taskIds }, firingSince: { not: null } },
    orderBy: [{ taskId: "asc" }, { firingSince: "asc" }],
  });
  const out = new Map<string, FiringAlert[]>();
  for (const r of rows) {
    const list = out.get(r.taskId) ?? [];
    list.push({ kind: r.kind as AlertKind, firingSince: (r.firingSince as Date).toISOString(), values: r.values as Record<string, unknown> });
    out.set(r.taskId, list);
  }
  return out;
}

export type ObservedMetrics = { now: Date; lag: number | null; samples: { at: Date; documentsWritten: number; lag: number | null }[] };

/**
 * What the lag rules read: the database's now, the lag now (end minus committed offsets, over the partitions) and
 * the stored samples of the last `minutes` minutes plus the one just before them (the window's baseline).
 */
export async function observeMetrics(db: Db, taskId: string, minutes: number): Promise<ObservedMetrics> {
  const [head] = await db.$queryRaw<{ now: Date; lag: bigint | null }[]>`
    SELECT now() AS now,
           SUM(GREATEST(COALESCE("endOffset"::numeric, 0) - COALESCE("committedOffset"::numeric, 0), 0))::bigint AS lag
      FROM task_partition_metrics WHERE "taskId" = ${taskId}`;
  const rows = await db.$queryRaw<{ at: Date; documentsWritten: bigint; lag: bigint | null }[]>`
    (SELECT at, "documentsWritten", lag FROM task_metric_samples
      WHERE "taskId" = ${taskId} AND at <= now() - make_interval(mins => ${minutes}) ORDER BY at DESC LIMIT 1)
    UNION ALL
    (SELECT at, "documentsWritten", lag FROM task_metric_samples
      WHERE "taskId" = ${taskId} AND at > now() - make_interval(mins => ${minutes}) ORDER BY at ASC LIMIT 20000)
    ORDER BY at ASC`;
  return {
    now: head?.now ?? new Date(),
    lag: head?.lag == null ? null : Number(head.lag),
    samples: rows.map((r) => ({ at: r.at, documentsWritten: Number(r.documentsWritten), lag: r.lag === null ? null : Number(r.lag) })),
  };
}
