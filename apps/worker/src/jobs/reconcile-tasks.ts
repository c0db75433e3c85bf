import { createKafka } from "@outflow/connectors/kafka";
import { resolveConnection } from "@outflow/db/connections";
import { countHeldSlots, findUnheldSlots } from "@outflow/db/leases";
import { appendEvent } from "@outflow/db/task-events";
import { consumerGroupOf, findTask, listTaskIdsWanted, setOffsetReset, transitionStatus } from "@outflow/db/tasks";
import type { ControlQueue } from "@outflow/queue/control-queue";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { applyOffsetReset } from "../runner/apply-offset-reset";
import type { RunnerDeps } from "../runner/runner-deps";
import { defineJob } from "./define-job";

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
      for (const { id } of running) {
        const task = await findTask(db, id);
        if (!task || task.desiredState !== "running") {
          continue;
        }
        if (task.pendingOffsetReset) {
          if ((await countHeldSlots(db, id)) > 0) {
            continue;
          }
          const conn = await resolveConnection(db, deps.box, task.config.source.connectionId);
          if (conn?.kind !== "kafka") {
            continue;
          }
          const kafka = createKafka(conn as KafkaConnectionInput, { clientId: `outflow-reconcile-${deps.workerId}` });
          try {
            const what = await applyOffsetReset(kafka, consumerGroupOf(id), task.config.source.topics, task.pendingOffsetReset);
            await setOffsetReset(db, id, null);
            await appendEvent(db, id, { level: "info", kind: "offsets_reset", message: `Start position ${task.pendingOffsetReset.type}: ${what}`, details: { reset: task.pendingOffsetReset } });
          } catch (err) {
            deps.log.warn("offset reset deferred", { taskId: id, err: (err as Error).message });
            continue;
          }
        }
        for (const s of await findUnheldSlots(db, id)) {
          await queue.enqueue("task.claim", { taskId: s.taskId, slot: s.slot, configVersion: s.configVersion }, { jobId: `claim-${s.taskId}-${s.slot}` });
        }
      }
      if (!taskId) {
        for (const { id } of await listTaskIdsWanted(db, "stopped")) {
          if ((await countHeldSlots(db, id)) === 0) {
            await transitionStatus(db, id, ["stopping", "starting", "running", "retrying"], "stopped", { level: "info", kind: "stopped", message: "Task stopped" }, { desired: "stopped" });
          }
        }
      }
    },
  });
