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

/** Events after a cursor (an event id), oldest first; or the newest `limit` when no cursor is given. */
export async function listEvents(db: Db, taskId: string, opts: { after?: string; limit: number }): Promise<TaskEvent[]> {
  const select = { id: true, taskId: true, at: true, level: true, kind: true, message: true, details: true, actorId: true, actorEmail: true } as const;
  const rows = opts.after
    ? await db.taskEvent.findMany({ where: { taskId, id: { gt: BigInt(opts.after) } }, orderBy: { id: "asc" }, take: opts.limit, select })
    : (await db.taskEvent.findMany({ where: { taskId }, orderBy: { id: "desc" }, take: opts.limit, select })).reverse();
  return rows.map((r) => ({
    id: r.id.toString(),
    taskId: r.taskId,
    at: r.at.toISOString(),
    level: r.level,
    kind: r.kind as EventKind,
    message: r.message,
    details: (r.details as Record<string, unknown> | null) ?? null,
    actor: r.actorId && r.actorEmail ? { userId: r.actorId, email: r.actorEmail } : null,
  }));
}
