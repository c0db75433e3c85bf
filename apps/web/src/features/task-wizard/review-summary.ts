import type { Condition, TaskConfigInput } from "@outflow/schemas/task-config";
import type { useTranslations } from "next-intl";
import { formatDate } from "../../lib/format-date";
import type { PreviewRow } from "../preview/preview-schemas";
import type { WizardDraft } from "./wizard-draft";
import type { StepId } from "./wizard-steps";

/** The review's words (`wizard.summary`), in the page's language. */
export type SummaryT = ReturnType<typeof useTranslations<"wizard.summary">>;

/** A connection as the review names it. */
export type ConnectionName = { id: string; name: string };

/** One line of the review: what it is about, and the task's setting in words. */
export type ReviewItem = { label: string; text: string };
export type ReviewSection = { step: StepId; title: string; items: ReviewItem[] };

type Config = Partial<TaskConfigInput>;
type Sink = Partial<NonNullable<TaskConfigInput["sink"]>>;
/** A rule as the draft holds it (defaults not filled in yet). */
export type RuleInput = NonNullable<TaskConfigInput["rules"]>[number];

const list = (xs: readonly string[]) => xs.join(", ");
const MARKS = /[\u2068\u2069]/g;
/** A reason's plain text (values are marked for viewers, see reason-values.ts). */
export const plain = (reason: string) => reason.replace(MARKS, "");

/**
 * The task in words, section by section as the wizard's steps: connections by name, topics, start position,
 * format, each rule, the index with an example the pipeline rendered for a sampled message, date split, document ID,
 * write mode, failure policy, delivery and alerts. Pure: the draft, the connections, the preview's rows and the words in.
 */
export function reviewSummary(draft: WizardDraft, connections: readonly ConnectionName[], rows: readonly PreviewRow[], t: SummaryT): ReviewSection[] {
  const c: Config = draft.config;
  const name = (id: string | undefined, none: string) => {
    if (!id) {
      return none;
    }
    return connections.find((x) => x.id === id)?.name ?? t("unknownConnection", { id });
  };
  const source = c.source;
  const sink: Sink = c.sink ?? {};
  const rules = c.rules ?? [];
  return [
    {
      step: "source",
      title: t("titles.source"),
      items: [
        { label: t("labels.name"), text: draft.name.trim() || t("noName") },
        { label: t("labels.kafkaConnection"), text: name(source?.connectionId, t("notChosen")) },
        { label: t("labels.topics"), text: source?.topics?.length ? list(source.topics) : t("noTopics") },
        { label: t("labels.start"), text: startText(source?.startPosition, t) },
        { label: t("labels.consumers"), text: t("consumers", { n: source?.consumers ?? 1 }) },
      ],
    },
    { step: "parse", title: t("titles.parse"), items: parseItems(c, t) },
    {
      step: "rules",
      title: t("titles.rules"),
      items:
        rules.length === 0
          ? [{ label: t("labels.rules"), text: t("noRules") }]
          : rules.map((r, i) => ({ label: t("labels.rule", { n: i + 1 }), text: ruleText(r, t) })),
    },
    { step: "target", title: t("titles.target"), items: targetItems(sink, name(sink.connectionId, t("notChosen")), rows, t) },
    { step: "failure", title: t("titles.failure"), items: failureItems(c, name, t) },
    { step: "failure", title: t("titles.alerts"), items: alertItems(c.alerts, t) },
  ];
}

function startText(sp: NonNullable<TaskConfigInput["source"]>["startPosition"] | undefined, t: SummaryT): string {
  switch (sp?.type ?? "earliest") {
    case "latest":
      return t("start.latest");
    case "committed":
      return t("start.committed");
    case "timestamp": {
      const at = sp && "timestamp" in sp ? sp.timestamp : undefined;
      return at === undefined || at === "" ? t("start.noTime") : t("start.timestamp", { time: formatDate(at) });
    }
    default:
      return t("start.earliest");
  }
}

type Format = Exclude<NonNullable<NonNullable<TaskConfigInput["parse"]>["format"]>, "json">;

export function formatText(format: NonNullable<TaskConfigInput["parse"]>["format"] | undefined, t: SummaryT): string {
  const f: Format = format === undefined || format === "json" ? { type: "json" } : format;
  switch (f.type) {
    case "json":
      return t("format.json");
    case "json_array":
      return f.elements === "first" ? t("format.jsonArrayFirst") : t("format.jsonArrayEach");
    case "delimited":
      return t("format.delimited", {
        separator: f.separator,
        quote: f.quote ? t("format.quotedWith", { quote: f.quote }) : "",
        columns: f.columns?.length ? t("format.columns", { columns: list(f.columns) }) : t("format.columnsDefault"),
      });
    case "regex":
      return t("format.regex", { pattern: f.pattern });
    case "grok":
      return t("format.grok", { pattern: f.pattern });
    case "kv":
      return t("format.kv", {
        pair: f.pairSeparator ?? "&",
        kv: f.kvSeparator ?? "=",
        prefix: f.prefix ? t("format.kvPrefix", { prefix: f.prefix }) : "",
      });
    case "avro":
      return t("format.avro");
    case "protobuf":
      return t("format.protobuf");
    case "json_schema":
      return t("format.jsonSchema");
    default:
      return (f as { type: string }).type;
  }
}

function parseItems(c: Config, t: SummaryT): ReviewItem[] {
  const parse = c.parse;
  const nonJson = parse?.nonJson ?? { action: "fail" as const };
  const cdc = c.sink?.cdc !== undefined;
  const tombstones = parse?.tombstones ?? (cdc ? "skip" : "fail");
  return [
    { label: t("labels.format"), text: formatText(parse?.format, t) },
    {
      label: t("labels.nonJson"),
      text: nonJson.action === "drop" ? t("nonJson.drop") : nonJson.action === "wrap" ? t("nonJson.wrap", { key: nonJson.key }) : t("nonJson.fail"),
    },
    {
      label: t("labels.tombstones"),
      text: tombstones === "skip" ? t("tombstones.skip") : tombstones === "delete" ? t("tombstones.delete") : t("tombstones.fail"),
    },
    ...(parse?.flatten
      ? [{ label: t("labels.flatten"), text: t("flatten", { separator: parse.flatten.separator ?? ".", depth: parse.flatten.maxDepth ?? 20 }) }]
      : []),
  ];
}

function conditionText(c: Partial<Condition>, t: SummaryT): string {
  const value = c.op === "exists" || c.op === "not_exists" ? "" : ` ${JSON.stringify(c.value ?? null)}`;
  return `${c.field || t("condition.noField")} ${t(`ops.${c.op ?? "equals"}`)}${value}${c.caseInsensitive ? t("condition.anyCase") : ""}`;
}

/** One rule in words: `rename $.a to $.b`, `drop messages where $.level equals "debug"`. */
export function ruleText(r: RuleInput, t: SummaryT): string {
  const into = (to: string | undefined) => (to ? t("rule.into", { to }) : "");
  const target = (field: string | undefined) => field ?? t("rule.theRecord");
  const nested = (deep: boolean | undefined) => (deep === false ? "" : t("rule.nestedToo"));
  switch (r.type) {
    case "rename":
      return t("rule.rename", { from: r.from, to: r.to });
    case "drop":
      return t("rule.drop", { n: r.fields.length, fields: list(r.fields) });
    case "add":
      return t("rule.add", { field: r.field, value: JSON.stringify(r.value) });
    case "copy":
      return t("rule.copy", { from: r.from, to: r.to });
    case "metadata":
      return r.source === "header"
        ? t("rule.metadataHeader", { field: r.field, header: r.header ?? "" })
        : t("rule.metadataKafka", { field: r.field, source: r.source });
    case "lowercase":
    case "uppercase":
    case "trim":
      return t(`rule.${r.type}`, { field: r.field, into: into(r.to) });
    case "replace":
      return t(r.regex ? "rule.replacePattern" : "rule.replaceText", {
        pattern: r.pattern,
        field: r.field,
        replacement: r.replacement ?? "",
        into: into(r.to),
      });
    case "substring":
      return t("rule.substring", { start: r.start, end: r.end ?? t("rule.theEnd"), field: r.field, into: into(r.to) });
    case "parse_date":
      return t("rule.parseDate", { field: r.field, format: r.format, zone: r.timeZone ?? "UTC", output: r.output ?? "iso", into: into(r.to) });
    case "cast":
      return t("rule.cast", { field: r.field, as: r.as, into: into(r.to) });
    case "parse_json":
      return t("rule.parseJson", { field: r.field, into: into(r.to) });
    case "split":
      return t("rule.split", { field: r.field, separator: r.separator, into: into(r.to) });
    case "join":
      return t("rule.join", { field: r.field, separator: r.separator ?? ",", into: into(r.to) });
    case "merge":
      return t("rule.merge", { from: r.from, to: r.to });
    case "default":
      return t("rule.default", { field: r.field, value: JSON.stringify(r.value) });
    case "timestamp":
      return t("rule.timestamp", { field: r.field, source: r.source ?? "processing_time", format: r.format ?? "iso", zone: r.timeZone ?? "UTC" });
    case "hash":
      return t("rule.hash", { fields: list(r.fields), n: r.fields.length, into: into(r.to) });
    case "mask":
      return t("rule.mask", { field: r.field, char: r.char ?? "*", first: r.keepFirst ?? 0, last: r.keepLast ?? 4, into: into(r.to) });
    case "drop_empty":
      return t("rule.dropEmpty", { target: target(r.field), nested: nested(r.deep) });
    case "keys_case":
      return t("rule.keysCase", { case: r.case === "lower" ? "lower" : "upper", target: target(r.field), nested: nested(r.deep) });
    case "parse":
      return t("rule.parse", { field: r.field, format: formatText(r.format, t), into: r.to ? into(r.to) : t("rule.mergedIntoRecord") });
    case "filter": {
      const joined = (r.conditions ?? []).map((c) => conditionText(c, t)).join(r.match === "any" ? t("rule.or") : t("rule.and"));
      return t("rule.filter", { action: r.action === "drop" ? "drop" : "keep", conditions: joined || t("rule.noCondition") });
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

function timeSourceText(s: { type: string; field?: string; format?: string } | undefined, t: SummaryT): string {
  if (!s || s.type === "kafka_timestamp") {
    return t("time.kafka");
  }
  if (s.type === "window_start") {
    return t("time.window");
  }
  return t("time.field", { field: s.field || t("notNamedParen"), format: s.format ?? "iso" });
}

function targetItems(sink: Sink, connection: string, rows: readonly PreviewRow[], t: SummaryT): ReviewItem[] {
  const example = renderedIndex(rows);
  const split = sink.dateSplit;
  const items: ReviewItem[] = [
    { label: t("labels.esConnection"), text: connection },
    {
      label: t("labels.index"),
      text: sink.index
        ? `${sink.index}${split ? `_<${split.format}>` : ""}${example ? t("index.example", { index: example.index, at: example.at }) : t("index.noExample")}`
        : t("index.notNamed"),
    },
    {
      label: t("labels.dateSplit"),
      text: split ? t("dateSplit", { format: split.format, source: timeSourceText(split.source, t), zone: split.timeZone ?? "UTC" }) : t("noDateSplit"),
    },
    { label: t("labels.documentId"), text: documentIdText(sink, t) },
    { label: t("labels.writeMode"), text: sink.writeMode === "incremental" ? t("writeIncremental") : t("writeFull") },
  ];
  if (sink.cdc) {
    items.push({ label: t("labels.cdc"), text: t("cdc", { format: sink.cdc.format, key: list(sink.cdc.primaryKey ?? []) || t("notNamedParen") }) });
  }
  const agg = sink.aggregation;
  if (agg) {
    const groups = (agg.groupBy ?? []).map((g) => (typeof g === "string" ? g : t("groupAs", { field: g.field, as: g.as })));
    const metrics = (agg.metrics ?? []).map((m) =>
      m.ops
        ? m.ops.map((op) => t("opOf", { op, field: m.field ?? "" })).join(", ")
        : `${m.fn ?? "count"}${m.field ? t("metricOf", { field: m.field }) : ""}${m.as ? t("metricAs", { as: m.as }) : ""}`,
    );
    items.push({
      label: t("labels.aggregation"),
      text: t("aggregation", {
        groups: list(groups) || t("noGroup"),
        window: agg.window ? t("aggregationWindow", { size: agg.window.size, time: timeSourceText(agg.window.time, t) }) : "",
        metrics: list(metrics) || t("theCount"),
      }),
    });
  }
  return items;
}

/** The document ID in words; under CDC and aggregation the mode sets it. */
export function documentIdText(sink: Sink, t: SummaryT): string {
  if (sink.cdc) {
    return t("documentId.cdc", { key: list(sink.cdc.primaryKey ?? []) || t("documentId.notNamed") });
  }
  if (sink.aggregation) {
    return t("documentId.aggregation");
  }
  const id = sink.documentId ?? { type: "auto" as const };
  switch (id.type) {
    case "fields":
      return t("documentId.fields", { fields: (id.fields ?? []).join(` + "${id.delimiter ?? "_"}" + `) || t("notNamedParen") });
    case "kafka_key":
      return t("documentId.kafkaKey");
    case "kafka_coordinates":
      return t("documentId.coordinates");
    default:
      return t("documentId.auto");
  }
}

function failureItems(c: Config, name: (id: string | undefined, none: string) => string, t: SummaryT): ReviewItem[] {
  const f = c.failure ?? { policy: "retain" as const };
  const policy =
    f.policy === "discard"
      ? t("policy.discard")
      : f.policy === "dead_letter"
        ? t("policy.deadLetter", { topic: f.topic || t("notNamedParen"), connection: name(f.connectionId, t("policy.sourceConnection")) })
        : t("policy.retain");
  const d = c.delivery ?? {};
  const mib = (n: number) => Number((n / 1024 / 1024).toFixed(2));
  return [
    { label: t("labels.failurePolicy"), text: policy },
    {
      label: t("labels.delivery"),
      text: t("delivery", {
        docs: d.bulkMaxDocs ?? 2_000,
        bytes: mib(d.bulkMaxBytes ?? 8 * 1024 * 1024),
        concurrency: d.bulkConcurrency ?? 2,
        wait: d.bulkMaxWaitMs ? t("waitUpTo", { ms: d.bulkMaxWaitMs }) : t("sentAtOnce"),
        max: mib(d.maxDocumentBytes ?? 4 * 1024 * 1024),
      }),
    },
  ];
}

function alertItems(a: Config["alerts"], t: SummaryT): ReviewItem[] {
  const on = (rule: { enabled?: boolean } | undefined) => rule?.enabled !== false;
  const rules = [
    on(a?.failed) ? t("alerts.failed") : null,
    on(a?.retrying) ? t("alerts.retrying", { n: a?.retrying?.minutes ?? 10 }) : null,
    on(a?.lagAbove) ? t("alerts.lagAbove", { n: a?.lagAbove?.messages ?? 100_000 }) : null,
    on(a?.lagGrowing) ? t("alerts.lagGrowing", { n: a?.lagGrowing?.minutes ?? 15 }) : null,
    on(a?.stalled) ? t("alerts.stalled", { n: a?.stalled?.minutes ?? 10 }) : null,
  ].filter((x): x is string => x !== null);
  const to = a?.webhookIds === undefined ? t("alerts.everyWebhook") : t("alerts.chosenWebhooks", { n: a.webhookIds.length });
  return [
    { label: t("labels.alertWhen"), text: rules.length ? rules.join(t("alerts.separator")) : t("alerts.never") },
    { label: t("labels.notify"), text: `${to}${a?.notifyResolved === false ? "" : t("alerts.againWhenClear")}` },
  ];
}
