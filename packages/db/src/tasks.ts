import { type EventWords, eventWords, wordsDetails } from "@outflow/schemas/event-words";
import type { DesiredState, EventActor, FailurePoint, Task, TaskStatus } from "@outflow/schemas/task";
import type { StartPosition, TaskConfig } from "@outflow/schemas/task-config";
import { TaskConfig as TaskConfigSchema } from "@outflow/schemas/task-config";
import { type Db, Prisma } from "./client";
import { recordConfigVersion } from "./task-config-versions";
import { appendEvent, type NewEvent } from "./task-events";

const select = {
  id: true,
  name: true,
  config: true,
  configVersion: true,
  desiredState: true,
  status: true,
  statusReason: true,
  failurePoint: true,
  pendingOffsetReset: true,
  createdAt: true,
  updatedAt: true,
} as const;

type Row = {
  id: string;
  name: string;
  config: unknown;
  configVersion: number;
  desiredState: DesiredState;
  status: TaskStatus;
  statusReason: string | null;
  failurePoint: unknown;
  pendingOffsetReset: unknown;
  createdAt: Date;
  updatedAt: Date;
};

/** An explicit offset position to apply before the task's consumers next join. */
export type OffsetReset = StartPosition | { type: "offsets"; offsets: { topic: string; partition: number; offset: string }[] };

export type TaskRecord = Task & { pendingOffsetReset: OffsetReset | null };

export function consumerGroupOf(taskId: string): string {
  return `outflow-task-${taskId}`;
}

function toTask(row: Row): TaskRecord {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    desiredState: row.desiredState,
    statusReason: row.statusReason,
    failurePoint: (row.failurePoint as FailurePoint | null) ?? null,
    config: TaskConfigSchema.parse(row.config),
    configVersion: row.configVersion,
    consumerGroup: consumerGroupOf(row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    pendingOffsetReset: (row.pendingOffsetReset as OffsetReset | null) ?? null,
  };
}

export async function insertTask(db: Db, data: { name: string; config: TaskConfig }, actor: EventActor): Promise<TaskRecord> {
  return db.$transaction(async (txc) => {
    const tx = txc as unknown as Db;
    const row = await tx.task.create({
      data: {
        name: data.name,
        config: data.config as object,
        sourceConnectionId: data.config.source.connectionId,
        sinkConnectionId: data.config.sink.connectionId,
        pendingOffsetReset: data.config.source.startPosition as object,
      },
      select,
    });
    await recordConfigVersion(tx, row.id, data.config, actor, eventWords.taskCreated().message);
    const created = eventWords.created(row.name);
    await appendEvent(tx, row.id, { level: "info", kind: "created", message: created.message, details: wordsDetails(created), actor });
    return toTask(row);
  });
}

export async function findTask(db: Db, id: string): Promise<TaskRecord | null> {
  const row = await db.task.findFirst({ where: { id }, select });
  return row ? toTask(row) : null;
}

export async function listTasks(db: Db): Promise<TaskRecord[]> {
  return (await db.task.findMany({ select, orderBy: { createdAt: "asc" } })).map(toTask);
}

export async function listTaskIdsWanted(db: Db, state: DesiredState): Promise<{ id: string; configVersion: number; consumers: number }[]> {
  const rows = await db.task.findMany({ where: { desiredState: state }, select: { id: true, configVersion: true, config: true } });
  return rows.map((r) => ({ id: r.id, configVersion: r.configVersion, consumers: TaskConfigSchema.parse(r.config).source.consumers }));
}

/** Saves a new config (and name); bumps configVersion so running consumers restart with it. */
export async function updateTask(
  db: Db,
  id: string,
  data: { name: string; config: TaskConfig; startPositionChanged: boolean; bumpVersion?: boolean },
  actor: EventActor,
  note: EventWords = eventWords.configSaved(),
): Promise<TaskRecord> {
  return db.$transaction(async (txc) => {
    const tx = txc as unknown as Db;
    const row = await tx.task.update({
      where: { id },
      data: {
        name: data.name,
        config: data.config as object,
        configVersion: { increment: data.bumpVersion === false ? 0 : 1 },
        sourceConnectionId: data.config.source.connectionId,
        sinkConnectionId: data.config.sink.connectionId,
        ...(data.startPositionChanged ? { pendingOffsetReset: data.config.source.startPosition as object } : {}),
      },
      select,
    });
    const saved = await recordConfigVersion(tx, id, data.config, actor, note.message);
    const what = saved === null ? note : eventWords.savedAsVersion(note, saved);
    await appendEvent(tx, id, {
      level: "info",
      kind: "updated",
      message: what.message,
      details: { configVersion: row.configVersion, ...wordsDetails(what) },
      actor,
    });
    return toTask(row);
  });
}

export async function deleteTask(db: Db, id: string): Promise<void> {
  await db.task.delete({ where: { id } });
}

/** Wants the task running; its consumer slots are created (or trimmed) to the configured count. */
export async function requestStart(db: Db, id: string, consumers: number, actor: EventActor): Promise<TaskRecord> {
  return db.$transaction(async (tx) => {
    const row = await tx.task.update({
      where: { id },
      data: { desiredState: "running", status: "starting", statusReason: null, failurePoint: Prisma.DbNull },
      select,
    });
    // Held messages are tried again: a runner that stops at one again writes it again.
    await tx.taskHeldMessage.deleteMany({ where: { taskId: id } });
    await syncSlots(tx as unknown as Db, id, consumers);
    await appendEvent(tx as unknown as Db, id, {
      level: "info",
      kind: "start_requested",
      message: "Start requested",
      details: wordsDetails(eventWords.startRequested()),
      actor,
    });
    return toTask(row);
  });
}

/**
 * Makes the task's lease rows match its consumer count: slots 0..n-1 exist; surplus slots that no live worker
 * holds are removed now, held ones when their holder notices (at renewal) and stops gracefully.
 */
export async function syncSlots(db: Db, id: string, consumers: number): Promise<void> {
  for (let slot = 0; slot < consumers; slot++) {
    await db.taskLease.upsert({ where: { taskId_slot: { taskId: id, slot } }, create: { taskId: id, slot }, update: {} });
  }
  await db.taskLease.deleteMany({ where: { taskId: id, slot: { gte: consumers }, OR: [{ owner: null }, { expiresAt: { lt: new Date() } }] } });
}

export async function requestStop(db: Db, id: string, actor: EventActor): Promise<TaskRecord> {
  const active = await db.taskLease.count({ where: { taskId: id, owner: { not: null }, expiresAt: { gt: new Date() } } });
  const row = await db.task.update({
    where: { id },
    data: { desiredState: "stopped", ...(active > 0 ? { status: "stopping" } : { status: "stopped" }) },
    select,
  });
  await appendEvent(db, id, { level: "info", kind: "stop_requested", message: "Stop requested", details: wordsDetails(eventWords.stopRequested()), actor });
  return toTask(row);
}

export async function setOffsetReset(db: Db, id: string, reset: OffsetReset | null): Promise<void> {
  await db.task.update({ where: { id }, data: { pendingOffsetReset: reset === null ? Prisma.DbNull : (reset as object) } });
}

/** Status changes come with an event, so the log tells the task's story. */
export async function setStatus(
  db: Db,
  id: string,
  status: TaskStatus,
  event: NewEvent | null,
  extra: { reason?: string | null; failurePoint?: FailurePoint | null; desiredState?: DesiredState } = {},
): Promise<void> {
  await db.task.update({
    where: { id },
    data: {
      status,
      ...(extra.reason !== undefined ? { statusReason: extra.reason } : {}),
      ...(extra.failurePoint !== undefined ? { failurePoint: extra.failurePoint === null ? Prisma.DbNull : (extra.failurePoint as object) } : {}),
      ...(extra.desiredState ? { desiredState: extra.desiredState } : {}),
    },
  });
  if (event) {
    await appendEvent(db, id, event);
  }
}

/**
 * Moves the task to `to` only from one of `from` (and, if given, only while it wants `desired`); the event is
 * written only when the move happened, so concurrent consumer slots don't repeat it.
 */
export async function transitionStatus(
  db: Db,
  id: string,
  from: TaskStatus[],
  to: TaskStatus,
  event: NewEvent | null,
  opts: { desired?: DesiredState; reason?: string | null } = {},
): Promise<boolean> {
  const res = await db.task.updateMany({
    where: { id, status: { in: from }, ...(opts.desired ? { desiredState: opts.desired } : {}) },
    data: { status: to, ...(opts.reason !== undefined ? { statusReason: opts.reason } : {}) },
  });
  if (res.count > 0 && event) {
    await appendEvent(db, id, event);
  }
  return res.count > 0;
}

/**
 * Runs `fn` only if no other process is doing the same for this task right now (a transaction-scoped advisory
 * lock); returns undefined when the lock is taken. For work that must not run twice at once, like offset resets.
 */
export async function withTaskLock<T>(db: Db, taskId: string, purpose: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T | undefined> {
  return db.$transaction(
    async (tx) => {
      const key = `${purpose}:${taskId}`;
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS locked`;
      return row?.locked ? fn() : undefined;
    },
    { timeout: timeoutMs, maxWait: 5_000 },
  );
}
