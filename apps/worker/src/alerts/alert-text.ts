import type { AlertKind } from "@outflow/schemas/alerts";

const n = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US") : "?");

/** One line saying what an alert is about, for the event log and the notification. */
export function describeAlert(kind: AlertKind, values: Record<string, unknown>): string {
  switch (kind) {
    case "failed":
      return `the task failed${values.reason ? ` (${String(values.reason)})` : ""}`;
    case "retrying":
      return `the task has been retrying for more than ${n(values.minutes)} minutes${values.reason ? ` (${String(values.reason)})` : ""}`;
    case "lagAbove":
      return `lag ${n(values.lag)} is above ${n(values.threshold)} messages`;
    case "lagGrowing":
      return `lag grew in each of the last ${n(values.minutes)} minutes (${n(values.lagThen)} → ${n(values.lag)})`;
    case "stalled":
      return `nothing written for ${n(values.minutes)} minutes while ${n(values.lag)} messages wait`;
  }
}
