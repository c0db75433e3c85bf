import { describe, expect, it } from "vitest";
import { sparklineOf } from "./sparkline";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe("sparklineOf", () => {
  it("gives messages per second since the bucket before, and the lag then; the oldest bucket is only the base", () => {
    expect(
      sparklineOf([
        { at: at(0), messagesIn: 100n, lag: 5n },
        { at: at(30), messagesIn: 400n, lag: 0n },
        { at: at(90), messagesIn: 400n, lag: null },
      ]),
    ).toEqual([
      { at: at(30).toISOString(), messagesPerSecond: 10, lag: 0 },
      { at: at(90).toISOString(), messagesPerSecond: 0, lag: null },
    ]);
  });

  it("never goes negative when a total went down", () => {
    expect(
      sparklineOf([
        { at: at(0), messagesIn: 50n, lag: 0n },
        { at: at(30), messagesIn: 10n, lag: 0n },
      ])[0]?.messagesPerSecond,
    ).toBe(0);
  });

  it("is empty with fewer than two buckets", () => {
    expect(sparklineOf([])).toEqual([]);
    expect(sparklineOf([{ at: at(0), messagesIn: 1n, lag: 0n }])).toEqual([]);
  });
});
