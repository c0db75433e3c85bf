import { ALERT_DEFAULTS, AlertRules } from "@outflow/schemas/alerts";
import { describe, expect, it } from "vitest";
import { type AlertRecord, type AlertSample, evaluateAlerts, type TaskObservation } from "./alert-evaluator";

const MIN = 60_000;
const T0 = Date.parse("2026-12-07T10:00:00Z");
const rules = (over: Record<string, unknown> = {}) => AlertRules.parse({ ...ALERT_DEFAULTS, ...over });
const running = (over: Partial<TaskObservation> = {}): TaskObservation => ({
  now: T0,
  status: "running",
  desiredState: "running",
  statusReason: null,
  lag: 0,
  samples: [],
  ...over,
});
/** A sample a second, from `from` to `to` (ms), with lag and written counts from functions of the minute. */
function samples(from: number, to: number, lag: (m: number) => number | null, written: (m: number) => number): AlertSample[] {
  const out: AlertSample[] = [];
  for (let at = from; at <= to; at += 1_000) {
    const m = (at - from) / MIN;
    out.push({ at, lag: lag(m), documentsWritten: written(m) });
  }
  return out;
}

describe("evaluateAlerts", () => {
  it("a healthy running task fires nothing", () => {
    const now = T0 + 30 * MIN;
    const r = evaluateAlerts(
      rules(),
      running({
        now,
        lag: 5,
        samples: samples(
          T0,
          now,
          () => 5,
          (m) => Math.floor(m * 100),
        ),
      }),
      [],
    );
    expect(r).toEqual({ next: [], transitions: [] });
  });

  it("failed fires at once, stays firing without a second transition, and resolves when the task runs again", () => {
    const failed = running({ status: "failed", desiredState: "stopped", statusReason: "parse: invalid JSON" });
    const first = evaluateAlerts(rules(), failed, []);
    expect(first.transitions).toEqual([
      { kind: "failed", state: "firing", firingSince: T0, resolvedAt: null, values: { status: "failed", reason: "parse: invalid JSON" } },
    ]);
    const again = evaluateAlerts(rules(), { ...failed, now: T0 + MIN }, first.next);
    expect(again.transitions).toEqual([]);
    expect(again.next[0]).toMatchObject({ kind: "failed", firingSince: T0 });
    const back = evaluateAlerts(rules(), running({ now: T0 + 2 * MIN }), again.next);
    expect(back.transitions).toEqual([expect.objectContaining({ kind: "failed", state: "resolved", firingSince: T0, resolvedAt: T0 + 2 * MIN })]);
    expect(back.next).toEqual([]);
  });

  it("a rule that is off neither fires nor stays firing", () => {
    const failed = running({ status: "failed" });
    expect(evaluateAlerts(rules({ failed: { enabled: false } }), failed, []).transitions).toEqual([]);
    const firing: AlertRecord[] = [{ kind: "failed", holdsSince: T0, firingSince: T0, values: {} }];
    expect(evaluateAlerts(rules({ failed: { enabled: false } }), failed, firing).transitions).toMatchObject([{ kind: "failed", state: "resolved" }]);
  });

  it("retrying fires only after it has held for its minutes, counted from when it was first seen", () => {
    const r = rules({ retrying: { enabled: true, minutes: 10 } });
    const seen = evaluateAlerts(r, running({ status: "retrying" }), []);
    expect(seen.transitions).toEqual([]);
    expect(seen.next).toEqual([expect.objectContaining({ kind: "retrying", holdsSince: T0, firingSince: null })]);
    const nine = evaluateAlerts(r, running({ status: "retrying", now: T0 + 9 * MIN }), seen.next);
    expect(nine.transitions).toEqual([]);
    const ten = evaluateAlerts(r, running({ status: "retrying", now: T0 + 10 * MIN }), nine.next);
    expect(ten.transitions).toMatchObject([{ kind: "retrying", state: "firing", firingSince: T0 + 10 * MIN }]);
    // Recovered before firing: nothing to resolve, and the clock starts again next time.
    const early = evaluateAlerts(r, running({ now: T0 + 5 * MIN }), seen.next);
    expect(early).toEqual({ next: [], transitions: [] });
  });

  it("lagAbove fires above the threshold (not at it), and only for a task meant to run", () => {
    const r = rules({ lagAbove: { enabled: true, messages: 1_000 } });
    expect(evaluateAlerts(r, running({ lag: 1_000 }), []).transitions).toEqual([]);
    expect(evaluateAlerts(r, running({ lag: 1_001 }), []).transitions).toMatchObject([{ kind: "lagAbove", values: { lag: 1_001, threshold: 1_000 } }]);
    expect(evaluateAlerts(r, running({ lag: 5_000, status: "stopped", desiredState: "stopped" }), []).transitions).toEqual([]);
  });

  it("lagGrowing fires when the lag grew in each of the last N minutes, not when it dipped once", () => {
    const r = rules({ lagGrowing: { enabled: true, minutes: 5 } });
    const now = T0 + 6 * MIN;
    const growing = samples(
      T0,
      now,
      (m) => 100 + Math.floor(m * 10),
      () => 0,
    );
    expect(evaluateAlerts(r, running({ now, lag: 160, samples: growing }), []).transitions).toMatchObject([{ kind: "lagGrowing", values: { minutes: 5 } }]);
    // The same growth, but at the end of minute 3 the lag is back down.
    const dipped = growing.map((s) => (s.at === T0 + 4 * MIN ? { ...s, lag: 0 } : s));
    expect(evaluateAlerts(r, running({ now, lag: 160, samples: dipped }), []).transitions).toEqual([]);
    // Samples that reach back less than five minutes say nothing yet.
    const short = growing.filter((s) => s.at > T0 + 2 * MIN);
    expect(evaluateAlerts(r, running({ now, lag: 160, samples: short }), []).transitions).toEqual([]);
    // No new samples (the runner is gone): the lag did not grow in the last minutes.
    const stale = growing.filter((s) => s.at <= T0 + 3 * MIN);
    expect(evaluateAlerts(r, running({ now, lag: 160, samples: stale }), []).transitions).toEqual([]);
  });

  it("stalled fires when nothing was written for N minutes while messages wait, and not without lag", () => {
    const r = rules({ stalled: { enabled: true, minutes: 10 } });
    const now = T0 + 12 * MIN;
    const flat = samples(
      T0,
      now,
      () => 40,
      () => 500,
    );
    expect(evaluateAlerts(r, running({ now, lag: 40, samples: flat }), []).transitions).toMatchObject([{ kind: "stalled", values: { lag: 40, minutes: 10 } }]);
    expect(evaluateAlerts(r, running({ now, lag: 0, samples: flat }), []).transitions).toEqual([]);
    const writing = samples(
      T0,
      now,
      () => 40,
      (m) => (m > 11 ? 501 : 500),
    );
    expect(evaluateAlerts(r, running({ now, lag: 40, samples: writing }), []).transitions).toEqual([]);
    // A runner that stopped sampling two minutes in has written nothing since.
    const gone = flat.filter((s) => s.at <= T0 + 2 * MIN);
    expect(evaluateAlerts(r, running({ now, lag: 40, samples: gone }), []).transitions).toMatchObject([{ kind: "stalled" }]);
  });
});
