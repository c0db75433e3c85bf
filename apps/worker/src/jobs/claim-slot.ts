import { claimSlot } from "@outflow/db/leases";
import { listLiveWorkers } from "@outflow/db/workers";
import type { RunnerDeps } from "../runner/runner-deps";
import type { RunnerRegistry } from "../runner/runner-registry";
import { defineJob } from "./define-job";

export class NotMyTurn extends Error {}

/**
 * Claims one consumer slot and runs it here. A worker that already holds its fair share of the task's slots
 * lets others try first (the job is retried shortly), so a task's consumers spread over workers.
 */
export const claimSlotJob = (deps: RunnerDeps, registry: RunnerRegistry) =>
  defineJob({
    name: "task.claim",
    async handle({ taskId, slot }, { job }) {
      if (registry.has(taskId, slot) || registry.size >= deps.env.MAX_SLOTS) {
        return;
      }
      const held = registry.heldFor(taskId);
      if (held > 0 && job.attemptsMade < 2) {
        const live = await listLiveWorkers(deps.db, deps.env.LEASE_MS);
        if (live.length > 1) {
          throw new NotMyTurn(`worker ${deps.workerId} already runs ${held} slot(s) of task ${taskId}`);
        }
      }
      const claimedAt = performance.now();
      const lease = await claimSlot(deps.db, taskId, slot, deps.workerId, deps.env.LEASE_MS);
      if (lease) {
        registry.start(lease, claimedAt);
      }
    },
  });
