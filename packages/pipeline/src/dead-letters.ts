import type { FailedMessage } from "./disposition";
import { deadLetterHeaders } from "./disposition";
import { type HeaderValue, headerText, type KafkaMessage, type Stage } from "./message";

/** Counts the tries of a letter: absent on a first dead letter (1), set to 2, 3… by each replay that fails again. */
export const ATTEMPT_HEADER = "outflow.attempt";

/** A record of a dead-letter topic read back: where it is, where it came from, why it failed, and the original. */
export type DeadLetter = {
  /** The dead-letter record's own coordinates. */
  partition: number;
  offset: string;
  /** When it was dead-lettered (the record's timestamp, epoch ms). */
  at: string;
  source: { topic: string; partition: number; offset: string; timestamp: string };
  stage: Stage;
  reason: string;
  errorStatus: number | null;
  errorType: string | null;
  attempt: number;
  group: string;
  /** The message as the task first read it: its coordinates, key, value and its own headers (no `outflow.*` ones). */
  original: KafkaMessage;
};

const STAGES = new Set<string>(["parse", "rule", "route", "index"]);

/** The headers a dead letter carries beside the original's (deadLetterHeaders, and the attempt count). */
function isOutflowHeader(name: string): boolean {
  return name.startsWith("outflow.");
}

/**
 * A dead-letter record of `taskId`, or null when it is another task's (a topic may be shared) or not one of ours
 * (no `outflow.task.id`, or headers the worker does not write).
 */
export function readDeadLetter(record: KafkaMessage, taskId: string): DeadLetter | null {
  const h = (name: string): string | null => headerText(record.headers?.[name]);
  if (h("outflow.task.id") !== taskId) {
    return null;
  }
  const topic = h("outflow.source.topic");
  const partition = Number(h("outflow.source.partition"));
  const offset = h("outflow.source.offset");
  const stage = h("outflow.stage");
  if (!topic || !Number.isInteger(partition) || partition < 0 || !offset || !/^\d+$/.test(offset) || !stage || !STAGES.has(stage)) {
    return null;
  }
  const timestamp = h("outflow.source.timestamp") ?? record.timestamp;
  // The marked form where the worker wrote one: the console hides its values from viewers (route()).
  const reason = h("outflow.reason.marked") ?? h("outflow.reason") ?? "";
  const status = Number(h("outflow.error.status"));
  const errorType = h("outflow.error.type");
  const attempt = Number(h(ATTEMPT_HEADER) ?? "1");
  const headers: Record<string, HeaderValue> = {};
  for (const [k, v] of Object.entries(record.headers ?? {})) {
    if (!isOutflowHeader(k)) {
      headers[k] = v;
    }
  }
  return {
    partition: record.partition,
    offset: record.offset,
    at: record.timestamp,
    source: { topic, partition, offset, timestamp },
    stage: stage as Stage,
    reason,
    errorStatus: h("outflow.error.status") !== null && Number.isInteger(status) ? status : null,
    errorType,
    attempt: Number.isInteger(attempt) && attempt >= 1 ? attempt : 1,
    group: groupOf(stage, reason, errorType),
    original: { topic, partition, offset, timestamp, key: record.key, value: record.value, headers },
  };
}

/**
 * A reason with its values taken out, so that letters failing the same way group together: marked values (see
 * @outflow/schemas/reason-values), quoted text, numbers and long hex runs become placeholders ("field \"amount\" is 12" and "field \"qty\" is 7" stay apart only by field name
 * when it is outside quotes).
 */
export function reasonPattern(reason: string): string {
  return reason
    .replace(/\u2068[^\u2069]*\u2069?/g, "‹…›")
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'/g, "'…'")
    .replace(/\b[0-9a-f]{16,}\b/gi, "#")
    .replace(/\b\d+(?:\.\d+)?\b/g, "#")
    .slice(0, 500);
}

/** A short stable id of a group (stage, reason pattern, error type): FNV-1a, 32 bits, as hex. */
export function groupOf(stage: string, reason: string, errorType: string | null): string {
  const text = `${stage}\u0000${reasonPattern(reason)}\u0000${errorType ?? ""}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${stage}-${h.toString(16).padStart(8, "0")}`;
}

export type DeadLetterGroup = {
  id: string;
  stage: Stage;
  /** The reason pattern (values taken out) and one letter's reason as it was. */
  pattern: string;
  example: string;
  errorType: string | null;
  count: number;
  first: string;
  last: string;
};

/** Letters by group, most letters first (then the newest last letter). `first`/`last`: dead-letter times, epoch ms. */
export function groupLetters(letters: DeadLetter[]): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetterGroup>();
  for (const l of letters) {
    const g = groups.get(l.group);
    if (!g) {
      groups.set(l.group, {
        id: l.group,
        stage: l.stage,
        pattern: reasonPattern(l.reason),
        example: l.reason,
        errorType: l.errorType,
        count: 1,
        first: l.at,
        last: l.at,
      });
      continue;
    }
    g.count++;
    if (Number(l.at) < Number(g.first)) {
      g.first = l.at;
    }
    if (Number(l.at) > Number(g.last)) {
      g.last = l.at;
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || Number(b.last) - Number(a.last) || a.id.localeCompare(b.id));
}

/** The headers of a letter that failed again on replay: the dead-letter headers of this failure, and its attempt. */
export function redeadLetterHeaders(taskId: string, letter: DeadLetter, failure: FailedMessage["failure"]): Record<string, string> {
  return { ...deadLetterHeaders(taskId, { message: letter.original, failure }), [ATTEMPT_HEADER]: String(letter.attempt + 1) };
}
