import { findUnheldSlots, heldSlotsByOwner } from "@outflow/db/leases";
import { listLiveWorkers } from "@outflow/db/workers";
import type { ControlQueue } from "@outflow/queue/control-queue";
import type { RunnerDeps } from "../runner/runner-deps";

/** A worker is live while its heartbeat (every 2 s) is this recent. */
const LIVE_WITHIN_MS = 7_000;

/**
 * Sends a claim for every unheld slot to the live worker that should run it: the one with the fewest slots of
 * that task, then the fewest slots overall, so a task's consumers spread over workers and load evens out.
 */
export async function placeClaims(deps: RunnerDeps, queue: ControlQueue, taskId?: string): Promise<void> {
  const slots = await findUnheldSlots(deps.db, taskId);
  if (slots.length === 0) {
    return;
  }
  const live = (await listLiveWorkers(deps.db, LIVE_WITHIN_MS)).map((w) => w.id);
  const workers = live.length > 0 ? live : [deps.workerId];
  const held = await heldSlotsByOwner(deps.db);
  const load = (w: string, task: string) => {
    const byTask = held.get(w);
    let total = 0;
    for (const n of byTask?.values() ?? []) {
      total += n;
    }
    return { ofTask: byTask?.get(task) ?? 0, total };
  };
  for (const s of slots) {
    const ranked = workers
      .map((w) => ({ w, ...load(w, s.taskId), tie: Math.random() }))
      .sort((a, b) => a.ofTask - b.ofTask || a.total - b.total || a.tie - b.tie);
    const target = ranked[0]?.w ?? deps.workerId;
    await queue.enqueueClaim(target, { taskId: s.taskId, slot: s.slot, configVersion: s.configVersion });
    const byTask = held.get(target) ?? new Map<string, number>();
    byTask.set(s.taskId, (byTask.get(s.taskId) ?? 0) + 1);
    held.set(target, byTask);
  }
}
