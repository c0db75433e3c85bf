import type { AlertKind } from "@outflow/schemas/alerts";

/**
 * The wizard's words for alert rules (its alert step). The task page's alert panel reads the same words from the
 * catalogue (`tasks.alerts`); this goes once the wizard's step is translated too.
 */
export const alertText = {
  title: "Alerts",
  intro: "Checked every few seconds by the workers; a firing alert (and, if chosen, its recovery) is sent to webhooks and written to the event log.",
  kinds: {
    failed: "Task failed",
    retrying: "Retrying too long",
    lagAbove: "Lag above a limit",
    lagGrowing: "Lag growing",
    stalled: "Nothing written while messages wait",
  } satisfies Record<AlertKind, string>,
  notifyResolved: "Also notify when an alert clears (resolved)",
  webhooks: "Send to",
  allWebhooks: "every enabled webhook",
  chosenWebhooks: (count: number) => `${count} chosen webhook${count === 1 ? "" : "s"}`,
};
