import { createKafka } from "@outflow/connectors/kafka";
import { readMessagesAt } from "@outflow/connectors/kafka-sample";
import { resolveConnection } from "@outflow/db/connections";
import { findHeld } from "@outflow/db/held-messages";
import { countHeldSlots } from "@outflow/db/leases";
import { appendEvent } from "@outflow/db/task-events";
import { addSettledSpan } from "@outflow/db/task-metrics";
import { consumerGroupOf, findTask, requestStart, withTaskLock } from "@outflow/db/tasks";
import type { ControlQueue } from "@outflow/queue/control-queue";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { eventWords, worded } from "@outflow/schemas/event-words";
import type { JobPayload } from "@outflow/schemas/jobs";
import { zeroCounters } from "@outflow/schemas/task";
import type { Kafka } from "kafkajs";
import type { RunnerDeps } from "../runner/runner-deps";
import { defineJob } from "./define-job";

type Skip = JobPayload<"task.held.skip">;

/**
 * What a skip does, from the held message the database has for the partition and the group's committed offset as
 * Kafka has it: `apply` commits past the held offset; `finish` means an earlier try of this skip got as far as the
 * commit (the counting and the start are done again, both idempotent); `refuse` leaves everything as it is.
 */
export type SkipStep = { kind: "apply" } | { kind: "finish" } | { kind: "refuse"; why: string };

export function skipStep(requested: string, heldOffset: string | null, committed: string | null): SkipStep {
  if (heldOffset === null) {
    return { kind: "refuse", why: "the partition holds no message" };
  }
  if (heldOffset !== requested) {
    return { kind: "refuse", why: `the partition holds offset ${heldOffset}, not ${requested}` };
  }
  if (committed === requested) {
    return { kind: "apply" };
  }
  if (committed !== null && BigInt(committed) === BigInt(requested) + 1n) {
    return { kind: "finish" };
  }
  return { kind: "refuse", why: `the group's committed offset is ${committed ?? "none"}, not the held offset ${requested}` };
}

/** Kafka refuses to set a group's offsets while it has members; BullMQ tries again with backoff. */
const ATTEMPTS = 6;

/**
 * `task.held.skip`: commits past exactly one held message, counts it as discarded (once, however often this runs:
 * `addSettledSpan` counts only past what is counted), records who skipped it, and starts the task again. Runs under
 * the task's offset lock (the one start positions take), only while no consumer of the task runs.
 */
export const skipHeldJob = (deps: RunnerDeps, queue: ControlQueue) =>
  defineJob({
    name: "task.held.skip",
    async handle(skip) {
      const outcome = await withTaskLock(deps.db, skip.taskId, "offset-reset", () => skipHeld(deps, skip));
      if (outcome === undefined) {
        throw new Error("another offset change of this task is under way; trying again");
      }
      if (outcome === "started") {
        await queue.enqueue("task.reconcile", { taskId: skip.taskId });
      } else if (outcome !== "gone") {
        deps.log.warn("held message not skipped", { taskId: skip.taskId, topic: skip.topic, partition: skip.partition, offset: skip.offset, why: outcome });
      }
    },
  });

export const SKIP_JOB_OPTIONS = { attempts: ATTEMPTS, backoffMs: 1_000 };

async function skipHeld(deps: RunnerDeps, skip: Skip): Promise<"started" | "gone" | string> {
  const { db } = deps;
  const task = await findTask(db, skip.taskId);
  if (!task) {
    return "gone";
  }
  if (task.desiredState === "running") {
    return "the task runs again: its runners try the held message themselves";
  }
  if ((await countHeldSlots(db, task.id)) > 0) {
    throw new Error("a consumer of the task is still leaving; trying again");
  }
  const held = await findHeld(db, task.id, skip.topic, skip.partition);
  const conn = await resolveConnection(db, deps.box, task.config.source.connectionId);
  if (conn?.kind !== "kafka") {
    return "the task's Kafka connection no longer exists";
  }
  const kafka = createKafka(conn as KafkaConnectionInput, {
    clientId: `outflow-skip-${deps.workerId}`,
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    retries: 1,
  });
  const groupId = consumerGroupOf(task.id);
  const step = skipStep(skip.offset, held?.offset ?? null, await committedOffset(kafka, groupId, skip.topic, skip.partition));
  if (step.kind === "refuse" || !held) {
    return step.kind === "refuse" ? step.why : "gone";
  }
  const next = (BigInt(skip.offset) + 1n).toString();
  const [message] = await readMessagesAt(kafka, [{ topic: skip.topic, partition: skip.partition, from: BigInt(skip.offset), count: 1 }], { timeoutMs: 8_000 });
  const bytes = message && message.offset === skip.offset ? (message.value?.length ?? 0) + (message.key?.length ?? 0) : 0;
  const { failed: _held, ...zero } = zeroCounters();
  // Counted before the commit, as runners count: a repeat after a crash between the two counts nothing again.
  await addSettledSpan(db, task.id, skip.topic, skip.partition, {
    counts: { ...zero, messagesIn: 1, bytesIn: bytes, discarded: 1 },
    from: skip.offset,
    to: next,
  });
  if (step.kind === "apply") {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.setOffsets({ groupId, topic: skip.topic, partitions: [{ partition: skip.partition, offset: next }] });
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }
  await appendEvent(db, task.id, {
    level: "warn",
    kind: "message_discarded",
    ...worded(eventWords.heldSkipped({ topic: skip.topic, partition: skip.partition, offset: skip.offset, stage: held.stage, next }), {
      topic: skip.topic,
      partition: skip.partition,
      offset: skip.offset,
      stage: held.stage,
      reason: held.reason,
      skipped: true,
    }),
    actor: skip.actor,
  });
  // Starting removes every held message: the other partitions try theirs again (and hold them again if they still fail).
  await requestStart(db, task.id, task.config.source.consumers, skip.actor);
  return "started";
}

async function committedOffset(kafka: Kafka, groupId: string, topic: string, partition: number): Promise<string | null> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const offset = t?.partitions.find((p) => p.partition === partition)?.offset;
    return offset === undefined || offset === "-1" ? null : offset;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
