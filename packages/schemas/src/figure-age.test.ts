import { describe, expect, it } from "vitest";
import { COUNTERS_REFRESH_SECONDS, countersExpectedToMove, figureAge, OFFSETS_REFRESH_SECONDS } from "./figure-age";

const now = new Date("2026-12-07T12:00:00.000Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe("figureAge", () => {
  it("is fresh up to twice the refresh interval and stale past it", () => {
    expect(figureAge(ago(2 * OFFSETS_REFRESH_SECONDS), now, OFFSETS_REFRESH_SECONDS)).toEqual({
      at: ago(10).toISOString(),
      ageSeconds: 10,
      stale: false,
    });
    expect(figureAge(ago(2 * OFFSETS_REFRESH_SECONDS + 0.5), now, OFFSETS_REFRESH_SECONDS).stale).toBe(true);
    expect(figureAge(ago(18 * 60), now, OFFSETS_REFRESH_SECONDS)).toMatchObject({ ageSeconds: 1080, stale: true });
  });

  it("a figure never read is stale when it is expected, and never when it is not", () => {
    expect(figureAge(null, now, COUNTERS_REFRESH_SECONDS)).toEqual({ at: null, ageSeconds: null, stale: true });
    expect(figureAge(null, now, COUNTERS_REFRESH_SECONDS, false).stale).toBe(false);
    expect(figureAge(ago(3600), now, COUNTERS_REFRESH_SECONDS, false).stale).toBe(false);
  });

  it("a clock a little ahead never gives a negative age", () => {
    expect(figureAge(new Date(now.getTime() + 500), now, COUNTERS_REFRESH_SECONDS).ageSeconds).toBe(0);
  });

  it("counters are expected to move only while a runner should run the task", () => {
    expect(["starting", "running", "retrying", "stopping"].every((s) => countersExpectedToMove(s as never))).toBe(true);
    expect(["created", "stopped", "failed"].some((s) => countersExpectedToMove(s as never))).toBe(false);
  });
});
