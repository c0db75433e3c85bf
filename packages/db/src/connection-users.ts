import { eventWords, worded } from "@outflow/schemas/event-words";
import type { EventActor } from "@outflow/schemas/task";
import type { Db } from "./client";
import { appendEvent } from "./task-events";

/**
 * A connection was edited (credentials, nodes, TLS, …): every task that uses it, as source, sink or dead-letter
 * target, gets a new config version, so its running consumers restart their clients with the new settings at the
 * next lease renewal (a nudge makes that at once). Returns the tasks that want to run.
 */
export async function restartConnectionUsers(
  db: Db,
  connectionId: string,
  connectionName: string,
  actor: EventActor,
): Promise<{ id: string; running: boolean }[]> {
  const users = await db.task.findMany({
    where: {
      OR: [{ sourceConnectionId: connectionId }, { sinkConnectionId: connectionId }, { config: { path: ["failure", "connectionId"], equals: connectionId } }],
    },
    select: { id: true, desiredState: true },
  });
  const out: { id: string; running: boolean }[] = [];
  for (const u of users) {
    const row = await db.task.update({ where: { id: u.id }, data: { configVersion: { increment: 1 } }, select: { configVersion: true } });
    await appendEvent(db, u.id, {
      level: "info",
      kind: "updated",
      ...worded(eventWords.connectionEdited(connectionName, row.configVersion)),
      actor,
    });
    out.push({ id: u.id, running: u.desiredState === "running" });
  }
  return out;
}
