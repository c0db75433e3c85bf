import type { AlertKind } from "./alerts";

/**
 * The words of task events: each builder gives the English message stored in `message` (an API contract) and the
 * catalogue key with its parameters (stored in `details`), so the console shows the event in the reader's language
 * (`tasks.events.words.<messageKey>`). The English template of each key reproduces `message` exactly (unit-tested).
 */
export type EventParams = Record<string, string | number>;
export type EventWords = { message: string; messageKey: EventWordKey; params: EventParams };

/** The fields an event's `details` carry for translation. */
export function wordsDetails(w: EventWords): { messageKey: string; params: EventParams } {
  return { messageKey: w.messageKey, params: w.params };
}

/** An event's message and details (`details` kept, with the words added). */
export function worded(w: EventWords, details: Record<string, unknown> = {}): { message: string; details: Record<string, unknown> } {
  return { message: w.message, details: { ...details, ...wordsDetails(w) } };
}

/** Whether stored details name a message key (events written before keys existed have none). */
export function eventWordsOf(details: Record<string, unknown> | null): { messageKey: string; params: EventParams } | null {
  const key = details?.messageKey;
  const params = details?.params;
  if (typeof key !== "string" || (params !== undefined && (typeof params !== "object" || params === null))) {
    return null;
  }
  return { messageKey: key, params: (params ?? {}) as EventParams };
}

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

const ALERT_KEY = { failed: "Failed", retrying: "Retrying", lagAbove: "LagAbove", lagGrowing: "LagGrowing", stalled: "Stalled" } as const;

const w = <K extends EventWordKey>(messageKey: K, params: EventParams, message: string): EventWords => ({ messageKey, params, message });
const more = (n: number) => (n > 0 ? ` (and ${n} more since the last such event)` : "");

type Pace = { concurrency: number; maxDocs: number; maxBytes: number };
/** A write pace in the words' parameters: `<prefix>Concurrency`, `<prefix>MaxDocs` (en-US digits), `<prefix>Mib`. */
function paceParams(prefix: string, p: Pace): EventParams {
  return {
    [`${prefix}Concurrency`]: p.concurrency,
    [`${prefix}MaxDocs`]: p.maxDocs.toLocaleString("en-US"),
    [`${prefix}Mib`]: (p.maxBytes / (1024 * 1024)).toFixed(1),
  };
}
export function paceText(p: Pace): string {
  const mib = (p.maxBytes / (1024 * 1024)).toFixed(1);
  return `${p.concurrency} request${p.concurrency === 1 ? "" : "s"} of at most ${p.maxDocs.toLocaleString("en-US")} documents / ${mib} MiB at a time`;
}

export const EVENT_WORD_KEYS = [
  "created",
  "taskCreated",
  "configSaved",
  "configSavedAsVersion",
  "rulesImported",
  "rulesImportedAsVersion",
  "restoredVersion",
  "restoredVersionAsVersion",
  "connectionEdited",
  "startRequested",
  "stopRequested",
  "resetRequested",
  "offsetsResetKept",
  "offsetsResetNewGroup",
  "offsetsResetSet",
  "startPositionDeferred",
  "taskStopped",
  "taskStoppedFinished",
  "recovered",
  "running",
  "rebalanced",
  "rebalancedNone",
  "stoppedAtMessage",
  "leaseLost",
  "messageDiscarded",
  "messageDeadLettered",
  "messageDropped",
  "heldSkipped",
  "webhookGone",
  "webhookDelivered",
  "webhookRetrying",
  "webhookGaveUp",
  "replayStarted",
  "replayDone",
  "replayFailed",
  "writeBackoffThrottled",
  "writeBackoffSlow",
  "writePaceRestored",
  ...(["Failed", "Retrying", "LagAbove", "LagGrowing", "Stalled"] as const).flatMap((k) => [`alertFiring${k}` as const, `alertResolved${k}` as const]),
] as const;
export type EventWordKey = (typeof EVENT_WORD_KEYS)[number];

export const eventWords = {
  created: (name: string) => w("created", { name }, `Task "${name}" created`),
  /** The first config version's note (the `created` event names the task; the note does not). */
  taskCreated: () => w("taskCreated", {}, "Task created"),
  /** Notes of a saved configuration (also the config version's note). */
  configSaved: () => w("configSaved", {}, "Configuration saved"),
  rulesImported: () => w("rulesImported", {}, "Rules imported"),
  restoredVersion: (version: number) => w("restoredVersion", { version }, `Restored version ${version}`),
  /** A note with the version it saved. */
  savedAsVersion: (note: EventWords, saved: number) =>
    w(`${note.messageKey}AsVersion` as EventWordKey, { ...note.params, saved }, `${note.message}: saved as version ${saved}`),
  connectionEdited: (connection: string, version: number) =>
    w("connectionEdited", { connection, version }, `Connection ${connection} was edited: consumers restart with it (configuration version ${version})`),
  startRequested: () => w("startRequested", {}, "Start requested"),
  stopRequested: () => w("stopRequested", {}, "Stop requested"),
  resetRequested: (type: string) => w("resetRequested", { type }, `Offset reset requested: ${type}`),
  offsetsResetKept: (type: string) => w("offsetsResetKept", { type }, `Start position ${type}: kept the group's committed offsets`),
  offsetsResetNewGroup: (type: string) =>
    w("offsetsResetNewGroup", { type }, `Start position ${type}: new consumer group: consumers start at the beginning of each partition`),
  /** `positions`: "topic: [0]@5 [1]@7; other: [0]@2" (data). */
  offsetsResetSet: (type: string, positions: string) => w("offsetsResetSet", { type, positions }, `Start position ${type}: ${positions}`),
  startPositionDeferred: (error: string) => w("startPositionDeferred", { error }, `Start position not applied yet (Kafka: ${error}); retrying`),
  taskStopped: () => w("taskStopped", {}, "Task stopped"),
  taskStoppedFinished: () => w("taskStoppedFinished", {}, "Task stopped: every consumer finished and committed"),
  recovered: () => w("recovered", {}, "Recovered: writes succeed again"),
  running: (slot: number, worker: string, token: string) =>
    w("running", { slot, worker, token }, `Running: consumer slot ${slot} on worker ${worker} joined the group (lease token ${token})`),
  rebalanced: (slot: number, worker: string, token: string, assignment: Record<string, number[]>) => {
    const partitions = Object.entries(assignment)
      .map(([t, ps]) => `${t}[${ps.join(",")}]`)
      .join(" ");
    return partitions
      ? w("rebalanced", { slot, worker, token, partitions }, `Consumer slot ${slot} (worker ${worker}, lease token ${token}) has ${partitions}`)
      : w("rebalancedNone", { slot, worker, token }, `Consumer slot ${slot} (worker ${worker}, lease token ${token}) has no partitions`);
  },
  stoppedAtMessage: (p: { topic: string; partition: number; offset: string; stage: string; reason: string }) =>
    w(
      "stoppedAtMessage",
      { ...p },
      `Stopped at ${p.topic}[${p.partition}]@${p.offset} (${p.stage}): ${p.reason}. Nothing from this message on was committed; fix the cause or switch the failure policy, then start the task again.`,
    ),
  leaseLost: (slot: number, worker: string, reason: string) =>
    w("leaseLost", { slot, worker, reason }, `Consumer slot ${slot} stopped on worker ${worker}: ${reason}`),
  messageFailed: (what: "discarded" | "dead_lettered", p: { topic: string; partition: number; offset: string; stage: string; reason: string; more: number }) =>
    w(
      what === "discarded" ? "messageDiscarded" : "messageDeadLettered",
      { ...p },
      `${what === "discarded" ? "Discarded" : "Dead-lettered"} ${p.topic}[${p.partition}]@${p.offset} at ${p.stage}: ${p.reason}${more(p.more)}`,
    ),
  messageDropped: (p: { topic: string; partition: number; offset: string; reason: string; more: number }) =>
    w("messageDropped", { ...p }, `Dropped non-JSON ${p.topic}[${p.partition}]@${p.offset}: ${p.reason}${more(p.more)}`),
  heldSkipped: (p: { topic: string; partition: number; offset: string; stage: string; next: string }) =>
    w(
      "heldSkipped",
      { ...p },
      `Skipped ${p.topic}[${p.partition}]@${p.offset} (${p.stage}), held by the retain policy: committed past it and counted as discarded; the partition resumes at ${p.next}`,
    ),
  webhookGone: (webhookId: string) => w("webhookGone", { webhookId }, `Webhook ${webhookId} was deleted or disabled; not sent`),
  webhookDelivered: (p: { webhook: string; alert: string; state: string; status: number | null; attempt: number; attempts: number; latencyMs: number }) =>
    w(
      "webhookDelivered",
      { ...p, status: String(p.status) },
      `Webhook "${p.webhook}" took the ${p.alert} ${p.state} notification: HTTP ${p.status} (try ${p.attempt} of ${p.attempts}, ${p.latencyMs} ms)`,
    ),
  webhookFailed: (p: { webhook: string; alert: string; state: string; error: string; attempt: number; attempts: number }) => {
    const last = p.attempt >= p.attempts;
    return w(
      last ? "webhookGaveUp" : "webhookRetrying",
      { ...p },
      `Webhook "${p.webhook}" did not take the ${p.alert} ${p.state} notification: ${p.error} (try ${p.attempt} of ${p.attempts}; ${last ? "giving up" : "will retry"})`,
    );
  },
  replayStarted: (replayId: string, total: number, actor: string) =>
    w("replayStarted", { replayId, total, actor }, `Replay ${replayId} of ${total} dead letters started (by ${actor})`),
  replayDone: (replayId: string, total: number, done: { written: number; filtered: number; failedAgain: number; missing: number } | null) => {
    const n = (k: "written" | "filtered" | "failedAgain" | "missing") => done?.[k] ?? "?";
    return w(
      "replayDone",
      { replayId, total, written: n("written"), filtered: n("filtered"), failedAgain: n("failedAgain"), missing: n("missing") },
      `Replay ${replayId} of ${total} dead letters done: ${n("written")} written, ${n("filtered")} filtered, ${n("failedAgain")} failed again, ${n("missing")} no longer in the topic`,
    );
  },
  replayFailed: (replayId: string, position: number, total: number, reason: string) =>
    w("replayFailed", { replayId, position, total, reason }, `Replay ${replayId} of dead letters failed after ${position} of ${total} letters: ${reason}`),
  writeBackoff: (throttled: boolean, slot: number, pace: Pace, ceiling: Pace) =>
    w(
      throttled ? "writeBackoffThrottled" : "writeBackoffSlow",
      { slot, ...paceParams("pace", pace), ...paceParams("ceiling", ceiling) },
      `${throttled ? "Elasticsearch answered 429 (too many requests)" : "Elasticsearch answered slowly"}: slot ${slot} now sends ${paceText(pace)} (the task's settings: ${paceText(ceiling)})`,
    ),
  alert: (state: "firing" | "resolved", kind: AlertKind, values: Record<string, unknown>) => {
    const what = describeAlert(kind, values);
    const params = {
      minutes: n(values.minutes),
      lag: n(values.lag),
      threshold: n(values.threshold),
      lagThen: n(values.lagThen),
      hasReason: values.reason ? "yes" : "no",
      reason: values.reason ? String(values.reason) : "",
    };
    return state === "firing"
      ? w(`alertFiring${ALERT_KEY[kind]}`, params, `Alert ${kind} firing: ${what}`)
      : w(`alertResolved${ALERT_KEY[kind]}`, params, `Alert ${kind} resolved (was: ${what})`);
  },
  writePaceRestored: (slot: number, pace: Pace) =>
    w("writePaceRestored", { slot, ...paceParams("pace", pace) }, `Slot ${slot} writes at the task's settings again: ${paceText(pace)}`),
};
