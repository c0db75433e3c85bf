import type { Condition, TaskConfigInput } from "@outflow/schemas/task-config";
import { formatDate } from "../../lib/format-date";
import type { PreviewRow } from "../preview/preview-schemas";
import type { WizardDraft } from "./wizard-draft";
import type { StepId } from "./wizard-steps";

/** A connection as the review names it. */
export type ConnectionName = { id: string; name: string };

/** One line of the review: what it is about, and the task's setting in words. */
export type ReviewItem = { label: string; text: string };
export type ReviewSection = { step: StepId; title: string; items: ReviewItem[] };

type Config = Partial<TaskConfigInput>;
type Sink = Partial<NonNullable<TaskConfigInput["sink"]>>;
/** A rule as the draft holds it (defaults not filled in yet). */
export type RuleInput = NonNullable<TaskConfigInput["rules"]>[number];

const count = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const quote = (s: string) => `"${s}"`;
const list = (xs: readonly string[]) => xs.join(", ");
const MARKS = /[\u2068\u2069]/g;
/** A reason's plain text (values are marked for viewers, see reason-values.ts). */
export const plain = (reason: string) => reason.replace(MARKS, "");

/**
 * The task in words, section by section as the wizard's steps: connections by name, topics, start position,
 * format, each rule, the index with an example the pipeline rendered for a sampled message, date split, document ID,
 * write mode, failure policy, delivery and alerts. Pure: the draft, the connections and the preview's rows in.
 */
export function reviewSummary(draft: WizardDraft, connections: readonly ConnectionName[], rows: readonly PreviewRow[] = []): ReviewSection[] {
  const c: Config = draft.config;
  const name = (id: string | undefined, none: string) => {
    if (!id) {
      return none;
    }
    return connections.find((x) => x.id === id)?.name ?? `a connection that is not in the list (id ${id})`;
  };
  const source = c.source;
  const sink: Sink = c.sink ?? {};
  return [
    {
      step: "source",
      title: "Source",
      items: [
        { label: "Name", text: draft.name.trim() || "(none yet)" },
        { label: "Kafka connection", text: name(source?.connectionId, "not chosen yet") },
        { label: "Topics", text: source?.topics?.length ? list(source.topics) : "none chosen yet" },
        { label: "Start", text: startText(source?.startPosition) },
        { label: "Consumers", text: plural(source?.consumers ?? 1, "consumer") },
      ],
    },
    { step: "parse", title: "Parse", items: parseItems(c) },
    {
      step: "rules",
      title: "Rules",
      items:
        (c.rules ?? []).length === 0
          ? [{ label: "Rules", text: "none: each record is written as parsed" }]
          : (c.rules ?? []).map((r, i) => ({ label: `Rule ${i + 1}`, text: ruleText(r) })),
    },
    { step: "target", title: "Target", items: targetItems(sink, name(sink.connectionId, "not chosen yet"), rows) },
    { step: "failure", title: "Failures & delivery", items: failureItems(c, name) },
    { step: "failure", title: "Alerts", items: alertItems(c.alerts) },
  ];
}

function startText(sp: NonNullable<TaskConfigInput["source"]>["startPosition"] | undefined): string {
  switch (sp?.type ?? "earliest") {
    case "latest":
      return "only messages that arrive after the task starts";
    case "committed":
      return "where the task's consumer group left off (its committed offsets; the earliest message where it has none)";
    case "timestamp": {
      const t = sp && "timestamp" in sp ? sp.timestamp : undefined;
      return t === undefined || t === "" ? "from a time not given yet" : `from the first message at or after ${formatDate(t)}`;
    }
    default:
      return "from the earliest message still kept in each partition";
  }
}

type Format = Exclude<NonNullable<NonNullable<TaskConfigInput["parse"]>["format"]>, "json">;

export function formatText(format: NonNullable<TaskConfigInput["parse"]>["format"] | undefined): string {
  const f: Format = format === undefined || format === "json" ? { type: "json" } : format;
  switch (f.type) {
    case "json":
      return "JSON: one document per message";
    case "json_array":
      return f.elements === "first" ? "JSON arrays: the first element of each is a document" : "JSON arrays: each element is a document";
    case "delimited":
      return `delimited text, fields separated by ${quote(f.separator)}${f.quote ? `, quoted with ${f.quote}` : ""}: ${
        f.columns?.length ? `columns ${list(f.columns)}` : "columns named _1, _2, …"
      }`;
    case "regex":
      return `a regular expression ${f.pattern}: its named groups become the fields`;
    case "grok":
      return `the grok pattern ${f.pattern}: its named captures become the fields`;
    case "kv":
      return `key-value pairs: pairs separated by ${quote(f.pairSeparator ?? "&")}, key and value by ${quote(f.kvSeparator ?? "=")}${f.prefix ? `, keys prefixed ${quote(f.prefix)}` : ""}`;
    case "avro":
      return "Avro, through the source connection's schema registry";
    case "protobuf":
      return "Protobuf, through the source connection's schema registry";
    case "json_schema":
      return "JSON Schema framed JSON, through the source connection's schema registry";
    default:
      return (f as { type: string }).type;
  }
}

function parseItems(c: Config): ReviewItem[] {
  const parse = c.parse;
  const nonJson = parse?.nonJson ?? { action: "fail" as const };
  const cdc = c.sink?.cdc !== undefined;
  const tombstones = parse?.tombstones ?? (cdc ? "skip" : "fail");
  return [
    { label: "Format", text: formatText(parse?.format) },
    {
      label: "Messages that do not parse",
      text:
        nonJson.action === "drop"
          ? "dropped (counted, not written)"
          : nonJson.action === "wrap"
            ? `kept as ${"{"}${quote(nonJson.key)}: the message's text${"}"}`
            : "fail and follow the failure policy",
    },
    {
      label: "Tombstones (null values)",
      text:
        tombstones === "skip" ? "skipped" : tombstones === "delete" ? "delete the document whose ID is the message key" : "fail and follow the failure policy",
    },
    ...(parse?.flatten
      ? [
          {
            label: "Flatten",
            text: `nested objects become fields joined by ${quote(parse.flatten.separator ?? ".")} (up to ${parse.flatten.maxDepth ?? 20} levels)`,
          },
        ]
      : []),
  ];
}

const OPS: Record<Condition["op"], string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  regex: "matches",
  exists: "exists",
  not_exists: "is missing",
  gt: ">",
  gte: "≥",
  lt: "<",
  lte: "≤",
};

function conditionText(c: Partial<Condition>): string {
  const value = c.op === "exists" || c.op === "not_exists" ? "" : ` ${JSON.stringify(c.value ?? null)}`;
  return `${c.field || "(no field)"} ${OPS[c.op ?? "equals"]}${value}${c.caseInsensitive ? " (any case)" : ""}`;
}

const into = (to: string | undefined) => (to ? ` into ${to}` : "");

/** One rule in words: `rename $.a to $.b`, `drop messages where $.level equals "debug"`. */
export function ruleText(r: RuleInput): string {
  switch (r.type) {
    case "rename":
      return `rename ${r.from} to ${r.to}`;
    case "drop":
      return `remove the field${r.fields.length === 1 ? "" : "s"} ${list(r.fields)}`;
    case "add":
      return `set ${r.field} to ${JSON.stringify(r.value)}`;
    case "copy":
      return `copy ${r.from} to ${r.to}`;
    case "metadata":
      return `set ${r.field} to the message's ${r.source === "header" ? `header ${quote(r.header ?? "")}` : `Kafka ${r.source}`}`;
    case "lowercase":
    case "uppercase":
    case "trim":
      return `${r.type === "trim" ? "trim" : r.type === "lowercase" ? "lower-case" : "upper-case"} ${r.field}${into(r.to)}`;
    case "replace":
      return `replace ${r.regex ? "the pattern" : "the text"} ${quote(r.pattern)} in ${r.field} with ${quote(r.replacement ?? "")}${into(r.to)}`;
    case "substring":
      return `keep characters ${r.start} to ${r.end ?? "the end"} of ${r.field}${into(r.to)}`;
    case "parse_date":
      return `read ${r.field} as a date (${r.format}, ${r.timeZone ?? "UTC"}) and write it as ${r.output ?? "iso"}${into(r.to)}`;
    case "cast":
      return `make ${r.field} ${/^[aeiou]/.test(r.as) ? "an" : "a"} ${r.as}${into(r.to)}`;
    case "parse_json":
      return `parse the JSON text in ${r.field}${into(r.to)}`;
    case "split":
      return `split ${r.field} at ${quote(r.separator)} into a list${into(r.to)}`;
    case "join":
      return `join the list ${r.field} with ${quote(r.separator ?? ",")}${into(r.to)}`;
    case "merge":
      return `merge ${r.from} into ${r.to}`;
    case "default":
      return `set ${r.field} to ${JSON.stringify(r.value)} where it is missing or null`;
    case "timestamp":
      return `set ${r.field} to the ${r.source === "kafka_timestamp" ? "Kafka timestamp" : "processing time"} (${r.format ?? "iso"}, ${r.timeZone ?? "UTC"})`;
    case "hash":
      return `replace ${list(r.fields)} with ${r.fields.length === 1 ? "its" : "their"} SHA-256${into(r.to)}`;
    case "mask":
      return `mask ${r.field} with ${quote(r.char ?? "*")}, keeping the first ${r.keepFirst ?? 0} and last ${r.keepLast ?? 4} characters${into(r.to)}`;
    case "drop_empty":
      return `remove empty values (null, "", [], {}) from ${r.field ?? "the record"}${r.deep === false ? "" : ", nested too"}`;
    case "keys_case":
      return `${r.case === "lower" ? "lower" : "upper"}-case the keys of ${r.field ?? "the record"}${r.deep === false ? "" : ", nested too"}`;
    case "parse":
      return `parse ${r.field} as ${formatText(r.format)}${r.to ? ` into ${r.to}` : ", merged into the record"}`;
    case "filter": {
      const joined = (r.conditions ?? []).map(conditionText).join(r.match === "any" ? " or " : " and ");
      return `${r.action === "drop" ? "drop" : "keep only"} messages where ${joined || "(no condition yet)"}`;
    }
    default:
      return (r as { type: string }).type;
  }
}

/** The index a sampled message was routed to, by the pipeline itself (the preview's first write). */
export function renderedIndex(rows: readonly PreviewRow[]): { index: string; at: string } | null {
  for (const row of rows) {
    if (row.result.kind === "write") {
      const action = row.result.actions[0] as { index?: unknown } | undefined;
      if (typeof action?.index === "string") {
        return { index: action.index, at: `${row.topic}[${row.partition}]@${row.offset}` };
      }
    }
  }
  return null;
}

function timeSourceText(s: { type: string; field?: string; format?: string } | undefined): string {
  if (!s || s.type === "kafka_timestamp") {
    return "the Kafka timestamp";
  }
  if (s.type === "window_start") {
    return "the start of the aggregation window";
  }
  return `the field ${s.field || "(not named yet)"} (${s.format ?? "iso"})`;
}

function targetItems(sink: Sink, connection: string, rows: readonly PreviewRow[]): ReviewItem[] {
  const example = renderedIndex(rows);
  const split = sink.dateSplit;
  const items: ReviewItem[] = [
    { label: "Elasticsearch connection", text: connection },
    {
      label: "Index",
      text: sink.index
        ? `${sink.index}${split ? `_<${split.format}>` : ""}${example ? `, e.g. ${example.index} (for the sampled message ${example.at})` : ", no example yet (no sampled message is written)"}`
        : "not named yet",
    },
    {
      label: "Date split",
      text: split
        ? `a suffix _${split.format} from ${timeSourceText(split.source)}, in ${split.timeZone ?? "UTC"}`
        : "none: one index name (or one per field value)",
    },
    { label: "Document ID", text: documentIdText(sink) },
    {
      label: "Write mode",
      text:
        sink.writeMode === "incremental"
          ? "incremental: an update with upsert, only the fields a message has change"
          : "full: each write replaces the whole document",
    },
  ];
  if (sink.cdc) {
    items.push({
      label: "CDC sync",
      text: `${sink.cdc.format} change events: inserts and updates write the row, deletes delete it; primary key ${list(sink.cdc.primaryKey ?? []) || "(not named yet)"}`,
    });
  }
  const agg = sink.aggregation;
  if (agg) {
    const groups = (agg.groupBy ?? []).map((g) => (typeof g === "string" ? g : `${g.field} as ${g.as}`));
    const metrics = (agg.metrics ?? []).map((m) =>
      m.ops ? m.ops.map((op) => `${op} of ${m.field}`).join(", ") : `${m.fn ?? "count"}${m.field ? ` of ${m.field}` : ""}${m.as ? ` as ${m.as}` : ""}`,
    );
    items.push({
      label: "Aggregation",
      text: `one document per ${list(groups) || "(no group yet)"}${agg.window ? ` and ${agg.window.size} window (by ${timeSourceText(agg.window.time)})` : ""}: ${list(metrics) || "the count"}`,
    });
  }
  return items;
}

/** The document ID in words; under CDC and aggregation the mode sets it. */
export function documentIdText(sink: Sink): string {
  if (sink.cdc) {
    return `the row's primary key (${list(sink.cdc.primaryKey ?? []) || "not named yet"}), set by CDC sync: a replay overwrites`;
  }
  if (sink.aggregation) {
    return "the group's key, set by the aggregation: a replay adds to the same document";
  }
  const id = sink.documentId ?? { type: "auto" as const };
  switch (id.type) {
    case "fields":
      return `the fields ${(id.fields ?? []).join(` + ${quote(id.delimiter ?? "_")} + `) || "(not named yet)"}: a replay overwrites`;
    case "kafka_key":
      return "the message key: a replay overwrites";
    case "kafka_coordinates":
      return "<topic>-<partition>-<offset>: a replay overwrites";
    default:
      return "Elasticsearch's own: a replay writes duplicates";
  }
}

function failureItems(c: Config, name: (id: string | undefined, none: string) => string): ReviewItem[] {
  const f = c.failure ?? { policy: "retain" as const };
  const policy =
    f.policy === "discard"
      ? "discard: a message that fails is counted and thrown away; the task goes on"
      : f.policy === "dead_letter"
        ? `dead letter: a message that fails goes to the topic ${f.topic || "(not named yet)"} on ${name(f.connectionId, "the source connection")}, with its reason; the task goes on`
        : "retain: the task stops at the first message that fails, until it is retried or skipped";
  const d = c.delivery ?? {};
  const mib = (n: number) => `${Number((n / 1024 / 1024).toFixed(2))} MiB`;
  return [
    { label: "Failure policy", text: policy },
    {
      label: "Delivery",
      text: `bulk requests of up to ${count(d.bulkMaxDocs ?? 2_000)} documents or ${mib(d.bulkMaxBytes ?? 8 * 1024 * 1024)}, ${plural(
        d.bulkConcurrency ?? 2,
        "request",
      )} in flight per consumer, ${d.bulkMaxWaitMs ? `waiting up to ${count(d.bulkMaxWaitMs)} ms to fill one` : "sent as soon as a slot is free"}; documents over ${mib(
        d.maxDocumentBytes ?? 4 * 1024 * 1024,
      )} fail`,
    },
  ];
}

function alertItems(a: Config["alerts"]): ReviewItem[] {
  const on = (rule: { enabled?: boolean } | undefined) => rule?.enabled !== false;
  const rules = [
    on(a?.failed) ? "the task fails" : null,
    on(a?.retrying) ? `it retries for more than ${a?.retrying?.minutes ?? 10} min` : null,
    on(a?.lagAbove) ? `more than ${count(a?.lagAbove?.messages ?? 100_000)} messages wait` : null,
    on(a?.lagGrowing) ? `the lag grows for ${a?.lagGrowing?.minutes ?? 15} min` : null,
    on(a?.stalled) ? `nothing is written for ${a?.stalled?.minutes ?? 10} min while messages wait` : null,
  ].filter((x): x is string => x !== null);
  const to = a?.webhookIds === undefined ? "every enabled webhook" : plural(a.webhookIds.length, "chosen webhook");
  return [
    { label: "Alert when", text: rules.length ? rules.join("; ") : "never (every alert is off)" },
    { label: "Notify", text: `${to}${a?.notifyResolved === false ? "" : ", and again when an alert clears"}` },
  ];
}
