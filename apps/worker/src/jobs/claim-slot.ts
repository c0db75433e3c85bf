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
      // Count claims in progress too (several claim jobs of one task can run here at once), and note this one
      // before the first await, so a concurrent job sees it.
      const mine = registry.heldFor(taskId) + registry.claimingFor(taskId);
      const done = registry.beginClaim(taskId);
      try {
        if (mine > 0 && job.attemptsMade < 2) {
          const live = await listLiveWorkers(deps.db, deps.env.LEASE_MS);
          if (live.length > 1) {
            throw new NotMyTurn(`worker ${deps.workerId} already runs or claims ${mine} slot(s) of task ${taskId}`);
          }
        }
        const claimedAt = performance.now();
        const lease = await claimSlot(deps.db, taskId, slot, deps.workerId, deps.env.LEASE_MS);
        if (lease) {
          registry.start(lease, claimedAt);
        }
      } finally {
        done();
      }
    },
  });
