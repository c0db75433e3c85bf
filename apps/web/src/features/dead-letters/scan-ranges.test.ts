import { describe, expect, it } from "vitest";
import { newestRanges } from "./scan-ranges";

describe("newestRanges", () => {
  it("reads the newest records, an equal share per partition, what a short partition leaves going to the others", () => {
    const bounds = [
      { partition: 0, low: 0n, high: 10_000n },
      { partition: 1, low: 5n, high: 7n },
      { partition: 2, low: 100n, high: 100n },
      { partition: 3, low: 0n, high: 3_000n },
    ];
    const ranges = newestRanges(bounds, 5_000);
    expect(ranges).toEqual([
      { partition: 0, from: 10_000n - 2_499n, count: 2_499 },
      { partition: 1, from: 5n, count: 2 },
      { partition: 3, from: 3_000n - 2_499n, count: 2_499 },
    ]);
    expect(ranges.reduce((n, r) => n + r.count, 0)).toBe(5_000);
  });

  it("reads everything when the topic holds fewer records than the limit", () => {
    expect(newestRanges([{ partition: 0, low: 2n, high: 5n }], 5_000)).toEqual([{ partition: 0, from: 2n, count: 3 }]);
    expect(newestRanges([], 10)).toEqual([]);
  });
});
