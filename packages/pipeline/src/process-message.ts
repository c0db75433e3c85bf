import type { Action, Processed, Tracer } from "./action";
import { contributionOf } from "./aggregation";
import { decodeCdc } from "./cdc";
import type { CompiledTask } from "./compile";
import { type DecodedRecords, decodeValue, wrapRaw } from "./decode-value";
import { cloneJson, mayHoldInexactNumbers } from "./exact-number";
import { type CompiledPath, getPath } from "./field-path";
import { flattenRecord } from "./flatten";
import { jsonParserPlainNumbers } from "./formats/json-formats";
import { decodeRegistryKey, decodeRegistryValue } from "./formats/registry-decode";
import type { KafkaMessage } from "./message";
import type { RuleContext } from "./rules/context";
import { runRuleGuarded, thrownReason } from "./stage-guard";

const utf8 = new TextEncoder();

type Row = { op: "upsert" | "delete"; record: Record<string, unknown> };

/**
 * The whole pure pipeline for one message: parse → (CDC decode) → rules → route → flatten → actions.
 * The worker and the wizard's preview both call this; `trace` (preview only) sees every step.
 */
export function processMessage(task: CompiledTask, message: KafkaMessage, now: number, trace?: Tracer): Processed {
  const result = runGuarded(task, message, now, trace);
  trace?.({
    step: "result",
    outcome: result.kind === "write" ? `${result.actions.length} action(s)` : `${result.kind}: ${"reason" in result ? result.reason : ""}`,
  });
  return result;
}

type Stage = "parse" | "rule" | "route";

/**
 * An exception from any stage is this message's failure (under the task's policy), never the task's. `run` notes
 * the stage it is in on a plain holder, not through a closure made for each message.
 */
function runGuarded(task: CompiledTask, message: KafkaMessage, now: number, trace?: Tracer): Processed {
  const at: { stage: Stage } = { stage: "parse" };
  try {
    return run(task, message, now, trace, at);
  } catch (err) {
    return { kind: "failed", stage: at.stage, reason: thrownReason(err) };
  }
}

function run(task: CompiledTask, original: KafkaMessage, now: number, trace: Tracer | undefined, at: { stage: Stage }): Processed {
  const { config } = task;
  const maxDocumentBytes = config.delivery.maxDocumentBytes;
  let message = original;
  const keyBook = task.registry?.key;
  if (keyBook && message.key !== null) {
    const key = decodeRegistryKey(message.key, keyBook);
    if (!key.ok) {
      return { kind: "failed", stage: "parse", reason: key.reason };
    }
    // Document IDs, `{_key}` and the rules' message fields read the key's text.
    message = { ...message, key: utf8.encode(key.text) };
  }
  const valueBook = task.registry?.value;
  const decoded = valueBook ? decodeRegistryValue(message.value, valueBook) : decodeJsonOrText(task, message.value, trace !== undefined);
  let rows: Row[];
  if (decoded.kind === "tombstone") {
    return tombstone(task, message);
  }
  if (decoded.kind === "unparseable") {
    const handling = config.parse.nonJson;
    if (handling.action === "drop") {
      return { kind: "dropped", reason: decoded.reason };
    }
    if (handling.action === "fail" || config.sink.cdc) {
      return { kind: "failed", stage: "parse", reason: decoded.reason };
    }
    rows = [{ op: "upsert", record: wrapRaw(handling.key, decoded.text, message.value ?? new Uint8Array()) }];
  } else {
    rows = decoded.records.map((record) => ({ op: "upsert", record }));
  }
  const messageText = decoded.kind === "records" && task.writesMessageText ? sourceText(decoded.text) : undefined;
  trace?.({ step: "parse", record: clone(rows.length === 1 ? rows[0]?.record : rows.map((r) => r.record)) });

  if (config.sink.cdc && decoded.kind === "records" && rows[0]) {
    const cdc = decodeCdc(config.sink.cdc.format, rows[0].record);
    if (!cdc.ok) {
      return { kind: "failed", stage: "parse", reason: cdc.reason };
    }
    if (cdc.changes.length === 0) {
      return { kind: "filtered", reason: cdc.skipped ?? "change event has no rows" };
    }
    rows = cdc.changes.map((c) => ({ op: c.op, record: c.row }));
    trace?.({ step: `cdc ${config.sink.cdc.format}`, record: clone(rows.map((r) => ({ op: r.op, row: r.record }))) });
  }

  const actions: Action[] = [];
  let filteredReason = "";
  for (let ordinal = 0; ordinal < rows.length; ordinal++) {
    const row = rows[ordinal] as Row;
    const ctx: RuleContext = { record: row.record, message, now };
    let filtered = false;
    at.stage = "rule";
    for (const rule of task.rules) {
      const r = runRuleGuarded(rule, ctx, maxDocumentBytes);
      if (r.kind === "failed") {
        return { kind: "failed", stage: "rule", reason: `rule ${rule.index + 1} (${rule.type}): ${r.reason}` };
      }
      trace?.({ step: `rule ${rule.index + 1} ${rule.type}`, record: clone(ctx.record), ...(r.kind === "filtered" ? { outcome: r.reason } : {}) });
      if (r.kind === "filtered") {
        filtered = true;
        filteredReason = `rule ${rule.index + 1} (filter): ${r.reason}`;
        break;
      }
    }
    if (filtered) {
      continue;
    }
    at.stage = "route";
    if (task.aggregation) {
      const agg = contributionOf(task.aggregation, ctx.record, message);
      if (!agg.ok) {
        return { kind: "failed", stage: "route", reason: agg.reason };
      }
      const routed = task.router.route({ record: ctx.record, message, ordinal, count: rows.length, windowStartMs: agg.windowStartMs });
      if (!routed.ok) {
        return { kind: "failed", stage: "route", reason: routed.reason };
      }
      actions.push({ op: "aggregate", index: routed.index, id: agg.id, contribution: agg.contribution });
      continue;
    }
    const routed = task.router.route({ record: ctx.record, message, ordinal, count: rows.length });
    if (!routed.ok) {
      return { kind: "failed", stage: "route", reason: routed.reason };
    }
    let doc = ctx.record;
    const flatten = config.parse.flatten;
    if (flatten && row.op !== "delete") {
      const flat = flattenRecord(doc, flatten.separator, flatten.maxDepth);
      if (!flat.ok) {
        return { kind: "failed", stage: "parse", reason: flat.reason };
      }
      doc = flat.record;
    }
    actions.push(toAction(task, row.op, routed.index, routed.id, doc, doc === row.record ? messageText : undefined));
  }
  if (actions.length === 0) {
    return { kind: "filtered", reason: filteredReason || "no rows" };
  }
  return { kind: "write", actions };
}

/**
 * The task's parse; with plainNumbers (not in the preview, which shows the record), numbers as doubles unless the
 * router reads one or the record is written (not the text), and the text may hold a number a double does not give back.
 */
function decodeJsonOrText(task: CompiledTask, value: Uint8Array | null, traced: boolean): DecodedRecords {
  if (!task.plainNumbers || traced) {
    return decodeValue(value, task.parser);
  }
  const plain = decodeValue(value, jsonParserPlainNumbers);
  if (plain.kind !== "records") {
    return plain;
  }
  // A text over several lines is no `_bulk` source line: its document is written from the record.
  const numbersRead = sourceText(plain.text) === undefined || readsNumber(task.router.fields, plain.records[0] as Record<string, unknown>);
  return numbersRead && mayHoldInexactNumbers(plain.text) ? decodeValue(value, task.parser) : plain;
}

function readsNumber(fields: CompiledPath[], record: Record<string, unknown>): boolean {
  for (const f of fields) {
    if (typeof getPath(record, f) === "number") {
      return true;
    }
  }
  return false;
}

function toAction(task: CompiledTask, op: Row["op"], index: string, id: string | undefined, doc: Record<string, unknown>, source: string | undefined): Action {
  if (op === "delete") {
    return { op: "delete", index, id: id as string };
  }
  // Literal objects of fixed shapes (no spread): this runs for every document.
  if (task.config.sink.writeMode === "incremental" && id !== undefined) {
    return source === undefined ? { op: "update", index, id, doc } : { op: "update", index, id, doc, source };
  }
  if (source === undefined) {
    return id === undefined ? { op: "index", index, doc } : { op: "index", index, id, doc };
  }
  return id === undefined ? { op: "index", index, doc, source } : { op: "index", index, id, doc, source };
}

/** The message's JSON text as a `_bulk` source line: not when it spans lines (NDJSON is one document a line). */
function sourceText(text: string): string | undefined {
  return text.includes("\n") || text.includes("\r") ? undefined : text;
}

function tombstone(task: CompiledTask, message: KafkaMessage): Processed {
  switch (task.tombstones) {
    case "skip":
      return { kind: "filtered", reason: "null value (tombstone) skipped" };
    case "fail":
      return { kind: "failed", stage: "parse", reason: "null value (tombstone)" };
    default: {
      const routed = task.router.route({ record: {}, message, ordinal: 0, count: 1 });
      if (!routed.ok || routed.id === undefined) {
        return { kind: "failed", stage: "route", reason: routed.ok ? "tombstone without a key" : routed.reason };
      }
      return { kind: "write", actions: [{ op: "delete", index: routed.index, id: routed.id }] };
    }
  }
}

function clone<T>(v: T): T {
  return cloneJson(v);
}
