import { markValue } from "@outflow/schemas/reason-values";
import type { Rule } from "@outflow/schemas/rules";
import type { IssueList } from "../compile-issues";
import { describe } from "../date-format";
import { type CompiledPath, getPath, isRecord } from "../field-path";
import { compileFormat } from "../formats/compile-format";
import { assignKey, deepClone } from "../safe-object";
import { sha256Hex } from "../sha256";
import { CONTINUE, fail, type Step } from "./context";
import { put, ruleCompiler } from "./rule-compiler";

type Structural = Extract<Rule, { type: "merge" | "default" | "timestamp" | "hash" | "drop_empty" | "keys_case" | "parse" }>;

/** Rules that reshape the record rather than transform one value. */
export function compileStructuralRule(rule: Structural, issues: IssueList, at: string): Step | undefined {
  const { path, optionalPath, dateFormat } = ruleCompiler(issues, at);

  switch (rule.type) {
    case "merge": {
      const from = path(rule.from, "from");
      const to = path(rule.to, "to");
      if (!from || !to) {
        return undefined;
      }
      return (ctx) => {
        const src = getPath(ctx.record, from);
        if (src === undefined) {
          return CONTINUE;
        }
        const dst = getPath(ctx.record, to);
        if (dst === undefined || dst === null) {
          return put(ctx, to, deepClone(src));
        }
        if (Array.isArray(dst)) {
          dst.push(...(Array.isArray(src) ? deepClone(src) : [deepClone(src)]));
          return CONTINUE;
        }
        if (isRecord(dst) && isRecord(src)) {
          for (const [k, v] of Object.entries(src)) {
            assignKey(dst, k, deepClone(v));
          }
          return CONTINUE;
        }
        return fail(`cannot merge ${describe(src)} from ${from.source} into ${describe(dst)} at ${to.source}`);
      };
    }
    case "default": {
      const target = path(rule.field, "field");
      if (!target) {
        return undefined;
      }
      const value = rule.value;
      return (ctx) => {
        const v = getPath(ctx.record, target);
        return v === undefined || v === null ? put(ctx, target, deepClone(value)) : CONTINUE;
      };
    }
    case "timestamp": {
      const target = path(rule.field, "field");
      const date = dateFormat(rule.format, rule.timeZone);
      if (!target || !date) {
        return undefined;
      }
      const numeric = rule.format === "epoch_millis" || rule.format === "epoch_seconds";
      const fromKafka = rule.source === "kafka_timestamp";
      return (ctx) => {
        const ms = fromKafka ? Number(ctx.message.timestamp) : ctx.now;
        if (!Number.isFinite(ms) || ms < 0) {
          return fail(`the message has no usable Kafka timestamp (${markValue(String(ctx.message.timestamp))})`);
        }
        const text = date.pattern.format(ms, date.zone);
        return put(ctx, target, numeric ? Number(text) : text);
      };
    }
    case "hash": {
      const fields = rule.fields.map((f, i) => path(f, `fields.${i}`));
      const to = optionalPath(rule.to, "to");
      if (rule.fields.length > 1 && rule.to === undefined) {
        issues.add(`${at}.to`, "Required when hashing several fields (where the hash goes)", "compile.rules.hashTarget");
        return undefined;
      }
      if (fields.some((f) => !f) || to === undefined) {
        return undefined;
      }
      const paths = fields as CompiledPath[];
      const target = to ?? (paths[0] as CompiledPath);
      const { separator } = rule;
      return (ctx) => {
        const parts: string[] = [];
        for (const p of paths) {
          const v = getPath(ctx.record, p);
          if (v === undefined) {
            if (paths.length === 1) {
              return CONTINUE;
            }
            return fail(`hash: field ${p.source} is missing`);
          }
          parts.push(typeof v === "string" ? v : JSON.stringify(v));
        }
        return put(ctx, target, sha256Hex(parts.join(separator)));
      };
    }
    case "drop_empty": {
      const target = optionalPath(rule.field, "field");
      if (target === undefined) {
        return undefined;
      }
      const { deep } = rule;
      return (ctx) => {
        const obj = target ? getPath(ctx.record, target) : ctx.record;
        if (isRecord(obj)) {
          dropEmpty(obj, deep);
        }
        return CONTINUE;
      };
    }
    case "keys_case": {
      const target = optionalPath(rule.field, "field");
      if (target === undefined) {
        return undefined;
      }
      const convert = rule.case === "lower" ? (k: string) => k.toLowerCase() : (k: string) => k.toUpperCase();
      const { deep } = rule;
      return (ctx) => {
        if (!target) {
          const next = recase(ctx.record, convert, deep) as Record<string, unknown>;
          for (const k of Object.keys(ctx.record)) {
            delete ctx.record[k];
          }
          for (const [k, v] of Object.entries(next)) {
            assignKey(ctx.record, k, v);
          }
          return CONTINUE;
        }
        const v = getPath(ctx.record, target);
        return isRecord(v) ? put(ctx, target, recase(v, convert, deep)) : CONTINUE;
      };
    }
    default: {
      const source = path(rule.field, "field");
      const to = optionalPath(rule.to, "to");
      const parser = compileFormat(rule.format, issues, `${at}.format`);
      if (!source || to === undefined || !parser) {
        return undefined;
      }
      return (ctx) => {
        const v = getPath(ctx.record, source);
        if (v === undefined || v === null) {
          return CONTINUE;
        }
        if (typeof v !== "string") {
          return fail(`${source.source}: parse needs a string, got ${describe(v)}`);
        }
        const r = parser(v);
        if (!r.ok) {
          return fail(`${source.source}: ${r.reason}`);
        }
        const value = r.records.length === 1 ? r.records[0] : r.records;
        if (to) {
          return put(ctx, to, value);
        }
        if (r.records.length !== 1) {
          return fail(`${source.source}: gave ${r.records.length} records; set "to" to keep them as an array`);
        }
        for (const [k, val] of Object.entries(r.records[0] as Record<string, unknown>)) {
          assignKey(ctx.record, k, val);
        }
        return CONTINUE;
      };
    }
  }
}

function isEmpty(v: unknown): boolean {
  return v === null || v === "" || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);
}

function dropEmpty(obj: Record<string, unknown>, deep: boolean): void {
  for (const [k, v] of Object.entries(obj)) {
    if (deep && isRecord(v)) {
      dropEmpty(v, deep);
    }
    if (isEmpty(v)) {
      delete obj[k];
    }
  }
}

function recase(v: unknown, convert: (k: string) => string, deep: boolean): unknown {
  if (Array.isArray(v)) {
    return deep ? v.map((x) => recase(x, convert, deep)) : v;
  }
  if (!isRecord(v)) {
    return v;
  }
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    assignKey(out, convert(k), deep ? recase(val, convert, deep) : val);
  }
  return out;
}
