import { describe, expect, it } from "vitest";
import { type RateSample, rateOverWindow } from "./rate-window";

const T0 = Date.parse("2026-12-01T12:00:00Z");
/** One sample a second for `totals`, the first at T0. */
const perSecond = (totals: number[]): RateSample[] => totals.map((n, i) => ({ at: new Date(T0 + i * 1000), messagesIn: BigInt(n) }));
const at = (s: number) => new Date(T0 + s * 1000);
const w = { windowMs: 4000 };
/** `n` seconds of `rate` messages a second after `from` messages. */
const steady = (from: number, rate: number, n: number) => Array.from({ length: n }, (_, i) => from + rate * (i + 1));

describe("rateOverWindow", () => {
  it("is the steady rate over the window, not an average since the start", () => {
    const samples = perSecond([0, 0, 0, 0, 0, ...steady(0, 250, 6)]);
    expect(rateOverWindow(samples, at(10.2), w)).toBe(250);
  });

  it("follows a backlog being drained", () => {
    const samples = perSecond([0, 0, 0, 1000, 2000]);
    expect(rateOverWindow(samples, at(4.1), w)).toBe(500);
  });

  it("at the end of a backlog, is what the window holds: it falls over the window, not at once", () => {
    // 1,000 a second for 4 s, then nothing: the last 4 s hold 3,000, 2,000, 1,000, 0 messages in turn.
    const samples = perSecond([0, 1000, 2000, 3000, 4000, 4000, 4000, 4000, 4000]);
    expect(rateOverWindow(samples.slice(0, 5), at(4.1), w)).toBe(1000);
    expect(rateOverWindow(samples.slice(0, 6), at(5.1), w)).toBe(750);
    expect(rateOverWindow(samples.slice(0, 7), at(6.1), w)).toBe(500);
    expect(rateOverWindow(samples.slice(0, 8), at(7.1), w)).toBe(250);
    expect(rateOverWindow(samples, at(8.1), w)).toBe(0);
  });

  it("is 0 when no runner stored a sample within the window (task stopped)", () => {
    const samples = perSecond([0, 250, 500]);
    expect(rateOverWindow(samples, at(2.5), w)).toBe(250);
    expect(rateOverWindow(samples, at(6.5), w)).toBe(0);
  });

  it("uses the samples' own instants when they are irregular", () => {
    const samples: RateSample[] = [
      { at: at(0), messagesIn: 0n },
      { at: at(1.5), messagesIn: 150n },
      { at: at(4.5), messagesIn: 450n },
    ];
    expect(rateOverWindow(samples, at(4.5), { windowMs: 3000 })).toBe(100);
  });

  it("is 0 without two samples, and never negative (totals restart after a task is replaced)", () => {
    expect(rateOverWindow([], at(0), w)).toBe(0);
    expect(rateOverWindow(perSecond([5]), at(0), w)).toBe(0);
    expect(rateOverWindow(perSecond([500, 0]), at(1), w)).toBe(0);
  });
});
