import type { AlertKind, AlertRules } from "@outflow/schemas/alerts";

const n = (v: number) => v.toLocaleString("en-US");

/** The words for alert rules, shown on the task page and in the wizard. */
export const alertText = {
  title: "Alerts",
  intro: "Checked every few seconds by the workers; a firing alert (and, if chosen, its recovery) is sent to webhooks and written to the event log.",
  firingSince: "firing since",
  ok: "ok",
  off: "off",
  kinds: {
    failed: "Task failed",
    retrying: "Retrying too long",
    lagAbove: "Lag above a limit",
    lagGrowing: "Lag growing",
    stalled: "Nothing written while messages wait",
  } satisfies Record<AlertKind, string>,
  rule(kind: AlertKind, rules: AlertRules): string {
    switch (kind) {
      case "failed":
        return "the task is failed";
      case "retrying":
        return `retrying for more than ${n(rules.retrying.minutes)} min`;
      case "lagAbove":
        return `more than ${n(rules.lagAbove.messages)} messages waiting`;
      case "lagGrowing":
        return `lag grew in each of the last ${n(rules.lagGrowing.minutes)} min`;
      case "stalled":
        return `no documents written for ${n(rules.stalled.minutes)} min while lag > 0`;
    }
  },
  notifyResolved: "Also notify when an alert clears (resolved)",
  webhooks: "Send to",
  allWebhooks: "every enabled webhook",
  chosenWebhooks: (count: number) => `${count} chosen webhook${count === 1 ? "" : "s"}`,
};
