import "server-only";
import { createKafka } from "@outflow/connectors/kafka";
import { readMessagesAt } from "@outflow/connectors/kafka-sample";
import { resolveConnection } from "@outflow/db/connections";
import { findHeld, listHeld } from "@outflow/db/held-messages";
import { findTask, type TaskRecord } from "@outflow/db/tasks";
import type { KafkaMessage } from "@outflow/pipeline";
import { type HeldItem, type HeldPage, type HeldQuery, type HeldSkipAnswer, type HeldSkipRequest, MAX_HELD_VALUE_CHARS } from "@outflow/schemas/api/held";
import type { TaskView } from "@outflow/schemas/api/responses";
import { AppError } from "@outflow/schemas/errors";
import { roleAllows } from "@outflow/schemas/roles";
import type { HeldPoint } from "@outflow/schemas/task";
import { kafkaAppError } from "@/features/connections/server/kafka-app-error";
import { toWire } from "@/features/preview/server/wire-messages";
import { serverError, serverIssue } from "@/lib/http/server-error";
import type { Actor } from "@/server/auth";
import { ctx } from "@/server/context";
import { startTask } from "./task-service";

/** Kafka refuses a group's offsets while it has members: the skip job tries this often, with backoff from 1 s. */
const SKIP_ATTEMPTS = 6;

/**
 * The messages the retain policy holds, one per partition, with the message itself for editors and admins (read
 * from Kafka at its offset); viewers get where and why.
 */
export async function heldMessages(id: string, page: HeldQuery, actor: Actor): Promise<HeldPage> {
  const task = await mustFind(id);
  const { items, total } = await listHeld(ctx().db, id, page);
  const mayRead = roleAllows(actor.role, "editor");
  const read = mayRead && items.length > 0 ? await readHeld(task, items) : null;
  return {
    items: items.map((p): HeldItem => {
      // The reason as stored: route() hides the values it quotes from viewers, as in every answer that carries a reason.
      const base = { ...p, resumesAt: (BigInt(p.offset) + 1n).toString() };
      if (!mayRead) {
        return { ...base, message: null, messageNote: "Message contents are for editors and admins", messageNoteKey: "editorsOnly" };
      }
      if (!read || "error" in read) {
        return { ...base, message: null, messageNote: read?.error ?? null, ...(read?.errorKey ? { messageNoteKey: read.errorKey } : {}) };
      }
      const m = read.messages.find((x) => x.topic === p.topic && x.partition === p.partition && x.offset === p.offset);
      return m
        ? { ...base, message: wireOf(m), messageNote: null }
        : { ...base, message: null, messageNote: "No longer in Kafka (deleted by retention)", messageNoteKey: "goneFromKafka" };
    }),
    total,
    offset: page.offset,
    limit: page.limit,
    nextOffset: page.offset + items.length < total ? page.offset + items.length : null,
  };
}

/** Queues the skip of one held message; 409 naming the field when it is not (or no longer) the one held. */
export async function skipHeld(id: string, req: HeldSkipRequest, actor: Actor): Promise<HeldSkipAnswer> {
  const task = await mustFind(id);
  if (!task.config.source.topics.includes(req.topic)) {
    throw AppError.invalid([serverIssue("topic", "notTaskTopic", { topic: req.topic })]);
  }
  const held = await findHeld(ctx().db, id, req.topic, req.partition);
  if (!held) {
    const where = { topic: req.topic, partition: req.partition };
    throw serverError("conflict", "heldNoMessage", where, [serverIssue("partition", "heldNoMessage", where)]);
  }
  if (held.offset !== req.offset) {
    const words = { topic: req.topic, partition: req.partition, held: held.offset, offset: req.offset };
    throw serverError("conflict", "heldOtherOffset", words, [serverIssue("offset", "heldOtherOffset", words)]);
  }
  if (task.desiredState === "running") {
    throw serverError("conflict", "heldTaskStarting");
  }
  await ctx().queue.enqueue(
    "task.held.skip",
    { taskId: id, topic: req.topic, partition: req.partition, offset: req.offset, actor: { userId: actor.userId, email: actor.email } },
    // No job id: a repeat is harmless (the job applies a skip only while the offset is still held), and a failed job
    // kept under a fixed id would swallow a later skip of the same message.
    { attempts: SKIP_ATTEMPTS, backoffMs: 1_000 },
  );
  return { status: "queued", topic: req.topic, partition: req.partition, offset: req.offset };
}

/** Tries every held message again now (starts the task); 409 when none is held. */
export async function retryHeld(id: string, actor: Actor): Promise<TaskView> {
  await mustFind(id);
  const { total } = await listHeld(ctx().db, id, { limit: 1, offset: 0 });
  if (total === 0) {
    throw serverError("conflict", "noHeldMessage");
  }
  return startTask(id, actor);
}

async function readHeld(task: TaskRecord, points: HeldPoint[]): Promise<{ messages: KafkaMessage[] } | { error: string; errorKey?: "connectionGone" }> {
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, task.config.source.connectionId);
  if (conn?.kind !== "kafka") {
    return { error: "The task's Kafka connection no longer exists", errorKey: "connectionGone" };
  }
  try {
    const kafka = createKafka(conn, { clientId: "outflow-console-held", connectionTimeout: 3_000, retries: 1 });
    const ranges = points.map((p) => ({ topic: p.topic, partition: p.partition, from: BigInt(p.offset), count: 1 }));
    return { messages: await readMessagesAt(kafka, ranges, { timeoutMs: 6_000 }) };
  } catch (err) {
    return { error: kafkaAppError(conn, err).message };
  }
}

function wireOf(m: KafkaMessage): HeldItem["message"] {
  const w = toWire(m);
  const cut = w.value !== null && w.value.length > MAX_HELD_VALUE_CHARS;
  return { ...w, timestamp: w.timestamp ?? null, value: cut ? (w.value as string).slice(0, MAX_HELD_VALUE_CHARS) : w.value, valueTruncated: cut };
}

async function mustFind(id: string): Promise<TaskRecord> {
  const task = await findTask(ctx().db, id);
  if (!task) {
    throw serverError("not_found", "taskNotFound", { id });
  }
  return task;
}
