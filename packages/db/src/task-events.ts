import type { EventActor, EventKind, EventLevel, TaskEvent } from "@outflow/schemas/task";
import type { Db } from "./client";

export type NewEvent = { level: EventLevel; kind: EventKind; message: string; details?: Record<string, unknown>; actor?: EventActor };

export async function appendEvent(db: Db, taskId: string, e: NewEvent): Promise<void> {
  await db.taskEvent.create({
    data: {
      taskId,
      level: e.level,
      kind: e.kind,
      message: e.message.slice(0, 4_000),
      details: (e.details ?? undefined) as object | undefined,
      actorId: e.actor?.userId ?? null,
      actorEmail: e.actor?.email ?? null,
    },
  });
}

/**
 * Events after a cursor (an event id), oldest first; or the `limit` before a cursor (`before`), or the newest `limit`
 * when no cursor is given, oldest first too. `older` (not with `after`): whether events older than the first one returned exist.
 */
export async function listEvents(
  db: Db,
  taskId: string,
  opts: { after?: string; before?: string; limit: number },
): Promise<{ items: TaskEvent[]; older: boolean }> {
  const select = { id: true, taskId: true, at: true, level: true, kind: true, message: true, details: true, actorId: true, actorEmail: true } as const;
  if (opts.after) {
    const rows = await db.taskEvent.findMany({ where: { taskId, id: { gt: BigInt(opts.after) } }, orderBy: { id: "asc" }, take: opts.limit, select });
    return { items: rows.map(eventView), older: false };
  }
  const where = opts.before ? { taskId, id: { lt: BigInt(opts.before) } } : { taskId };
  const rows = await db.taskEvent.findMany({ where, orderBy: { id: "desc" }, take: opts.limit + 1, select });
  return { items: rows.slice(0, opts.limit).reverse().map(eventView), older: rows.length > opts.limit };
}

type EventRow = {
  id: bigint;
  taskId: string;
  at: Date;
  level: string;
  kind: string;
  message: string;
  details: unknown;
  actorId: string | null;
  actorEmail: string | null;
};

function eventView(r: EventRow): TaskEvent {
  return {
    id: r.id.toString(),
    taskId: r.taskId,
    at: r.at.toISOString(),
    level: r.level as TaskEvent["level"],
    kind: r.kind as EventKind,
    message: r.message,
    details: (r.details as Record<string, unknown> | null) ?? null,
    actor: r.actorId && r.actorEmail ? { userId: r.actorId, email: r.actorEmail } : null,
  };
}
