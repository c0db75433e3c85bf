import { compilePath } from "@outflow/pipeline/field-path";
import { compileTemplate } from "@outflow/pipeline/template";
import type { DryRunReport } from "@outflow/schemas/api/dry-run";
import type { TaskConfigInput } from "@outflow/schemas/task-config";
import type { useTranslations } from "next-intl";
import type { Messages } from "../../i18n/messages";
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
/** The checks' words (`wizard.checks`), in the page's language. */
export type ChecksT = ReturnType<typeof useTranslations<"wizard.checks">>;

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

const order = (s: StepId) => STEPS.findIndex((x) => x.id === s);

/** Every problem and warning at once, problems first, each group in the order of the wizard's steps. */
export function reviewChecks({ draft, issues, rows, dryRun }: ReviewCheckInput, t: ChecksT): ReviewCheck[] {
  const problems: ReviewCheck[] = issues.map((i) => ({ level: "problem", step: stepOf(i.field), field: i.field, text: i.message }));
  const warnings: ReviewCheck[] = [...combinationWarnings(draft.config, t), ...previewWarnings(rows, t), ...(dryRun ? dryRunWarnings(dryRun, t) : [])];
  const byStep = (a: ReviewCheck, b: ReviewCheck) => order(a.step) - order(b.step);
  return [...problems.sort(byStep), ...warnings.sort(byStep)];
}

/** `4 of 1,000 messages would fail at route: date field $.ts is missing` (`sampled`: "sampled messages"). */
const wouldFail = (t: ChecksT, sampled: boolean, n: number, of: number, stage: string | null, reason: string) =>
  t(sampled ? "sampledWouldFail" : "wouldFail", { n, of, stage: stage ? t("atStage", { stage }) : "", reason: plain(reason) });

/** A reason with its values (marked, or quoted) left out: messages failing alike but for their values group together. */
const shapeOf = (reason: string) => reason.replace(/\u2068[^\u2069]*\u2069/g, "\u2026").replace(/"[^"]*"/g, '"\u2026"');

/** The sampled messages that fail, one line per stage and kind of reason (the first message's reason as the example). */
export function previewWarnings(rows: readonly PreviewRow[], t: ChecksT): ReviewCheck[] {
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
    text: `${wouldFail(t, true, g.n, rows.length, g.stage, g.reason)}${g.reasons.size > 1 ? t("othersAlike") : ""}`,
  }));
}

/** The dry run's failures, refusals by the index's mapping and messages it could not try. */
export function dryRunWarnings(r: DryRunReport, t: ChecksT): ReviewCheck[] {
  const out: ReviewCheck[] = [];
  for (const g of r.groups) {
    if (g.outcome === "failed") {
      out.push({ level: "warning", step: stageStep(g.stage ?? ""), text: t("dryRun", { text: wouldFail(t, false, g.count, r.read, g.stage, g.reason) }) });
    } else if (g.outcome === "not_tried") {
      out.push({ level: "warning", step: "review", text: t("notTried", { n: g.count, of: r.read, reason: plain(g.reason) }) });
    }
  }
  for (const m of r.mappingRejections) {
    const example = m.examples[0];
    out.push({
      level: "warning",
      step: "target",
      text: t("mapping", {
        n: m.count,
        of: r.read,
        index: m.index,
        field: m.field,
        type: m.type,
        example: example ? t("mappingExample", { at: `${example.topic}[${example.partition}]@${example.offset}`, value: example.value }) : "",
      }),
    });
  }
  if (r.groupsLeftOut > 0) {
    out.push({ level: "warning", step: "review", text: t("moreReasons", { n: r.groupsLeftOut }) });
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
type Need = { path: string; what: keyof Messages["wizard"]["checks"]["needs"]; step: StepId };

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
    out.push(...template.template.fields.map((f) => ({ path: f.source, what: "index" as const, step: "target" as const })));
  }
  const split = sink.dateSplit?.source;
  if (split?.type === "field" && split.field) {
    out.push({ path: split.field, what: "dateSplit", step: "target" });
  }
  if (!sink.cdc && !sink.aggregation && sink.documentId?.type === "fields") {
    out.push(...(sink.documentId.fields ?? []).map((f) => ({ path: f, what: "documentId" as const, step: "target" as const })));
  }
  for (const g of sink.aggregation?.groupBy ?? []) {
    out.push({ path: typeof g === "string" ? g : g.field, what: "groupKey", step: "target" });
  }
  const windowTime = sink.aggregation?.window?.time;
  if (windowTime?.type === "field" && windowTime.field) {
    out.push({ path: windowTime.field, what: "window", step: "target" });
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

/** Settings that cannot work together, said before a message shows it. */
export function combinationWarnings(c: Config, t: ChecksT): ReviewCheck[] {
  const out: ReviewCheck[] = [];
  const needs = neededFields(c);
  const written = namesRulesWrite(c.rules ?? []);
  const policy = t(`policy.${c.failure?.policy ?? "retain"}`);
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
      text: t("cdcWrap", { key: nonJson.key }),
    });
  } else if (nonJson?.action === "wrap") {
    for (const n of lacking((name) => name === nonJson.key)) {
      out.push({
        level: "warning",
        step: n.step,
        field: "parse.nonJson",
        text: t("wrapLacks", { key: nonJson.key, path: n.path, what: t(`needs.${n.what}`), policy }),
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
        text: t("formatLacks", { names: fields.names.join(", ") || t("noFields"), path: n.path, what: t(`needs.${n.what}`) }),
      });
    }
  }
  if (sink.aggregation && c.parse?.flatten) {
    out.push({ level: "warning", step: "parse", field: "parse.flatten", text: t("aggregationFlatten") });
  }
  if (sink.cdc && c.parse?.tombstones === "fail") {
    out.push({
      level: "warning",
      step: "parse",
      field: "parse.tombstones",
      text: t("cdcTombstones"),
    });
  }
  return out;
}
