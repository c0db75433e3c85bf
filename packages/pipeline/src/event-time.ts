import { markValue } from "@outflow/schemas/reason-values";
import type { IssueList } from "./compile-issues";
import { compileDatePattern, truncate } from "./date-format";
import { type CompiledPath, compilePath, getPath } from "./field-path";
import type { KafkaMessage } from "./message";
import type { TimeZone } from "./time-zone";

/** Where an event time comes from (the date split's `source`, a window's `time`, first/last's `by`). */
export type TimeSourceConfig = { type: "kafka_timestamp" } | { type: "field"; field: string; format: string };

export type EventTimeResult = { ok: true; epochMs: number } | { ok: false; missing: boolean; reason: string };
/** The event time of a record, in epoch milliseconds. */
export type EventTime = (record: unknown, message: KafkaMessage) => EventTimeResult;

/** The range of a JS Date (and of Intl), in epoch milliseconds. */
const MAX_EPOCH_MS = 8.64e15;

/** Compiles a time source; values without an offset are read in `zone`. Problems go to `issues` under `at`. */
export function compileEventTime(source: TimeSourceConfig, zone: TimeZone, issues: IssueList, at: string): EventTime | undefined {
  if (source.type === "kafka_timestamp") {
    return (_record, message) => {
      const epochMs = /^-?\d{1,16}$/.test(message.timestamp) ? Number(message.timestamp) : Number.NaN;
      return Math.abs(epochMs) <= MAX_EPOCH_MS
        ? { ok: true, epochMs }
        : { ok: false, missing: false, reason: `message timestamp "${markValue(truncate(message.timestamp, 40))}" is not a usable date` };
    };
  }
  const p = compilePath(source.field);
  const input = compileDatePattern(source.format);
  if (!p.ok) {
    issues.addProblem(`${at}.field`, p);
  }
  if (!input.ok) {
    issues.addProblem(`${at}.format`, input);
  }
  if (!p.ok || !input.ok) {
    return undefined;
  }
  const field: CompiledPath = p.path;
  const pattern = input.pattern;
  return (record) => {
    const v = getPath(record, field);
    if (v === undefined || v === null) {
      return { ok: false, missing: true, reason: `date field ${field.source} is missing` };
    }
    const parsed = pattern.parse(v, zone);
    return parsed.ok ? parsed : { ok: false, missing: false, reason: `date field ${field.source}: ${parsed.reason}` };
  };
}
