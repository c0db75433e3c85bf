import { describe, expect, it } from "vitest";
import { type CounterSample, seriesPoints, seriesWindow } from "./metric-series";

const T0 = Date.parse("2026-12-01T12:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);

/** A sample `s` seconds after T0 with `totals` (messages in; written follows in unless given) and the rest 0. */
function sample(s: number, messagesIn: number, more: Partial<Record<keyof CounterSample, number | null>> = {}): CounterSample {
  const n = (k: keyof CounterSample, d: number) => BigInt((more[k] as number | undefined) ?? d);
  return {
    at: at(s),
    messagesIn: BigInt(messagesIn),
    messagesWritten: n("messagesWritten", messagesIn),
    documentsWritten: n("documentsWritten", messagesIn),
    filtered: n("filtered", 0),
    dropped: n("dropped", 0),
    discarded: n("discarded", 0),
    deadLettered: n("deadLettered", 0),
    failed: n("failed", 0),
    lag: more.lag === null ? null : n("lag", 0),
  };
}

describe("seriesWindow", () => {
  it("ends with the step that holds now, steps aligned to the epoch", () => {
    const w = seriesWindow(new Date(T0 + 7_500), 60_000, 10_000);
    expect(w.count).toBe(6);
    expect(w.from.toISOString()).toBe(new Date(T0 - 50_000).toISOString());
    // now lies in the last step
    expect(w.from.getTime() + (w.count - 1) * w.stepMs).toBeLessThanOrEqual(T0 + 7_500);
    expect(w.from.getTime() + w.count * w.stepMs).toBeGreaterThan(T0 + 7_500);
  });
});

describe("seriesPoints", () => {
  const w = { from: at(0), stepMs: 2_000, count: 5 };

  it("gives each step the rate between its last sample and the one before, over the seconds between them", () => {
    const points = seriesPoints([sample(-1, 0), sample(0, 50), sample(1, 100), sample(3, 400, { messagesWritten: 300 }), sample(5, 400)], w);
    expect(points.map((p) => p.inPerSecond)).toEqual([50, 150, 0, null, null]);
    expect(points.map((p) => p.spanSeconds)).toEqual([2, 2, 2, null, null]);
    expect(points.map((p) => p.writtenPerSecond)).toEqual([50, 100, 50, null, null]);
    expect(points.map((p) => p.at)).toEqual([0, 2, 4, 6, 8].map((s) => at(s).toISOString()));
  });

  it("adds up to exactly what was counted: rate × span over the points is the difference of the totals", () => {
    // Uneven sample times, several samples in a step, one step without any.
    const samples = [sample(-0.4, 1000), sample(0.3, 1010), sample(1.9, 1333), sample(2.2, 1400), sample(6.7, 2500), sample(7.1, 2501), sample(9.99, 2777)];
    const points = seriesPoints(samples, w);
    const total = points.reduce((sum, p) => sum + (p.documentsPerSecond ?? 0) * (p.spanSeconds ?? 0), 0);
    expect(total).toBeCloseTo(2777 - 1000, 6);
    expect(points[2]?.inPerSecond).toBeNull(); // 4–6 s: no sample
    expect(points[3]?.spanSeconds).toBeCloseTo(7.1 - 2.2, 6); // averages over the stretch without samples
  });

  it("reads samples in any order", () => {
    const samples = [sample(-1, 0), sample(0, 50), sample(1, 100), sample(3, 400)];
    expect(seriesPoints([...samples].reverse(), w)).toEqual(seriesPoints(samples, w));
  });

  it("has no rate for the first sample ever (nothing to difference against), but its lag and retained", () => {
    const [p] = seriesPoints([sample(0.5, 10, { lag: 7, failed: 1 })], w);
    expect(p).toMatchObject({ inPerSecond: null, spanSeconds: null, lag: 7, retained: 1 });
  });

  it("gives a task that began inside the window the rate from its first sample, also within one step", () => {
    const [p] = seriesPoints([sample(0.2, 0), sample(0.7, 40), sample(1.2, 100)], w);
    expect(p).toMatchObject({ inPerSecond: 100, spanSeconds: 1 });
    const points = seriesPoints([sample(2.5, 10), sample(3.5, 30), sample(5, 60)], w);
    expect(points.map((x) => x.inPerSecond)).toEqual([null, 20, 20, null, null]);
  });

  it("takes lag and retained from the step's last sample, and keeps an unknown lag unknown", () => {
    const points = seriesPoints([sample(0, 0, { lag: 900 }), sample(1, 10, { lag: 500, failed: 1 }), sample(2.5, 20, { lag: null })], w);
    expect(points.slice(0, 2).map((p) => [p.lag, p.retained])).toEqual([
      [500, 1],
      [null, 0],
    ]);
  });

  it("gives no rate (not a negative one) for a counter that went down, and carries on from the new totals", () => {
    const points = seriesPoints([sample(-1, 0), sample(1, 500, { filtered: 40 }), sample(3, 20, { filtered: 50 }), sample(5, 60, { filtered: 60 })], w);
    expect(points.map((p) => p.inPerSecond)).toEqual([250, null, 20, null, null]);
    // The filtered count kept rising: its rate is still there.
    expect(points[1]?.filteredPerSecond).toBe(5);
  });

  it("ignores samples after the window", () => {
    const points = seriesPoints([sample(-1, 0), sample(9, 100), sample(10, 1_000_000)], w);
    expect(points[4]?.inPerSecond).toBe(10);
  });

  it("is all empty without samples, with a point for every step", () => {
    const points = seriesPoints([], { from: at(0), stepMs: 1_800_000, count: 336 });
    expect(points).toHaveLength(336);
    expect(points.every((p) => p.inPerSecond === null && p.lag === null)).toBe(true);
  });
});
