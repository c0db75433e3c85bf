import type { DesiredState, SlotPace as SlotPaceView } from "@outflow/schemas/task";
import type { Db } from "./client";

/** A consumer slot held by one worker; `token` grows on each takeover and fences the old holder out. */
export type Lease = { taskId: string; slot: number; owner: string; token: bigint; configVersion: number };

/**
 * Takes a slot whose lease is free or expired (judged by the database's clock, so workers' clocks don't matter).
 * Returns null when another worker holds it or the task no longer wants to run.
 */
export async function claimSlot(db: Db, taskId: string, slot: number, owner: string, leaseMs: number): Promise<Lease | null> {
  const rows = await db.$queryRaw<{ token: bigint; configVersion: number }[]>`
    UPDATE task_leases l
       SET owner = ${owner}, token = l.token + 1, "expiresAt" = now() + ${leaseMs} * interval '1 millisecond',
           "acquiredAt" = now(), "configVersion" = t."configVersion", "writePace" = NULL
      FROM tasks t
     WHERE l."taskId" = ${taskId} AND l.slot = ${slot} AND t.id = l."taskId" AND t."desiredState" = 'running'
       AND l.slot < (t.config->'source'->>'consumers')::int
       AND (l.owner IS NULL OR l."expiresAt" < now())
 RETURNING l.token, t."configVersion"`;
  const row = rows[0];
  return row ? { taskId, slot, owner, token: row.token, configVersion: row.configVersion } : null;
}

export type Renewal = { held: false } | { held: true; desiredState: DesiredState; configVersion: number; consumers: number };

/** Extends the lease if this holder (owner and token) still has it; tells what the task wants now. */
export async function renewSlot(db: Db, lease: Lease, leaseMs: number): Promise<Renewal> {
  const rows = await db.$queryRaw<{ desiredState: DesiredState; configVersion: number; consumers: number }[]>`
    UPDATE task_leases l
       SET "expiresAt" = now() + ${leaseMs} * interval '1 millisecond'
      FROM tasks t
     WHERE l."taskId" = ${lease.taskId} AND l.slot = ${lease.slot} AND l.owner = ${lease.owner} AND l.token = ${lease.token}
       AND t.id = l."taskId"
 RETURNING t."desiredState", t."configVersion", (t.config->'source'->>'consumers')::int AS consumers`;
  const row = rows[0];
  return row ? { held: true, desiredState: row.desiredState, configVersion: row.configVersion, consumers: row.consumers } : { held: false };
}

/** Gives the slot back (a surplus slot, beyond the task's consumer count, is removed). */
export async function releaseSlot(db: Db, lease: Lease): Promise<void> {
  await db.$executeRaw`
    UPDATE task_leases SET owner = NULL, "expiresAt" = now(), "writePace" = NULL
     WHERE "taskId" = ${lease.taskId} AND slot = ${lease.slot} AND owner = ${lease.owner} AND token = ${lease.token}`;
  await db.$executeRaw`
    DELETE FROM task_leases l USING tasks t
     WHERE l."taskId" = ${lease.taskId} AND l.slot = ${lease.slot} AND l.owner IS NULL AND t.id = l."taskId"
       AND l.slot >= (t.config->'source'->>'consumers')::int`;
}

/** Slots of tasks that want to run and that no live worker holds. */
export async function findUnheldSlots(db: Db, taskId?: string): Promise<{ taskId: string; slot: number; configVersion: number }[]> {
  const rows = await db.$queryRaw<{ taskId: string; slot: number; configVersion: number }[]>`
    SELECT l."taskId", l.slot, t."configVersion"
      FROM task_leases l JOIN tasks t ON t.id = l."taskId"
     WHERE t."desiredState" = 'running' AND (l.owner IS NULL OR l."expiresAt" < now())
       AND l.slot < (t.config->'source'->>'consumers')::int
       AND (${taskId ?? null}::text IS NULL OR l."taskId" = ${taskId ?? null})
     ORDER BY l."taskId", l.slot`;
  return rows;
}

/** How many slots of a task are held by a live lease. */
export async function countHeldSlots(db: Db, taskId: string): Promise<number> {
  return db.taskLease.count({ where: { taskId, owner: { not: null }, expiresAt: { gt: new Date() } } });
}

/** Live slots per worker and per task: what reconcile balances when it places claims. */
export async function heldSlotsByOwner(db: Db): Promise<Map<string, Map<string, number>>> {
  const rows = await db.$queryRaw<{ owner: string; taskId: string; n: bigint }[]>`
    SELECT owner, "taskId", count(*) AS n FROM task_leases
     WHERE owner IS NOT NULL AND "expiresAt" > now() GROUP BY owner, "taskId"`;
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const byTask = out.get(r.owner) ?? new Map<string, number>();
    byTask.set(r.taskId, Number(r.n));
    out.set(r.owner, byTask);
  }
  return out;
}

/** A slot's write pace as its runner last reported it (WritePace in the worker), for the task page. */
export type SlotPace = Omit<SlotPaceView, "slot">;

/** Records the pace of the slot this holder still has (a taken-over slot's old holder writes nothing). */
export async function recordSlotPace(db: Db, lease: Lease, pace: SlotPace): Promise<void> {
  await db.$executeRaw`
    UPDATE task_leases SET "writePace" = ${JSON.stringify(pace)}::jsonb
     WHERE "taskId" = ${lease.taskId} AND slot = ${lease.slot} AND owner = ${lease.owner} AND token = ${lease.token}`;
}

/** The paces of a task's live slots, by slot (a slot that has not reported one is left out). */
export async function readSlotPaces(db: Db, taskId: string): Promise<{ slot: number; pace: SlotPace }[]> {
  const rows = await db.$queryRaw<{ slot: number; writePace: SlotPace }[]>`
    SELECT slot, "writePace" FROM task_leases
     WHERE "taskId" = ${taskId} AND owner IS NOT NULL AND "expiresAt" > now() AND "writePace" IS NOT NULL
     ORDER BY slot`;
  return rows.map((r) => ({ slot: r.slot, pace: r.writePace }));
}
