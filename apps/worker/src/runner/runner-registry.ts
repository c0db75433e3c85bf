import type { Lease } from "@outflow/db/leases";
import type { RunnerDeps } from "./runner-deps";
import { SlotRunner } from "./slot-runner";
import type { PaceState } from "./write-pace";

export type SlotState = { taskId: string; slot: number; leaseHeld: boolean; partitions: readonly string[]; pace: PaceState | null };

/** The consumer slots this worker process runs. */
export class RunnerRegistry {
  private readonly runners = new Map<string, SlotRunner>();

  constructor(private readonly deps: RunnerDeps) {}

  get size(): number {
    return this.runners.size;
  }

  has(taskId: string, slot: number): boolean {
    return this.runners.has(`${taskId}:${slot}`);
  }

  /** Each slot this process runs: its task, whether its lease is held, the partitions it consumes (metrics). */
  slots(): SlotState[] {
    return [...this.runners.values()].map((r) => ({
      taskId: r.lease.taskId,
      slot: r.lease.slot,
      leaseHeld: r.leaseHeld,
      partitions: r.assignedPartitions,
      pace: r.writePace,
    }));
  }

  heldFor(taskId: string): number {
    return [...this.runners.values()].filter((r) => r.lease.taskId === taskId).length;
  }

  start(lease: Lease, claimedAt: number): void {
    const runner = new SlotRunner(this.deps, lease, claimedAt);
    this.runners.set(runner.key, runner);
    void runner.done.finally(() => {
      if (this.runners.get(runner.key) === runner) {
        this.runners.delete(runner.key);
      }
    });
  }

  nudge(taskId: string): void {
    for (const r of this.runners.values()) {
      if (r.lease.taskId === taskId) {
        r.nudge();
      }
    }
  }

  async stopAll(reason: string): Promise<void> {
    const all = [...this.runners.values()];
    for (const r of all) {
      r.stop(reason);
    }
    await Promise.allSettled(all.map((r) => r.done));
  }
}
