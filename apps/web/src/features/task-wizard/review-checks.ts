import { compilePath } from "@outflow/pipeline/field-path";
import { compileTemplate } from "@outflow/pipeline/template";
import type { DryRunReport } from "@outflow/schemas/api/dry-run";
import type { TaskConfigInput } from "@outflow/schemas/task-config";
import type { PreviewRow } from "../preview/preview-schemas";
import { plain, type RuleInput } from "./review-summary";
import { failureOf } from "./review-verdict";
import type { WizardDraft } from "./wizard-draft";
import type { WizardIssue } from "./wizard-issues";
import { STEPS, type StepId, stepOf } from "./wizard-steps";

/**
 * What the review says must or should change. `problem`: the task cannot be saved until it is fixed (the server
 * would refuse it). `warning`: it can be saved, but messages would fail (the preview's and the dry run's failures)
 * or settings cannot work together.
 */
export type ReviewCheck = { level: "problem" | "warning"; step: StepId; field?: string; text: string };

export type ReviewCheckInput = {
  draft: WizardDraft;
  /** Every step's problems (the wizard's client checks and the server's last answer). */
  issues: readonly WizardIssue[];
  /** The sampled messages through the whole pipeline. */
  rows: readonly PreviewRow[];
  /** The last dry run of this very draft, if any. */
  dryRun?: DryRunReport | null;
};

const count = (n: number) => n.toLocaleString("en-US");
const order = (s: StepId) => STEPS.findIndex((x) => x.id === s);

/** Every problem and warning at once, problems first, each group in the order of the wizard's steps. */
export function reviewChecks({ draft, issues, rows, dryRun }: ReviewCheckInput): ReviewCheck[] {
  const problems: ReviewCheck[] = issues.map((i) => ({ level: "problem", step: stepOf(i.field), field: i.field, text: i.message }));
  const warnings: ReviewCheck[] = [...combinationWarnings(draft.config), ...previewWarnings(rows), ...(dryRun ? dryRunWarnings(dryRun) : [])];
  const byStep = (a: ReviewCheck, b: ReviewCheck) => order(a.step) - order(b.step);
  return [...problems.sort(byStep), ...warnings.sort(byStep)];
}

/** `4 of 1,000 messages would fail at route: date field $.ts is missing`. */
export const wouldFail = (n: number, of: number, what: string, stage: string | null, reason: string) =>
  `${count(n)} of ${count(of)} ${what}${of === 1 ? "" : "s"} would fail${stage ? ` at ${stage}` : ""}: ${plain(reason)}`;

/** A reason with its values (marked, or quoted) left out: messages failing alike but for their values group together. */
const shapeOf = (reason: string) => reason.replace(/\u2068[^\u2069]*\u2069/g, "\u2026").replace(/"[^"]*"/g, '"\u2026"');

/** The sampled messages that fail, one line per stage and kind of reason (the first message's reason as the example). */
export function previewWarnings(rows: readonly PreviewRow[]): ReviewCheck[] {
  const groups = new Map<string, { stage: string; reason: string; n: number; reasons: Set<string> }>();
  for (const f of rows.map(failureOf)) {
    if (f) {
      const key = `${f.stage}\u0000${shapeOf(f.reason)}`;
      const g = groups.get(key) ?? { stage: f.stage, reason: f.reason, n: 0, reasons: new Set<string>() };
      g.n++;
      g.reasons.add(f.reason);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map((g) => ({
    level: "warning",
    step: stageStep(g.stage),
    text: `${wouldFail(g.n, rows.length, "sampled message", g.stage, g.reason)}${g.reasons.size > 1 ? ` (the others alike, with their own values)` : ""}`,
  }));
}

/** The dry run's failures, refusals by the index's mapping and messages it could not try. */
export function dryRunWarnings(r: DryRunReport): ReviewCheck[] {
  const out: ReviewCheck[] = [];
  for (const g of r.groups) {
    if (g.outcome === "failed") {
      out.push({ level: "warning", step: stageStep(g.stage ?? ""), text: `Dry run: ${wouldFail(g.count, r.read, "message", g.stage, g.reason)}` });
    } else if (g.outcome === "not_tried") {
      out.push({ level: "warning", step: "review", text: `Dry run: ${count(g.count)} of ${count(r.read)} messages were not tried: ${plain(g.reason)}` });
    }
  }
  for (const m of r.mappingRejections) {
    const example = m.examples[0];
    out.push({
      level: "warning",
      step: "target",
      text: `Dry run: ${count(m.count)} of ${count(r.read)} messages would be refused by the index ${m.index}: its mapping has ${m.field} as ${m.type}${
        example ? `, and ${example.topic}[${example.partition}]@${example.offset} has ${example.value} there` : ""
      }`,
    });
  }
  if (r.groupsLeftOut > 0) {
    out.push({ level: "warning", step: "review", text: `Dry run: ${count(r.groupsLeftOut)} more reasons, not listed` });
  }
  return out;
}

function stageStep(stage: string): StepId {
  switch (stage) {
    case "parse":
      return "parse";
    case "rule":
      return "rules";
    case "route":
    case "sink":
    case "index":
      return "target";
    default:
      return "review";
  }
}

type Config = Partial<TaskConfigInput>;
type Sink = Partial<NonNullable<TaskConfigInput["sink"]>>;
/** A field the routing reads, and what needs it. */
type Need = { path: string; what: string; step: StepId };

/** The first name of a field path (`$.a.b` → `a`), or null when it has none or does not compile. */
function topName(path: string | undefined): string | null {
  if (!path) {
    return null;
  }
  const p = compilePath(path);
  const first = p.ok ? p.path.segments[0] : undefined;
  return typeof first === "string" ? first : null;
}

/** The fields a message's records need to be routed: index references, date split, document ID, group key. */
function neededFields(c: Config): Need[] {
  const sink: Sink = c.sink ?? {};
  const out: Need[] = [];
  const template = sink.index ? compileTemplate(sink.index) : null;
  if (template?.ok) {
    out.push(...template.template.fields.map((f) => ({ path: f.source, what: "the index name", step: "target" as const })));
  }
  const split = sink.dateSplit?.source;
  if (split?.type === "field" && split.field) {
    out.push({ path: split.field, what: "the date split", step: "target" });
  }
  if (!sink.cdc && !sink.aggregation && sink.documentId?.type === "fields") {
    out.push(...(sink.documentId.fields ?? []).map((f) => ({ path: f, what: "the document ID", step: "target" as const })));
  }
  for (const g of sink.aggregation?.groupBy ?? []) {
    out.push({ path: typeof g === "string" ? g : g.field, what: "the aggregation's group key", step: "target" });
  }
  const windowTime = sink.aggregation?.window?.time;
  if (windowTime?.type === "field" && windowTime.field) {
    out.push({ path: windowTime.field, what: "the aggregation's window", step: "target" });
  }
  return out;
}

/** The first names the rules write, or null when a rule may write names that cannot be known before a message. */
function namesRulesWrite(rules: readonly RuleInput[]): Set<string> | null {
  const out = new Set<string>();
  for (const r of rules) {
    if (r.type === "parse" && !r.to) {
      return null; // merges whatever the embedded value holds
    }
    if (r.type === "keys_case") {
      return null;
    }
    const target = "to" in r && r.to ? r.to : r.type === "add" || r.type === "default" || r.type === "metadata" || r.type === "timestamp" ? r.field : undefined;
    if (target?.includes("{")) {
      return null; // a name made from a message's field
    }
    const name = topName(target);
    if (name) {
      out.add(name);
    }
  }
  return out;
}

type Format = Exclude<NonNullable<NonNullable<TaskConfigInput["parse"]>["format"]>, "json">;

/** The first names of the fields a format's records have, when the format says them (null: any). */
export function formatFieldNames(format: NonNullable<TaskConfigInput["parse"]>["format"] | undefined): { names: string[]; any?: RegExp } | null {
  if (format === undefined || format === "json") {
    return null;
  }
  const f: Format = format;
  switch (f.type) {
    case "delimited":
      return f.columns?.length ? { names: f.columns } : { names: ["_1", "_2", "…"], any: /^_\d+$/ };
    case "regex":
      return { names: [...f.pattern.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((m) => m[1] as string) };
    case "grok": {
      const names = [...f.pattern.matchAll(/%\{[A-Za-z0-9_]+:([^}:]+)(?::[a-z]+)?\}/g)].map(
        (m) => (m[1] as string).replace(/^\[([^\]]+)\].*$/, "$1").split(".")[0] as string,
      );
      // A preset's name (no %{…} of its own) names fields this check does not know.
      return names.length > 0 ? { names } : null;
    }
    default:
      return null;
  }
}

const POLICY: Record<string, string> = {
  discard: "they are thrown away (discard)",
  dead_letter: "they go to the dead-letter topic",
  retain: "the task stops at the first one (retain)",
};

/** Settings that cannot work together, said before a message shows it. */
export function combinationWarnings(c: Config): ReviewCheck[] {
  const out: ReviewCheck[] = [];
  const needs = neededFields(c);
  const written = namesRulesWrite(c.rules ?? []);
  const policy = POLICY[c.failure?.policy ?? "retain"];
  const sink: Sink = c.sink ?? {};
  const nonJson = c.parse?.nonJson;
  const lacking = (have: (name: string) => boolean) =>
    written === null
      ? []
      : needs.filter((n) => {
          const name = topName(n.path);
          return name !== null && !have(name) && !written.has(name);
        });

  if (nonJson?.action === "wrap" && sink.cdc) {
    out.push({
      level: "warning",
      step: "parse",
      field: "parse.nonJson",
      text: `Under CDC sync a message that does not parse fails: keeping it under "${nonJson.key}" applies only without CDC`,
    });
  } else if (nonJson?.action === "wrap") {
    for (const n of lacking((name) => name === nonJson.key)) {
      out.push({
        level: "warning",
        step: n.step,
        field: "parse.nonJson",
        text: `Messages that do not parse are kept as {"${nonJson.key}": text}: they have no ${n.path}, which ${n.what} needs, so each of them fails at route and ${policy}`,
      });
    }
  }
  const fields = formatFieldNames(c.parse?.format);
  if (fields) {
    for (const n of lacking((name) => fields.names.includes(name) || (fields.any?.test(name) ?? false))) {
      out.push({
        level: "warning",
        step: n.step,
        field: "parse.format",
        text: `The format's records have the fields ${fields.names.join(", ") || "(none)"} and no rule adds ${n.path}: ${n.what} needs it, so every message would fail at route`,
      });
    }
  }
  if (sink.aggregation && c.parse?.flatten) {
    out.push({ level: "warning", step: "parse", field: "parse.flatten", text: "Aggregation writes its own documents: flatten does not apply to them" });
  }
  if (sink.cdc && c.parse?.tombstones === "fail") {
    out.push({
      level: "warning",
      step: "parse",
      field: "parse.tombstones",
      text: "Under CDC sync deletes come from the change events; a tombstone (the log compaction marker after a delete) would fail: skip them",
    });
  }
  return out;
}
