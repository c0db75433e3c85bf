import type { PartitionMetricRow } from "@outflow/schemas/prometheus";
import type { SlotState } from "../runner/runner-registry";

/**
 * The rows of the partitions this worker's slots consume now (their last group join), so that summing a task's
 * series over all workers counts each partition once. A slot that has not joined yet owns nothing.
 */
export function ownedRows(rows: readonly PartitionMetricRow[], slots: readonly SlotState[]): PartitionMetricRow[] {
  const owned = new Set(slots.flatMap((s) => s.partitions.map((p) => `${s.taskId}\u0000${p}`)));
  return rows.filter((r) => owned.has(`${r.taskId}\u0000${r.topic}/${r.partition}`));
}

/** The tasks the slots belong to, each once. */
export function slotTaskIds(slots: readonly SlotState[]): string[] {
  return [...new Set(slots.map((s) => s.taskId))];
}
