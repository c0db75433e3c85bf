import { describe, expect, it } from "vitest";
import { type PaceLimits, WritePace } from "./write-pace";

const CEILING: PaceLimits = { concurrency: 8, maxDocs: 2_000, maxBytes: 8 * 1024 * 1024 };
const OPTS = { slowMs: 1_000, minDocs: 50, minBytes: 64 * 1024, stepUpAfter: 4 };
const fast = (pace: WritePace) => ({ epoch: pace.epoch, latencyMs: 20, throttled: false });
const throttled = (pace: WritePace) => ({ epoch: pace.epoch, latencyMs: 20, throttled: true });

describe("WritePace", () => {
  it("starts at the task's own settings and stays there while the server keeps up", () => {
    const pace = new WritePace(CEILING, OPTS);
    for (let i = 0; i < 100; i++) {
      expect(pace.record(fast(pace))).toBe(false);
    }
    expect(pace.state()).toEqual({ ...CEILING, ceiling: CEILING, backingOff: null });
  });

  it("a 429 halves concurrency and request size, once per push-back: answers to requests sent before do not cut again", () => {
    const pace = new WritePace(CEILING, OPTS);
    const sentBefore = pace.epoch;
    expect(pace.record(throttled(pace))).toBe(true);
    expect(pace.limits()).toEqual({ concurrency: 4, maxDocs: 1_000, maxBytes: 4 * 1024 * 1024 });
    expect(pace.state().backingOff).toBe("throttled");
    // Seven more requests of the same flight answer 429: no further cut.
    for (let i = 0; i < 7; i++) {
      expect(pace.record({ epoch: sentBefore, latencyMs: 20, throttled: true })).toBe(false);
    }
    expect(pace.limits().concurrency).toBe(4);
    // A request sent at the new pace is pushed back too: halve again.
    pace.record(throttled(pace));
    expect(pace.limits()).toEqual({ concurrency: 2, maxDocs: 500, maxBytes: 2 * 1024 * 1024 });
  });

  it("never goes below one request of the minimum size, nor the task's own settings when those are smaller", () => {
    const pace = new WritePace(CEILING, OPTS);
    for (let i = 0; i < 30; i++) {
      pace.record(throttled(pace));
    }
    expect(pace.limits()).toEqual({ concurrency: 1, maxDocs: 50, maxBytes: 64 * 1024 });
    const small = new WritePace({ concurrency: 1, maxDocs: 10, maxBytes: 2_048 }, OPTS);
    expect(small.record(throttled(small))).toBe(false);
    expect(small.limits()).toEqual({ concurrency: 1, maxDocs: 10, maxBytes: 2_048 });
  });

  it("slow answers halve concurrency only; the request size stays", () => {
    const pace = new WritePace(CEILING, OPTS);
    expect(pace.record({ epoch: pace.epoch, latencyMs: 1_500, throttled: false })).toBe(true);
    expect(pace.limits()).toEqual({ ...CEILING, concurrency: 4 });
    expect(pace.state().backingOff).toBe("slow");
  });

  it("climbs back by one request in flight and an eighth of the size per 4 good answers, to the ceiling and no further", () => {
    const pace = new WritePace(CEILING, OPTS);
    for (let i = 0; i < 3; i++) {
      pace.record(throttled(pace));
    }
    expect(pace.limits()).toEqual({ concurrency: 1, maxDocs: 250, maxBytes: 1024 * 1024 });
    const steps: PaceLimits[] = [];
    for (let i = 0; i < 60; i++) {
      if (pace.record(fast(pace))) {
        steps.push(pace.limits());
      }
    }
    expect(steps[0]).toEqual({ concurrency: 2, maxDocs: 500, maxBytes: 2 * 1024 * 1024 });
    expect(steps.at(-1)).toEqual(CEILING);
    expect(steps).toHaveLength(7);
    expect(pace.state().backingOff).toBeNull();
  });

  it("a push-back resets the count of good answers", () => {
    const pace = new WritePace(CEILING, OPTS);
    pace.record(throttled(pace));
    for (let i = 0; i < 3; i++) {
      pace.record(fast(pace));
    }
    pace.record({ epoch: pace.epoch - 1, latencyMs: 20, throttled: true });
    for (let i = 0; i < 3; i++) {
      expect(pace.record(fast(pace))).toBe(false);
    }
    expect(pace.record(fast(pace))).toBe(true);
  });
});
