import { markValue } from "@outflow/schemas/reason-values";
import type { Rule } from "@outflow/schemas/rules";
import type { IssueList } from "../compile-issues";
import { describe, truncate } from "../date-format";
import { MAX_JSON_DEPTH, nestedTooDeeply } from "../decode-value";
import { isExactNumber, isJsonNumber, numberFromText, parseJsonExact, type Scalar, scalarText, truncateNumber } from "../exact-number";
import { type CompiledPath, getPath } from "../field-path";
import { compileUserRegex, tooLongToMatch } from "../user-regex";
import { CONTINUE, fail, type Step } from "./context";
import { compileRulePath, put, ruleCompiler } from "./rule-compiler";

type ValueRule = { field: string; to?: string };
type Transform = (value: unknown) => { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Rules that read one field, transform its value and write it back (or to `to`).
 * A missing field is left alone; a value of the wrong type fails the message with a reason.
 */
export function compileValueTransform(rule: Rule, issues: IssueList, at: string): Step | undefined {
  const r = rule as unknown as ValueRule;
  const from = compileRulePath(r.field);
  const to = r.to === undefined ? from : compileRulePath(r.to);
  if (!from.ok) {
    issues.addProblem(`${at}.field`, from);
  }
  if (!to.ok) {
    issues.addProblem(`${at}.to`, to);
  }
  const transform = compileTransform(rule, issues, at);
  if (!from.ok || !to.ok || !transform) {
    return undefined;
  }
  return makeStep(from.path, to.path, transform);
}

function makeStep(from: CompiledPath, to: CompiledPath, transform: Transform): Step {
  return (ctx) => {
    const v = getPath(ctx.record, from);
    if (v === undefined) {
      return CONTINUE;
    }
    const out = transform(v);
    if (!out.ok) {
      return fail(`${from.source}: ${out.reason}`);
    }
    return put(ctx, to, out.value);
  };
}

const ok = (value: unknown) => ({ ok: true as const, value });
const no = (reason: string) => ({ ok: false as const, reason });

function stringOnly(name: string, f: (s: string) => unknown): Transform {
  return (v) => (typeof v === "string" ? ok(f(v)) : v === null ? ok(null) : no(`${name} needs a string, got ${describe(v)}`));
}

function compileTransform(rule: Rule, issues: IssueList, at: string): Transform | undefined {
  switch (rule.type) {
    case "lowercase":
      return stringOnly("lowercase", (s) => s.toLowerCase());
    case "uppercase":
      return stringOnly("uppercase", (s) => s.toUpperCase());
    case "replace": {
      if (!rule.regex) {
        const { pattern, replacement } = rule;
        return stringOnly("replace", (s) => s.split(pattern).join(replacement));
      }
      const re = compileUserRegex(rule.pattern, "g");
      if (!re.ok) {
        issues.add(`${at}.pattern`, re.reason);
        return undefined;
      }
      const { replacement } = rule;
      const regex = re.regex;
      return (v) => {
        if (v === null) {
          return ok(null);
        }
        if (typeof v !== "string") {
          return no(`replace needs a string, got ${describe(v)}`);
        }
        const long = tooLongToMatch(v);
        return long ? no(long) : ok(regex.replace(v, replacement, true));
      };
    }
    case "substring": {
      const { start, end } = rule;
      if (end !== undefined && end < start) {
        issues.add(`${at}.end`, "end must not be before start", "compile.rules.endBeforeStart");
        return undefined;
      }
      return stringOnly("substring", (s) => Array.from(s).slice(start, end).join(""));
    }
    case "parse_date": {
      const date = ruleCompiler(issues, at).dateFormat(rule.format, rule.timeZone);
      if (!date) {
        return undefined;
      }
      const output = rule.output;
      return (v) => {
        if (v === null) {
          return ok(null);
        }
        const parsed = date.pattern.parse(v, date.zone);
        if (!parsed.ok) {
          return no(parsed.reason);
        }
        const ms = parsed.epochMs;
        return ok(output === "iso" ? new Date(ms).toISOString() : output === "epoch_millis" ? ms : Math.floor(ms / 1000));
      };
    }
    case "cast":
      return castTo(rule.as);
    case "parse_json":
      return (v) => {
        if (typeof v !== "string") {
          return no(`parse_json needs a string, got ${describe(v)}`);
        }
        let parsed: unknown;
        try {
          parsed = parseJsonExact(v);
        } catch (e) {
          return no(`invalid JSON in "${markValue(truncate(v))}": ${markValue((e as Error).message)}`);
        }
        return nestedTooDeeply(parsed, v.length)
          ? no(`JSON in "${markValue(truncate(v))}" is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`)
          : ok(parsed);
      };
    case "split": {
      const { separator } = rule;
      return stringOnly("split", (s) => s.split(separator));
    }
    case "trim":
      return stringOnly("trim", (s) => s.trim());
    case "join": {
      const { separator } = rule;
      return (v) => {
        if (typeof v === "string" || v === null) {
          return ok(v);
        }
        if (!Array.isArray(v)) {
          return no(`join needs an array, got ${describe(v)}`);
        }
        return ok(v.map((x) => (x === null || x === undefined ? "" : typeof x === "object" ? JSON.stringify(x) : String(x))).join(separator));
      };
    }
    case "mask": {
      const { keepFirst, keepLast, char } = rule;
      return (v) => {
        if (v === null) {
          return ok(null);
        }
        if (typeof v !== "string" && !isJsonNumber(v)) {
          return no(`mask needs a string or number, got ${describe(v)}`);
        }
        const chars = Array.from(scalarText(v));
        const hidden = Math.max(0, chars.length - keepFirst - keepLast);
        return ok(chars.map((c, i) => (i >= keepFirst && i < keepFirst + hidden ? char : c)).join(""));
      };
    }
    default:
      issues.add(`${at}.type`, `unknown rule type "${rule.type}"`, "compile.rules.unknownType", { type: rule.type });
      return undefined;
  }
}

function castTo(type: "string" | "number" | "integer" | "boolean"): Transform {
  return (v) => {
    if (v === null) {
      return ok(null);
    }
    if (typeof v === "object" && !isExactNumber(v)) {
      return type === "string" ? ok(JSON.stringify(v)) : no(`cannot cast ${describe(v)} to ${type}`);
    }
    const scalar = v as Scalar;
    switch (type) {
      case "string":
        return ok(scalarText(scalar));
      case "boolean": {
        if (typeof v === "boolean") {
          return ok(v);
        }
        const s = scalarText(scalar).trim().toLowerCase();
        if (["true", "1", "yes", "y", "on"].includes(s)) {
          return ok(true);
        }
        if (["false", "0", "no", "n", "off"].includes(s)) {
          return ok(false);
        }
        return no(`cannot cast ${describe(v)} to boolean`);
      }
      default: {
        // Exact: digits a double would lose are kept (see exact-number.ts); only a value past the double range fails.
        const n = typeof scalar === "boolean" ? Number(scalar) : typeof scalar === "string" ? numberFromText(scalar) : scalar;
        if (n === null || !Number.isFinite(typeof n === "number" ? n : Number(n.rawJSON))) {
          return no(`cannot cast ${describe(v)} to ${type}`);
        }
        return ok(type === "integer" ? truncateNumber(n) : n);
      }
    }
  };
}
