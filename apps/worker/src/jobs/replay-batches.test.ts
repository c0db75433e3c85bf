import { describe, expect, it } from "vitest";
import { type LetterPlace, nextReplayBatch, rateWaitMs } from "./replay-batches";

describe("replay batches", () => {
  const letters: LetterPlace[] = [
    [0, "3"],
    [0, "5"],
    [1, "0"],
    [0, "900"],
    [1, "2"],
  ];

  it("takes letters in order from the position, at most maxLetters, one range per partition", () => {
    expect(nextReplayBatch("dlq", letters, 0, 3, 10_000)).toEqual({
      from: 0,
      to: 3,
      ranges: [
        { topic: "dlq", partition: 0, from: 3n, count: 3 },
        { topic: "dlq", partition: 1, from: 0n, count: 1 },
      ],
    });
    expect(nextReplayBatch("dlq", letters, 3, 3, 10_000)?.to).toBe(5);
    expect(nextReplayBatch("dlq", letters, 5, 3, 10_000)).toBeNull();
  });

  it("ends a batch before a partition's range grows past maxSpan, but always takes one letter", () => {
    expect(nextReplayBatch("dlq", letters, 0, 10, 100)?.to).toBe(3);
    expect(nextReplayBatch("dlq", letters, 0, 10, 2)).toEqual({ from: 0, to: 1, ranges: [{ topic: "dlq", partition: 0, from: 3n, count: 1 }] });
    expect(nextReplayBatch("dlq", [[0, "900"]], 0, 10, 0)?.to).toBe(1);
  });

  it("waits what the rate asks for beyond the time already spent", () => {
    expect(rateWaitMs(20, 10, 1_000, 1_500)).toBe(1_500);
    expect(rateWaitMs(20, 10, 1_000, 5_000)).toBe(0);
  });
});
