import { ALERT_KINDS, type AlertKind, type AlertRules } from "@outflow/schemas/alerts";
import type { DesiredState, TaskStatus } from "@outflow/schemas/task";

const MINUTE_MS = 60_000;

/** A condition that holds now, as stored between passes (`task_alerts`). */
export type AlertRecord = { kind: AlertKind; holdsSince: number; firingSince: number | null; values: Record<string, unknown> };

/** One stored total of the task (task_metric_samples), oldest first. */
export type AlertSample = { at: number; documentsWritten: number; lag: number | null };

/** What the evaluator sees of a task at `now` (epoch ms). `lag`: the messages waiting now, summed over partitions. */
export type TaskObservation = {
  now: number;
  status: TaskStatus;
  desiredState: DesiredState;
  statusReason: string | null;
  lag: number | null;
  samples: AlertSample[];
};

export type AlertTransition = {
  kind: AlertKind;
  state: "firing" | "resolved";
  firingSince: number;
  resolvedAt: number | null;
  values: Record<string, unknown>;
};

type Condition = { holds: boolean; holdForMs: number; values: Record<string, unknown> };

const NOT_HOLDING: Condition = { holds: false, holdForMs: 0, values: {} };

/**
 * The next stored records and the transitions since `previous`: a rule fires once its condition has held for its
 * duration, and resolves (once) when the condition no longer holds, or the rule was turned off. Pure.
 */
export function evaluateAlerts(
  rules: AlertRules,
  task: TaskObservation,
  previous: readonly AlertRecord[],
): { next: AlertRecord[]; transitions: AlertTransition[] } {
  const next: AlertRecord[] = [];
  const transitions: AlertTransition[] = [];
  for (const kind of ALERT_KINDS) {
    const before = previous.find((p) => p.kind === kind);
    const c = rules[kind].enabled ? condition(kind, rules, task) : NOT_HOLDING;
    if (!c.holds) {
      if (before?.firingSince != null) {
        transitions.push({ kind, state: "resolved", firingSince: before.firingSince, resolvedAt: task.now, values: { ...before.values, ...c.values } });
      }
      continue;
    }
    const holdsSince = before?.holdsSince ?? task.now;
    const firingSince = before?.firingSince ?? (task.now - holdsSince >= c.holdForMs ? task.now : null);
    if (firingSince !== null && before?.firingSince == null) {
      transitions.push({ kind, state: "firing", firingSince, resolvedAt: null, values: c.values });
    }
    next.push({ kind, holdsSince, firingSince, values: c.values });
  }
  return { next, transitions };
}

function condition(kind: AlertKind, rules: AlertRules, task: TaskObservation): Condition {
  // Lag and progress rules watch tasks meant to run; a task stopped on purpose is not behind.
  const meantToRun = task.desiredState === "running";
  switch (kind) {
    case "failed":
      return { holds: task.status === "failed", holdForMs: 0, values: { status: task.status, reason: task.statusReason } };
    case "retrying":
      return {
        holds: meantToRun && task.status === "retrying",
        holdForMs: rules.retrying.minutes * MINUTE_MS,
        values: { status: task.status, minutes: rules.retrying.minutes, reason: task.statusReason },
      };
    case "lagAbove":
      return {
        holds: meantToRun && task.lag !== null && task.lag > rules.lagAbove.messages,
        holdForMs: 0,
        values: { lag: task.lag, threshold: rules.lagAbove.messages },
      };
    case "lagGrowing": {
      const points = lagAtMinuteEnds(task, rules.lagGrowing.minutes);
      const grew = points?.every((lag, i) => i === 0 || lag > (points[i - 1] as number));
      return { holds: meantToRun && grew === true, holdForMs: 0, values: { minutes: rules.lagGrowing.minutes, lagThen: points?.[0] ?? null, lag: task.lag } };
    }
    case "stalled": {
      const minutes = rules.stalled.minutes;
      const baseline = lastAtOrBefore(task.samples, task.now - minutes * MINUTE_MS);
      const latest = task.samples.at(-1);
      const nothingWritten = baseline !== undefined && latest !== undefined && latest.documentsWritten <= baseline.documentsWritten;
      return {
        holds: meantToRun && nothingWritten && (task.lag ?? 0) > 0,
        holdForMs: 0,
        values: { minutes, lag: task.lag, documentsWritten: latest?.documentsWritten ?? null },
      };
    }
  }
}

/**
 * The lag at the start of the window and at the end of each of its `minutes` minutes (the last sample by then);
 * null when the samples do not reach back that far or a lag is unknown.
 */
export function lagAtMinuteEnds(task: TaskObservation, minutes: number): number[] | null {
  const points: number[] = [];
  for (let i = minutes; i >= 0; i--) {
    const lag = lastAtOrBefore(task.samples, task.now - i * MINUTE_MS)?.lag;
    if (lag === undefined || lag === null) {
      return null;
    }
    points.push(lag);
  }
  return points;
}

function lastAtOrBefore(samples: readonly AlertSample[], at: number): AlertSample | undefined {
  let found: AlertSample | undefined;
  for (const s of samples) {
    if (s.at > at) {
      break;
    }
    found = s;
  }
  return found;
}
