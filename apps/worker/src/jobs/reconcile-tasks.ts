import { createKafka } from "@outflow/connectors/kafka";
import { resolveConnection } from "@outflow/db/connections";
import { countHeldSlots } from "@outflow/db/leases";
import { appendEvent } from "@outflow/db/task-events";
import { markOffsetReset } from "@outflow/db/task-metrics";
import { consumerGroupOf, findTask, listTaskIdsWanted, setOffsetReset, transitionStatus, withTaskLock } from "@outflow/db/tasks";
import type { ControlQueue } from "@outflow/queue/control-queue";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { eventWords, worded } from "@outflow/schemas/event-words";
import { applyOffsetReset, offsetsResetEvent } from "../runner/apply-offset-reset";
import type { RunnerDeps } from "../runner/runner-deps";
import { defineJob } from "./define-job";
import { forEachAtMost } from "./for-each-at-most";
import { placeClaims } from "./place-claims";

/** Start positions applied at once by one pass; each holds a database connection (its task lock) meanwhile. */
const RESETS_AT_ONCE = 4;

/**
 * Brings tasks to their wanted state: applies a pending start position / offset reset once no consumer runs,
 * queues a claim for every slot no live worker holds, and marks stopped the tasks whose consumers are all gone.
 */
export const reconcileTasksJob = (deps: RunnerDeps, queue: ControlQueue) =>
  defineJob({
    name: "task.reconcile",
    async handle({ taskId }) {
      const { db } = deps;
      const running = taskId ? [{ id: taskId }] : await listTaskIdsWanted(db, "running");
      const resets: string[] = [];
      for (const { id } of running) {
        const task = await findTask(db, id);
        if (task?.desiredState !== "running") {
          continue;
        }
        if (task.pendingOffsetReset) {
          resets.push(id);
        } else {
          await placeClaims(deps, queue, id);
        }
      }
      // Start positions last and a few at once: each may wait seconds on a broker that does not answer, and the
      // claims of every other task (a crashed worker's, say) must not queue behind it.
      await forEachAtMost(RESETS_AT_ONCE, resets, async (id) => {
        if (await withTaskLock(db, id, "offset-reset", () => applyPendingReset(deps, id))) {
          await placeClaims(deps, queue, id);
        }
      });
      if (!taskId) {
        for (const { id } of await listTaskIdsWanted(db, "stopped")) {
          if ((await countHeldSlots(db, id)) === 0) {
            await transitionStatus(
              db,
              id,
              ["stopping", "starting", "running", "retrying"],
              "stopped",
              { level: "info", kind: "stopped", ...worded(eventWords.taskStopped()) },
              { desired: "stopped" },
            );
          }
        }
      }
    },
  });

/** Applies the task's pending start position once no consumer of it runs. True when nothing is pending any more. */
async function applyPendingReset(deps: RunnerDeps, id: string): Promise<boolean> {
  const { db } = deps;
  const task = await findTask(db, id);
  const reset = task?.pendingOffsetReset;
  if (!task || !reset) {
    return true;
  }
  if ((await countHeldSlots(db, id)) > 0) {
    return false;
  }
  const conn = await resolveConnection(db, deps.box, task.config.source.connectionId);
  if (conn?.kind !== "kafka") {
    return false;
  }
  // Fail fast: the next reconcile pass (every few seconds) tries again. kafkajs's own retries held this pass, every task
  // after this one and an edit of this task for about 15 s on a refused broker, and 30 s on one that never answers.
  const kafka = createKafka(conn as KafkaConnectionInput, {
    clientId: `outflow-reconcile-${deps.workerId}`,
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    retries: 0,
  });
  try {
    const fromBeginning = task.config.source.startPosition.type !== "latest";
    const applied = await applyOffsetReset(kafka, consumerGroupOf(id), task.config.source.topics, reset, fromBeginning);
    if (reset.type !== "committed") {
      await markOffsetReset(db, id);
    }
    await setOffsetReset(db, id, null);
    await appendEvent(db, id, { level: "info", kind: "offsets_reset", ...offsetsResetEvent(reset.type, applied, { reset }) });
    return true;
  } catch (err) {
    const message = (err as Error).message;
    const deferred = eventWords.startPositionDeferred(message);
    const reason = deferred.message;
    deps.log.warn("offset reset deferred", { taskId: id, err: message });
    // No consumer runs until it is applied: say why, once (the status leaves "starting" only here).
    await transitionStatus(db, id, ["starting"], "retrying", { level: "warn", kind: "retrying", ...worded(deferred) }, { desired: "running", reason }).catch(
      () => {},
    );
    return false;
  }
}
