import { Gauge, type Registry } from "prom-client";
import type { SlotState } from "../runner/runner-registry";

/** Slots this worker runs, its slot limit, and each slot's lease state. */
export function registerSlotMetrics(registry: Registry, slots: () => SlotState[], maxSlots: number): void {
  new Gauge({
    name: "outflow_worker_slots",
    help: "Consumer slots this worker runs now.",
    registers: [registry],
    collect() {
      this.set(slots().length);
    },
  });
  new Gauge({
    name: "outflow_worker_slots_max",
    help: "The most consumer slots this worker takes (MAX_SLOTS).",
    registers: [registry],
    collect() {
      this.set(maxSlots);
    },
  });
  new Gauge({
    name: "outflow_slot_lease_held",
    help: "1 while the slot's lease is held (the slot may write and commit), 0 once it ran out or was taken over.",
    labelNames: ["task_id", "slot"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of slots()) {
        this.set({ task_id: s.taskId, slot: String(s.slot) }, s.leaseHeld ? 1 : 0);
      }
    },
  });
  const paced = (name: string, help: string, value: (p: NonNullable<SlotState["pace"]>) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["task_id", "slot"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const s of slots()) {
          if (s.pace) {
            this.set({ task_id: s.taskId, slot: String(s.slot) }, value(s.pace));
          }
        }
      },
    });
  paced(
    "outflow_slot_write_concurrency",
    "Bulk requests the slot may have in flight now (the task's bulkConcurrency, or less while backing off).",
    (p) => p.concurrency,
  );
  paced("outflow_slot_write_max_docs", "Actions per bulk request now (the task's bulkMaxDocs, or less while backing off).", (p) => p.maxDocs);
  paced("outflow_slot_write_max_bytes", "Bytes per bulk request now (the task's bulkMaxBytes, or less while backing off).", (p) => p.maxBytes);
  paced("outflow_slot_write_backing_off", "1 while the slot writes below the task's settings because the server answered 429 or slowly.", (p) =>
    p.backingOff ? 1 : 0,
  );
}
