import { plainReason } from "@outflow/schemas/reason-values";
/** Helpers for the rule tests (not used by the pipeline itself). */
import { Rule } from "@outflow/schemas/rules";
import { IssueList } from "../compile-issues";
import { cloneJson } from "../exact-number";
import type { KafkaMessage } from "../message";
import { message } from "../test-fixtures";
import { compileRules } from "./compile-rules";
import type { StepResult } from "./context";

/** Parses (applying schema defaults) and compiles rules; returns the issues' fields and messages instead when any. */
export function compileRuleInputs(inputs: unknown[]) {
  const issues = new IssueList();
  const rules = compileRules(
    inputs.map((r) => Rule.parse(r)),
    issues,
  );
  return { rules, issues: issues.items.map(({ field, message }) => ({ field, message })) };
}

export type RunOutcome = { kind: "continue"; record: Record<string, unknown> } | Exclude<StepResult, { kind: "continue" }>;

/** Runs the rules in order on a copy of `record`, as processMessage does. */
export function runRules(inputs: unknown[], record: Record<string, unknown>, msg: KafkaMessage = message(record)): RunOutcome {
  const { rules, issues } = compileRuleInputs(inputs);
  if (issues.length > 0) {
    throw new Error(`rules do not compile: ${JSON.stringify(issues)}`);
  }
  const ctx = { record: cloneJson(record), message: msg, now: 0 };
  for (const rule of rules) {
    const r = rule.run(ctx);
    if (r.kind !== "continue") {
      return r;
    }
  }
  return { kind: "continue", record: ctx.record };
}

/** The record after the rules, or the failure/filter reason prefixed with "!". */
export function after(inputs: unknown[], record: Record<string, unknown>, msg?: KafkaMessage): Record<string, unknown> | string {
  const r = runRules(inputs, record, msg);
  return r.kind === "continue" ? r.record : `!${r.kind}: ${plainReason(r.reason)}`;
}
