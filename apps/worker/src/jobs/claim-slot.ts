import { claimSlot } from "@outflow/db/leases";
import type { RunnerDeps } from "../runner/runner-deps";
import type { RunnerRegistry } from "../runner/runner-registry";
import { defineJob } from "./define-job";

/** Claims one consumer slot (reconcile chose this worker for it) and runs it here. */
export const claimSlotJob = (deps: RunnerDeps, registry: RunnerRegistry) =>
  defineJob({
    name: "task.claim",
    async handle({ taskId, slot }) {
      if (registry.has(taskId, slot) || registry.size >= deps.env.MAX_SLOTS) {
        return;
      }
      const claimedAt = performance.now();
      const lease = await claimSlot(deps.db, taskId, slot, deps.workerId, deps.env.LEASE_MS);
      if (lease) {
        registry.start(lease, claimedAt);
      }
    },
  });
