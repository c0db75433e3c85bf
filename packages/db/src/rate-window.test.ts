import { describe, expect, it } from "vitest";
import { type RateSample, rateOverWindow } from "./rate-window";

const T0 = Date.parse("2026-12-01T12:00:00Z");
/** One sample a second for `totals`, the first at T0. */
const perSecond = (totals: number[]): RateSample[] => totals.map((n, i) => ({ at: new Date(T0 + i * 1000), messagesIn: BigInt(n) }));
const at = (s: number) => new Date(T0 + s * 1000);

describe("rateOverWindow", () => {
  it("is the steady rate over the window, not an average since the start", () => {
    // idle for 5 s, then 250 msg/s
    const samples = perSecond([0, 0, 0, 0, 0, 250, 500, 750, 1000, 1250]);
    expect(rateOverWindow(samples, at(9.2), 3000)).toBe(250);
  });

  it("follows a backlog drained in the last seconds", () => {
    const samples = perSecond([0, 0, 0, 1000, 2000, 2000]);
    expect(rateOverWindow(samples, at(5.1), 3000)).toBeCloseTo(2000 / 3, 5);
  });

  it("is 0 once the window holds no new message, though samples go on", () => {
    const samples = perSecond([0, 250, 500, 750, 750, 750, 750]);
    expect(rateOverWindow(samples, at(6.1), 3000)).toBe(0);
    // one second before: 250 of the last 3 s still in the window
    expect(rateOverWindow(samples.slice(0, 6), at(5.1), 3000)).toBeCloseTo(250 / 3, 5);
  });

  it("is 0 when no runner stored a sample within the window (task stopped)", () => {
    const samples = perSecond([0, 250, 500]);
    expect(rateOverWindow(samples, at(2.5), 3000)).toBe(250);
    expect(rateOverWindow(samples, at(5.5), 3000)).toBe(0);
  });

  it("uses the samples' own instants when they are irregular", () => {
    const samples: RateSample[] = [
      { at: at(0), messagesIn: 0n },
      { at: at(1.5), messagesIn: 150n },
      { at: at(4), messagesIn: 400n },
    ];
    expect(rateOverWindow(samples, at(4), 3000)).toBe(100);
  });

  it("is 0 without two samples, and never negative (totals restart after a task is replaced)", () => {
    expect(rateOverWindow([], at(0), 3000)).toBe(0);
    expect(rateOverWindow(perSecond([5]), at(0), 3000)).toBe(0);
    expect(rateOverWindow(perSecond([500, 0]), at(1), 3000)).toBe(0);
  });
});
