import { describe, expect, it } from "vitest";
import { type PartitionStart, spreadOverPartitions } from "./kafka-spread";

const part = (partition: number, low: number, high: number, start: number | "tail" = low): PartitionStart => ({
  topic: "t",
  partition,
  low: BigInt(low),
  high: BigInt(high),
  start: start === "tail" ? "tail" : BigInt(start),
});
const counts = (parts: PartitionStart[], n: number) => spreadOverPartitions(parts, n).map((r) => [r.partition, r.from, r.count]);

describe("spreadOverPartitions", () => {
  it("spreads n over every partition, not the first n of partition 0", () => {
    expect(counts([part(0, 0, 1000), part(1, 0, 1000), part(2, 0, 1000)], 9)).toEqual([
      [0, 0n, 3],
      [1, 0n, 3],
      [2, 0n, 3],
    ]);
  });

  it("what a short partition cannot give goes to the others; an empty one gets none", () => {
    expect(counts([part(0, 0, 2), part(1, 5, 5), part(2, 0, 100)], 10)).toEqual([
      [0, 0n, 2],
      [2, 0n, 8],
    ]);
    // Fewer than asked in all: everything there is.
    expect(counts([part(0, 0, 2), part(1, 0, 3)], 100)).toEqual([
      [0, 0n, 2],
      [1, 0n, 3],
    ]);
  });

  it("n smaller than the partitions: one each, from the first, never more than n in all", () => {
    const r = spreadOverPartitions([part(0, 0, 9), part(1, 0, 9), part(2, 0, 9)], 2);
    expect(r.reduce((n, x) => n + x.count, 0)).toBe(2);
    expect(r.map((x) => x.count)).toEqual([1, 1]);
  });

  it("starts at the start offset (a commit, a timestamp), at the first kept offset when that is later, and the tail for latest", () => {
    expect(counts([part(0, 0, 100, 40), part(1, 50, 100, 10), part(2, 0, 100, "tail")], 30)).toEqual([
      [0, 40n, 10],
      [1, 50n, 10],
      [2, 90n, 10],
    ]);
    // A start at the end: nothing to read there.
    expect(counts([part(0, 0, 100, 100), part(1, 0, 100, 0)], 4)).toEqual([[1, 0n, 4]]);
  });
});
