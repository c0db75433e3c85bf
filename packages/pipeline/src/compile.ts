import { AppError, type Issue, issuesFromZod } from "@outflow/schemas/errors";
import { TaskConfig } from "@outflow/schemas/task-config";
import { type AggregationSpec, compileAggregation } from "./aggregation";
import { IssueList } from "./compile-issues";
import { compileFormat } from "./formats/compile-format";
import type { TextParser } from "./formats/text-parser";
import { compileRouter, type Router } from "./route";
import { type CompiledRule, compileRules } from "./rules/compile-rules";

/** A validated task config with everything pre-compiled for the hot path. */
export type CompiledTask = {
  config: TaskConfig;
  /** How a message value becomes records (the task's parse format). */
  parser: TextParser;
  rules: CompiledRule[];
  router: Router;
  tombstones: "fail" | "skip" | "delete";
  /** Set in aggregation mode. */
  aggregation?: AggregationSpec;
  /**
   * JSON format, no CDC unwrap, no aggregation and only filter rules: a document is its message's JSON unchanged
   * (unless flatten finds nesting), so the message text is its `_bulk` source.
   */
  writesMessageText: boolean;
};

export type CompileResult = { ok: true; task: CompiledTask } | { ok: false; issues: Issue[] };

/** Validates (zod, then paths, patterns, templates, cross-field rules) and compiles. Never throws. */
export function safeCompileTask(input: unknown): CompileResult {
  const parsed = TaskConfig.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: issuesFromZod(parsed.error) };
  }
  const config = parsed.data;
  const issues = new IssueList();
  const parser = compileFormat(config.parse.format, issues, "parse.format");
  if (config.sink.cdc && config.parse.format.type !== "json") {
    issues.add("parse.format", "CDC sync reads JSON change events: use format json");
  }
  const rules = compileRules(config.rules, issues);
  const router = compileRouter(config.sink, issues);
  const tombstones = config.parse.tombstones ?? (config.sink.cdc ? "skip" : "fail");
  if (tombstones === "delete" && (/\{[^{]/.test(config.sink.index.replace(/\{\{/g, "")) || config.sink.dateSplit)) {
    issues.add("parse.tombstones", "Deleting on tombstones needs a fixed index name (no field references, no date split)");
  }
  const failure = config.failure;
  // Without a connection of its own, the dead-letter topic lives on the source connection.
  const onSourceConnection = failure.policy === "dead_letter" && (!failure.connectionId || failure.connectionId === config.source.connectionId);
  if (failure.policy === "dead_letter" && onSourceConnection && config.source.topics.includes(failure.topic)) {
    issues.add("failure.topic", "The dead-letter topic must not be one of the source topics");
  }
  const aggregation = config.sink.aggregation ? compileAggregation(config.sink.aggregation, config.sink.writeMode, issues, "sink.aggregation") : undefined;
  if (!issues.isEmpty || !router || !parser) {
    return { ok: false, issues: issues.items };
  }
  const writesMessageText = config.parse.format.type === "json" && !config.sink.cdc && !aggregation && config.rules.every((r) => r.type === "filter");
  return { ok: true, task: { config, parser, rules, router, tombstones, writesMessageText, ...(aggregation ? { aggregation } : {}) } };
}

/** Like safeCompileTask, but throws AppError(unprocessable_entity) with field-level issues. */
export function compileTask(input: unknown, fieldPrefix = ""): CompiledTask {
  const r = safeCompileTask(input);
  if (!r.ok) {
    throw AppError.invalid(r.issues, fieldPrefix);
  }
  return r.task;
}
