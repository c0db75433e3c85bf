import { markValue } from "@outflow/schemas/reason-values";
import type { CompiledRule } from "./rules/compile-rules";
import { fail, type RuleContext, type StepResult } from "./rules/context";

/**
 * Rules that can make a document much larger than it was, from what it holds (a chain of them can double it each
 * time). The others change it by a bounded amount: `add` and `default` write a constant of the config, itself under
 * the request body limit, so they cannot grow a document without bound and skip the check (it was 17 % of the pure
 * pipeline's CPU on the bench workload, whose one growing rule is an `add`); the index stage checks the final size.
 */
const GROWING_RULES: ReadonlySet<CompiledRule["type"]> = new Set(["copy", "merge", "parse", "parse_json", "split", "replace"]);

/** Why an exception from one stage is that message's failure (never the task's): its message, kept short. */
export function thrownReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return `threw ${markValue(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`;
}

/**
 * Runs one rule so that nothing it does escapes the failure policy: an exception fails the message, and so does a
 * document that a growing rule made larger than `maxDocumentBytes` (checked after the rule, so a chain of `merge`
 * rules cannot double a document until the process runs out of memory).
 */
export function runRuleGuarded(rule: CompiledRule, ctx: RuleContext, maxDocumentBytes: number): StepResult {
  let result: StepResult;
  try {
    result = rule.run(ctx);
  } catch (err) {
    return fail(thrownReason(err));
  }
  if (result.kind === "failed" || !GROWING_RULES.has(rule.type)) {
    return result;
  }
  const bytes = jsonBytesOver(ctx.record, maxDocumentBytes);
  return bytes === undefined ? result : fail(`the document grew to ${bytes} bytes, over the limit of ${maxDocumentBytes} (delivery.maxDocumentBytes)`);
}

/** The document's JSON size in UTF-8 bytes when over `max` (else undefined); a value JSON cannot write throws. */
function jsonBytesOver(doc: unknown, max: number): number | undefined {
  const json = JSON.stringify(doc) ?? "";
  if (json.length * 3 <= max) {
    return undefined;
  }
  const bytes = new TextEncoder().encode(json).byteLength;
  return bytes > max ? bytes : undefined;
}
