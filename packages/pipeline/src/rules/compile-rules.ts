import { markValue } from "@outflow/schemas/reason-values";
import type { Rule } from "@outflow/schemas/rules";
import type { IssueList } from "../compile-issues";
import { type CompiledPath, getPath, withoutPath } from "../field-path";
import { headerText, keyText } from "../message";
import { deepClone } from "../safe-object";
import { compileTemplate } from "../template";
import { compileCondition } from "./conditions";
import { CONTINUE, fail, type RuleContext, type Step } from "./context";
import { compileRulePath, put, ruleCompiler } from "./rule-compiler";
import { compileStructuralRule } from "./structural-rules";
import { compileValueTransform } from "./value-transforms";

export type CompiledRule = { index: number; type: Rule["type"]; run: Step };

/** Compiles the ordered rule list; problems are recorded with paths such as `rules.2.pattern`. */
export function compileRules(rules: Rule[], issues: IssueList, at = "rules"): CompiledRule[] {
  const out: CompiledRule[] = [];
  rules.forEach((rule, index) => {
    const run = compileRule(rule, issues, `${at}.${index}`);
    if (run) {
      out.push({ index, type: rule.type, run });
    }
  });
  return out;
}

function compileRule(rule: Rule, issues: IssueList, at: string): Step | undefined {
  const { path } = ruleCompiler(issues, at);

  switch (rule.type) {
    case "rename": {
      const from = path(rule.from, "from");
      const to = rule.to.includes("{") ? templatedPath(rule.to, issues, `${at}.to`) : constantPath(path(rule.to, "to"));
      if (!from || !to) {
        return undefined;
      }
      return (ctx) => {
        const v = getPath(ctx.record, from);
        if (v === undefined) {
          return CONTINUE;
        }
        const target = to(ctx.record);
        if (!target.ok) {
          return fail(`rename to ${rule.to}: ${target.reason}`);
        }
        ctx.record = withoutPath(ctx.record, from);
        return put(ctx, target.path, v);
      };
    }
    case "merge":
    case "default":
    case "timestamp":
    case "hash":
    case "drop_empty":
    case "keys_case":
    case "parse":
      return compileStructuralRule(rule, issues, at);
    case "drop": {
      const paths = rule.fields.map((f, i) => path(f, `fields.${i}`));
      if (paths.some((p) => !p)) {
        return undefined;
      }
      return (ctx) => {
        for (const p of paths as CompiledPath[]) {
          ctx.record = withoutPath(ctx.record, p);
        }
        return CONTINUE;
      };
    }
    case "add": {
      const target = path(rule.field, "field");
      if (!target) {
        return undefined;
      }
      const value = rule.value;
      return (ctx) => put(ctx, target, deepClone(value));
    }
    case "copy": {
      const from = path(rule.from, "from");
      const to = path(rule.to, "to");
      if (!from || !to) {
        return undefined;
      }
      return (ctx) => {
        const v = getPath(ctx.record, from);
        return v === undefined ? CONTINUE : put(ctx, to, deepClone(v));
      };
    }
    case "metadata": {
      const target = path(rule.field, "field");
      if (rule.source === "header" && !rule.header) {
        issues.add(`${at}.header`, "Name the header to read", "compile.rules.headerName");
        return undefined;
      }
      if (!target) {
        return undefined;
      }
      const header = rule.header ?? "";
      const read = {
        topic: (ctx: RuleContext) => ctx.message.topic,
        partition: (ctx: RuleContext) => ctx.message.partition,
        offset: (ctx: RuleContext) => offsetValue(ctx.message.offset),
        timestamp: (ctx: RuleContext) => Number(ctx.message.timestamp),
        key: (ctx: RuleContext) => keyText(ctx.message),
        header: (ctx: RuleContext) => headerText(ctx.message.headers?.[header]),
      }[rule.source];
      return (ctx) => put(ctx, target, read(ctx));
    }
    case "filter": {
      const conditions = rule.conditions.map((c, i) => compileCondition(c, issues, `${at}.conditions.${i}`));
      if (conditions.some((c) => !c)) {
        return undefined;
      }
      const all = conditions as NonNullable<(typeof conditions)[number]>[];
      const matchAll = rule.match === "all";
      /** true/false, or why a condition could not be evaluated. */
      const matches = (r: unknown): boolean | string => {
        for (const c of all) {
          const t = c.test(r);
          if (typeof t === "string") {
            return `${c.describe}: ${t}`;
          }
          if (t !== matchAll) {
            return t;
          }
        }
        return matchAll;
      };
      const summary = all.map((c) => c.describe).join(matchAll ? " and " : " or ");
      const keep = rule.action === "keep";
      return (ctx) => {
        const m = matches(ctx.record);
        if (typeof m === "string") {
          return fail(m);
        }
        if (m === keep) {
          return CONTINUE;
        }
        return { kind: "filtered", reason: keep ? `kept only when ${summary}` : `dropped because ${summary}` };
      };
    }
    default:
      return compileValueTransform(rule, issues, at);
  }
}

type PathOf = (record: unknown) => { ok: true; path: CompiledPath } | { ok: false; reason: string };

function constantPath(p: CompiledPath | undefined): PathOf | undefined {
  return p ? () => ({ ok: true, path: p }) : undefined;
}

/** A target path built from a template (`metrics.{$.name}`), compiled per distinct result. */
function templatedPath(source: string, issues: IssueList, field: string): PathOf | undefined {
  const t = compileTemplate(source);
  if (!t.ok) {
    issues.addProblem(field, t);
    return undefined;
  }
  const cache = new Map<string, CompiledPath>();
  return (record) => {
    const rendered = t.template.render(record);
    if (!rendered.ok) {
      return rendered;
    }
    const hit = cache.get(rendered.value);
    if (hit) {
      return { ok: true, path: hit };
    }
    const p = compileRulePath(rendered.value);
    if (!p.ok) {
      return { ok: false, reason: `"${markValue(rendered.value)}" is not a field path: ${markValue(p.reason)}` };
    }
    if (cache.size > 1_000) {
      cache.clear();
    }
    cache.set(rendered.value, p.path);
    return { ok: true, path: p.path };
  };
}

function offsetValue(offset: string): number | string {
  const n = Number(offset);
  return Number.isSafeInteger(n) ? n : offset;
}
