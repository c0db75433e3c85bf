import type { PartitionMetricRow } from "@outflow/schemas/prometheus";
import { describe, expect, it } from "vitest";
import { ownedRows, slotTaskIds } from "./owned-partitions";

const row = (taskId: string, topic: string, partition: number): PartitionMetricRow => ({
  taskId,
  taskName: taskId,
  topic,
  partition,
  columns: {},
  committedOffset: null,
  endOffset: null,
  updatedAt: new Date(0),
  offsetsReadAt: null,
});

describe("ownedRows", () => {
  it("keeps only the partitions this worker's slots were assigned, per task", () => {
    const rows = [row("a", "t", 0), row("a", "t", 1), row("a", "u", 0), row("b", "t", 0)];
    const slots = [
      { taskId: "a", slot: 0, leaseHeld: true, partitions: ["t/1", "u/0"], pace: null },
      { taskId: "b", slot: 1, leaseHeld: true, partitions: [], pace: null },
    ];
    expect(ownedRows(rows, slots).map((r) => `${r.taskId} ${r.topic}/${r.partition}`)).toEqual(["a t/1", "a u/0"]);
  });

  it("does not take a topic whose name ends like another's partition", () => {
    const rows = [row("a", "t/1", 0), row("a", "t", 1)];
    expect(ownedRows(rows, [{ taskId: "a", slot: 0, leaseHeld: true, partitions: ["t/1"], pace: null }]).map((r) => r.topic)).toEqual(["t"]);
  });
});

describe("slotTaskIds", () => {
  it("lists each task once", () => {
    const s = (taskId: string, slot: number) => ({ taskId, slot, leaseHeld: true, partitions: [], pace: null });
    expect(slotTaskIds([s("a", 0), s("a", 1), s("b", 0)])).toEqual(["a", "b"]);
  });
});
