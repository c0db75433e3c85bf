import "server-only";
import { createKafka, deleteConsumerGroup, type GroupDeletion } from "@outflow/connectors/kafka";
import { resolveConnection } from "@outflow/db/connections";
import { countHeldSlots } from "@outflow/db/leases";
import { deleteTask, findTask, requestStop, type TaskRecord } from "@outflow/db/tasks";
import type { TaskDeleted } from "@outflow/schemas/api/responses";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import type { EventActor } from "@outflow/schemas/task";
import { serverError } from "@/lib/http/server-error";
import { ctx } from "@/server/context";

/** How long a delete waits for a running task's consumers to flush and commit before it answers 409. */
export const STOP_WAIT_MS = 30_000;
const POLL_MS = 200;

/**
 * Deletes a task the way stop does first: desired state stopped, then waits (bounded) until no consumer holds a
 * slot, so the last batch is written and committed and no worker sees its lease vanish. Then deletes the task's
 * consumer group on Kafka (or says why it kept it) and the task.
 */
export async function removeTask(id: string, actor: EventActor, stopWaitMs = STOP_WAIT_MS): Promise<TaskDeleted> {
  const { db, queue } = ctx();
  const task = await findTask(db, id);
  if (!task) {
    throw serverError("not_found", "taskNotFound", { id });
  }
  if (task.desiredState !== "stopped" || (await countHeldSlots(db, id)) > 0) {
    await requestStop(db, id, { userId: actor.userId, email: actor.email });
    await queue.nudge(id);
    if (!(await slotsReleasedWithin(id, stopWaitMs))) {
      throw serverError("conflict", "deleteStopTimedOut", { name: task.name, seconds: stopWaitMs / 1000 });
    }
  }
  const consumerGroup = { id: task.consumerGroup, ...(await deleteGroupOf(task)) };
  await deleteTask(db, id);
  return { id, name: task.name, consumerGroup };
}

async function slotsReleasedWithin(id: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while ((await countHeldSlots(ctx().db, id)) > 0) {
    if (Date.now() >= deadline) {
      return false;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return true;
}

async function deleteGroupOf(task: TaskRecord): Promise<GroupDeletion> {
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, task.config.source.connectionId);
  if (conn?.kind !== "kafka") {
    return { outcome: "kept", reason: "the task's Kafka connection no longer exists" };
  }
  const kafka = createKafka(conn as KafkaConnectionInput, { clientId: "outflow-console-delete", connectionTimeout: 3_000, requestTimeout: 5_000, retries: 1 });
  return deleteConsumerGroup(kafka, task.consumerGroup);
}
