import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contributionOf } from "./aggregation";
import { windowBounds } from "./aggregation-window";
import { processMessage } from "./process-message";
import { compiled, message } from "./test-fixtures";
import { compileTimeZone, type TimeZone } from "./time-zone";

const H = 3_600_000;
const zone = (name: string): TimeZone => {
  const z = compileTimeZone(name);
  if (!z.ok) {
    throw new Error(z.reason);
  }
  return z.zone;
};

function windowed(window: Record<string, unknown>, sink: Record<string, unknown> = {}) {
  return compiled({ sink: { index: "agg", aggregation: { groupBy: ["app"], window: window as never }, ...sink } });
}

describe("tumbling windows", () => {
  it("a boundary instant opens the next window; the millisecond before belongs to the previous one", () => {
    const utc = zone("UTC");
    const t = Date.UTC(2024, 0, 1, 10, 5);
    expect(windowBounds(t, 60_000, utc)).toEqual({ startMs: t, endMs: t + 60_000 });
    expect(windowBounds(t - 1, 60_000, utc)).toEqual({ startMs: t - 60_000, endMs: t });
    expect(windowBounds(t + 59_999, 60_000, utc)).toEqual({ startMs: t, endMs: t + 60_000 });
    expect(windowBounds(t + 1_500, 1_000, utc)).toEqual({ startMs: t + 1_000, endMs: t + 2_000 });
  });

  it("aligns on the zone's wall clock: hours at :30 UTC in +05:30, days at local midnight", () => {
    const t = Date.UTC(2024, 0, 1, 10, 5);
    expect(windowBounds(t, H, zone("+05:30"))).toEqual({ startMs: Date.UTC(2024, 0, 1, 9, 30), endMs: Date.UTC(2024, 0, 1, 10, 30) });
    expect(windowBounds(t, 24 * H, zone("Asia/Shanghai"))).toEqual({ startMs: Date.UTC(2023, 11, 31, 16), endMs: Date.UTC(2024, 0, 1, 16) });
  });

  it("a day window is the calendar day across DST changes: 23 hours in spring, 25 in autumn", () => {
    const berlin = zone("Europe/Berlin");
    const spring = windowBounds(Date.UTC(2024, 2, 31, 12), 24 * H, berlin);
    expect(spring).toEqual({ startMs: Date.UTC(2024, 2, 30, 23), endMs: Date.UTC(2024, 2, 31, 22) });
    const autumn = windowBounds(Date.UTC(2024, 9, 27, 12), 24 * H, berlin);
    expect(autumn).toEqual({ startMs: Date.UTC(2024, 9, 26, 22), endMs: Date.UTC(2024, 9, 27, 23) });
  });

  it("hour windows around DST: the skipped hour has no window, the repeated hour is one window of two hours", () => {
    const berlin = zone("Europe/Berlin");
    // 2024-03-31: 02:00 CET becomes 03:00 CEST (01:00Z).
    expect(windowBounds(Date.UTC(2024, 2, 31, 0, 59), H, berlin)).toEqual({ startMs: Date.UTC(2024, 2, 31, 0), endMs: Date.UTC(2024, 2, 31, 1) });
    expect(windowBounds(Date.UTC(2024, 2, 31, 1), H, berlin)).toEqual({ startMs: Date.UTC(2024, 2, 31, 1), endMs: Date.UTC(2024, 2, 31, 2) });
    // 2024-10-27: 03:00 CEST becomes 02:00 CET (01:00Z); 02:00-03:00 happens twice.
    const both = { startMs: Date.UTC(2024, 9, 27, 0), endMs: Date.UTC(2024, 9, 27, 2) };
    expect(windowBounds(Date.UTC(2024, 9, 27, 0, 30), H, berlin)).toEqual(both);
    expect(windowBounds(Date.UTC(2024, 9, 27, 1, 30), H, berlin)).toEqual(both);
    expect(windowBounds(Date.UTC(2024, 9, 27, 2), H, berlin)).toEqual({ startMs: Date.UTC(2024, 9, 27, 2), endMs: Date.UTC(2024, 9, 27, 3) });
  });

  it("the window of a second pass of wall-clock time the clocks went back over is the first pass's (a 1 s window in New York)", () => {
    const ny = zone("America/New_York");
    // 2025-11-02 02:00 EDT becomes 01:00 EST at 06:00Z: 01:00:00 local happens at 05:00Z and again at 06:00Z.
    const first = windowBounds(Date.UTC(2025, 10, 2, 5), 1_000, ny);
    expect(first).toEqual({ startMs: Date.UTC(2025, 10, 2, 5), endMs: Date.UTC(2025, 10, 2, 5, 0, 1) });
    expect(windowBounds(Date.UTC(2025, 10, 2, 6), 1_000, ny)).toEqual(first);
  });

  it("every instant lies in its window, and the window's instants share it (any zone, any size)", () => {
    const zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago", "-03:30"].map(zone);
    const sizes = [1_000, 60_000, 15 * 60_000, H, 3 * H, 24 * H];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...zones), fc.constantFrom(...sizes), (t, z, size) => {
        const w = windowBounds(t, size, z);
        const wall = (ms: number) => ms + z.offsetMinutesAt(ms) * 60_000;
        // On the wall clock the instant lies in its window, always.
        expect(wall(w.startMs)).toBeLessThanOrEqual(wall(t));
        expect(wall(t)).toBeLessThan(wall(w.startMs) + size);
        // As instants too, except in the second pass of a wall-clock span the clocks went back over when the window
        // is shorter than that span: that pass shares the first pass's window (same start on the wall clock, so the
        // same group document), as a window on local time does in Flink (2025-11-02T06:00:00Z in New York, 1 s).
        const secondPass = z.offsetMinutesAt(t) < z.offsetMinutesAt(w.startMs) && w.endMs <= t;
        if (secondPass) {
          expect(wall(t) - wall(w.startMs)).toBeLessThan(size);
        } else {
          expect(w.startMs).toBeLessThanOrEqual(t);
          expect(w.endMs).toBeGreaterThan(t);
        }
        expect(windowBounds(w.startMs, size, z)).toEqual(w);
        expect(windowBounds(w.endMs - 1, size, z)).toEqual(w);
        expect(windowBounds(w.endMs, size, z).startMs).toBe(w.endMs);
      }),
      { numRuns: 3_000 },
    );
  });

  it("puts window_start and window_end (names settable) in the document and the window start in its ID", () => {
    const task = windowed({ size: "5m", time: { type: "field", field: "ts", format: "epoch_seconds" }, timeZone: "+08:00", startAs: "ws", endAs: "we" });
    const c = contributionOf(task.aggregation as never, { app: "api", ts: 1_704_103_560 }, message({}));
    expect(c).toEqual({
      ok: true,
      id: "api_2024-01-01T18:05:00.000+08:00",
      windowStartMs: Date.UTC(2024, 0, 1, 10, 5),
      contribution: { group: { app: "api" }, values: {}, window: { ws: "2024-01-01T18:05:00.000+08:00", we: "2024-01-01T18:10:00.000+08:00" } },
    });
  });

  it("reads the Kafka timestamp or a date field in any format the date split accepts; a missing or bad time fails at route", () => {
    const byKafka = windowed({ size: "1h", time: { type: "kafka_timestamp" } });
    expect(processMessage(byKafka, message({ app: "a" }, { timestamp: String(Date.UTC(2024, 0, 1, 10, 59, 59, 999)) }), 0)).toMatchObject({
      kind: "write",
      actions: [{ op: "aggregate", id: "a_2024-01-01T10:00:00.000Z" }],
    });
    const byField = windowed({ size: "1d", time: { type: "field", field: "t", format: "yyyy-MM-dd HH:mm:ss" }, timeZone: "America/New_York" });
    expect(processMessage(byField, message({ app: "a", t: "2024-07-04 23:30:00" }), 0)).toMatchObject({
      actions: [{ contribution: { window: { window_start: "2024-07-04T00:00:00.000-04:00", window_end: "2024-07-05T00:00:00.000-04:00" } } }],
    });
    expect(processMessage(byField, message({ app: "a" }), 0)).toEqual({ kind: "failed", stage: "route", reason: "window time: date field t is missing" });
    expect(processMessage(byField, message({ app: "a", t: "soon" }), 0)).toMatchObject({
      kind: "failed",
      stage: "route",
      reason: expect.stringContaining("window time: date field t"),
    });
  });

  it("splits the index by window start, so a late message goes to its own window's index", () => {
    const task = windowed(
      { size: "1h", time: { type: "field", field: "t" } },
      { dateSplit: { format: "yyyy.MM.dd", source: { type: "window_start" }, timeZone: "UTC" } },
    );
    const late = processMessage(task, message({ app: "a", t: "2024-01-01T23:59:00Z" }, { timestamp: String(Date.UTC(2024, 0, 2, 3)) }), 0);
    expect(late).toMatchObject({ actions: [{ index: "agg_2024.01.01", id: "a_2024-01-01T23:00:00.000Z" }] });
  });

  it("rejects sizes outside 1s to 1d and window_start splits without a window", () => {
    const bad = (sink: Record<string, unknown>) => {
      try {
        compiled({ sink: { index: "agg", ...sink } });
        return "";
      } catch (e) {
        return String(e);
      }
    };
    expect(bad({ aggregation: { groupBy: ["a"], window: { size: "2d", time: { type: "kafka_timestamp" } } } })).toContain("A window lasts from 1s to 1d");
    expect(bad({ aggregation: { groupBy: ["a"], window: { size: "500ms", time: { type: "kafka_timestamp" } } } })).toContain("sink.aggregation.window.size");
    expect(bad({ dateSplit: { format: "yyyy", source: { type: "window_start" } } })).toContain("window_start needs a windowed aggregation");
  });
});
