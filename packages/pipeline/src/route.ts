import { markValue } from "@outflow/schemas/reason-values";
import type { TaskConfig } from "@outflow/schemas/task-config";
import { byteLength } from "./bulk";
import type { IssueList, Problem } from "./compile-issues";
import { compileDatePattern, describe, truncate } from "./date-format";
import { compileEventTime } from "./event-time";
import { isScalar, scalarText } from "./exact-number";
import { type CompiledPath, compilePath, getPath } from "./field-path";
import { indexNameIssue, indexNameProblem } from "./index-name";
import { type KafkaMessage, keyText } from "./message";
import { compileTemplate } from "./template";
import { compileTimeZone } from "./time-zone";

type Sink = TaskConfig["sink"];
export type RouteInput = {
  record: Record<string, unknown>;
  message: KafkaMessage;
  /** position among a message's records */
  ordinal: number;
  count: number;
  /** Windowed aggregation: the start of the record's window (the date split can use it). */
  windowStartMs?: number;
};
export type Routed = { ok: true; index: string; id: string | undefined } | { ok: false; reason: string };
/** `fields`: every record field the router reads (index name, date split, document ID). */
export type Router = { route(input: RouteInput): Routed; hasIds: boolean; fields: CompiledPath[] };

const MAX_ID_BYTES = 512;
const MAX_REMEMBERED_NAMES = 1_000;

export function compileRouter(sink: Sink, issues: IssueList, at = "sink"): Router | undefined {
  const index = compileIndexName(sink, issues, at);
  const id = compileDocumentId(sink, issues, at);
  if (!index || !id) {
    return undefined;
  }
  return {
    hasIds: id.hasIds,
    fields: [...index.fields, ...id.fields],
    route(input) {
      const name = index.name(input);
      if (!name.ok) {
        return name;
      }
      const docId = id.make(input);
      if (!docId.ok) {
        return docId;
      }
      return { ok: true, index: name.value, id: docId.value };
    },
  };
}

type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

function compileIndexName(sink: Sink, issues: IssueList, at: string): { name: (input: RouteInput) => Result<string>; fields: CompiledPath[] } | undefined {
  const template = compileTemplate(sink.index);
  if (!template.ok) {
    issues.addProblem(`${at}.index`, template);
    return undefined;
  }
  const staticProblem = staticIndexProblem(sink.index, template.template.fields.length > 0);
  if (staticProblem) {
    issues.addProblem(`${at}.index`, staticProblem);
    return undefined;
  }
  const split = sink.dateSplit;
  let dateSuffix: ((input: RouteInput) => Result<string>) | null = null;
  const fields = [...template.template.fields];
  if (split) {
    const zone = compileTimeZone(split.timeZone);
    const out = compileDatePattern(split.format);
    if (!zone.ok) {
      issues.addProblem(`${at}.dateSplit.timeZone`, zone);
    }
    if (!out.ok) {
      issues.addProblem(`${at}.dateSplit.format`, out);
    }
    const source = split.source;
    const time = zone.ok && source.type !== "window_start" ? compileEventTime(source, zone.zone, issues, `${at}.dateSplit.source`) : undefined;
    if (!zone.ok || !out.ok || (source.type !== "window_start" && !time)) {
      return undefined;
    }
    if (source.type === "field") {
      const p = compilePath(source.field);
      if (p.ok) {
        fields.push(p.path);
      }
    }
    const z = zone.zone;
    const fmt = out.pattern;
    dateSuffix = (r) => {
      let epochMs: number;
      if (time) {
        const t = time(r.record, r.message);
        if (!t.ok) {
          return { ok: false, reason: t.reason };
        }
        epochMs = t.epochMs;
      } else if (r.windowStartMs !== undefined) {
        epochMs = r.windowStartMs;
      } else {
        return { ok: false, reason: "the date split by window start needs a windowed aggregation" };
      }
      return { ok: true, value: fmt.format(epochMs, z) };
    };
  }
  const t = template.template;
  const isStatic = t.fields.length === 0;
  // Names that passed the checks: a stream routes to a handful of names (days, services), each checked once.
  const validNames = new Set<string>();
  const nameOf = (input: RouteInput): Result<string> => {
    const base = t.render(input.record);
    if (!base.ok) {
      return { ok: false, reason: `index name: ${base.reason}` };
    }
    let name = base.value;
    if (dateSuffix) {
      const d = dateSuffix(input);
      if (!d.ok) {
        return d;
      }
      name = `${name}_${d.value}`;
    }
    if ((!isStatic || dateSuffix) && !validNames.has(name)) {
      const problem = indexNameProblem(name) ?? (name.startsWith(".") && !sink.index.startsWith(".") ? systemIndexFromMessage(name) : null);
      if (problem) {
        return { ok: false, reason: problem };
      }
      if (validNames.size >= MAX_REMEMBERED_NAMES) {
        validNames.clear();
      }
      validNames.add(name);
    }
    return { ok: true, value: name };
  };
  return { name: nameOf, fields };
}

/**
 * A system index (name starting with `.`) is written only when sink.index spells it out, where saving the task checks
 * the connection allows it; a name made from a message's fields never is one.
 */
function systemIndexFromMessage(name: string): string {
  return `index name "${name}" starts with '.' (a system index); only an index written out in sink.index may be one`;
}

/** Checks what can be checked before any message: the literal text of the template. */
function staticIndexProblem(source: string, hasFields: boolean): Problem | null {
  if (!hasFields) {
    return indexNameIssue(source);
  }
  const literal = source.replace(/\{[^}]*\}/g, "");
  for (const c of ["\\", "/", "*", "?", '"', "<", ">", "|", ",", "#", ":", " "]) {
    if (literal.includes(c)) {
      return {
        reason: `index name must not contain ${c === " " ? "a space" : `'${c}'`}`,
        key: "compile.indexName.templateForbidden",
        params: { char: c === " " ? "space" : c },
      };
    }
  }
  if (literal !== literal.toLowerCase()) {
    return { reason: "index name must be lowercase", key: "compile.indexName.templateLowercase" };
  }
  if (/^[-_+]/.test(source)) {
    return { reason: "index name must not start with '-', '_' or '+'", key: "compile.indexName.templateStart" };
  }
  return null;
}

function compileDocumentId(
  sink: Sink,
  issues: IssueList,
  at: string,
): { hasIds: boolean; fields: CompiledPath[]; make: (input: RouteInput) => Result<string | undefined> } | undefined {
  const keyFields = sink.cdc ? { fields: sink.cdc.primaryKey, delimiter: sink.cdc.delimiter, at: `${at}.cdc.primaryKey`, what: "primary key" } : null;
  const spec = sink.documentId;
  if (keyFields || spec.type === "fields") {
    const f = keyFields ?? {
      fields: spec.type === "fields" ? spec.fields : [],
      delimiter: spec.type === "fields" ? spec.delimiter : "_",
      at: `${at}.documentId.fields`,
      what: "document ID",
    };
    const paths: CompiledPath[] = [];
    f.fields.forEach((field, i) => {
      const p = compilePath(field);
      if (p.ok) {
        paths.push(p.path);
      } else {
        issues.addProblem(`${f.at}.${i}`, p);
      }
    });
    if (paths.length !== f.fields.length) {
      return undefined;
    }
    return {
      hasIds: true,
      fields: paths,
      make: ({ record }) => {
        const parts: string[] = [];
        for (const p of paths) {
          const v = getPath(record, p);
          if (v === undefined || v === null || v === "") {
            return { ok: false, reason: `${f.what} field ${p.source} is missing` };
          }
          if (!isScalar(v)) {
            return { ok: false, reason: `${f.what} field ${p.source} is ${describe(v)}, not a value` };
          }
          parts.push(scalarText(v));
        }
        return checkedId(parts.join(f.delimiter));
      },
    };
  }
  if (sink.aggregation) {
    return { hasIds: true, fields: [], make: () => ({ ok: true, value: undefined }) };
  }
  switch (spec.type) {
    case "auto":
      if (sink.writeMode === "incremental") {
        issues.add(`${at}.writeMode`, "Incremental (upsert) writes need a document ID: set documentId", "compile.incrementalNeedsId");
        return undefined;
      }
      return { hasIds: false, fields: [], make: () => ({ ok: true, value: undefined }) };
    case "kafka_key":
      return {
        hasIds: true,
        fields: [],
        make: ({ message }) => {
          const key = keyText(message);
          return key === null || key === "" ? { ok: false, reason: "message has no key for the document ID" } : checkedId(key);
        },
      };
    default:
      return {
        hasIds: true,
        fields: [],
        make: ({ message, ordinal, count }) => checkedId(`${message.topic}-${message.partition}-${message.offset}${count > 1 ? `-${ordinal}` : ""}`),
      };
  }
}

function checkedId(id: string): Result<string> {
  // Three bytes per UTF-16 unit at most: short IDs need no counting.
  if (id.length * 3 <= MAX_ID_BYTES) {
    return { ok: true, value: id };
  }
  const bytes = byteLength(id);
  return bytes > MAX_ID_BYTES
    ? { ok: false, reason: `document ID "${markValue(truncate(id, 40))}" is ${bytes} bytes; Elasticsearch allows ${MAX_ID_BYTES}` }
    : { ok: true, value: id };
}
