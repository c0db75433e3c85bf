import { AppError, type Issue, issuesFromZod } from "@outflow/schemas/errors";
import { TaskConfig } from "@outflow/schemas/task-config";
import { type AggregationSpec, compileAggregation } from "./aggregation";
import { IssueList } from "./compile-issues";
import { compileFormat, isRegistryFormat } from "./formats/compile-format";
import { SchemaBook } from "./formats/schema-book";
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
  /** The registry formats' compiled schemas (value and/or key), filled at the edge before processing. */
  registry?: { value?: SchemaBook; key?: SchemaBook };
  /** Set in aggregation mode. */
  aggregation?: AggregationSpec;
  /**
   * JSON format, no CDC unwrap, no aggregation and only filter rules: a document is its message's JSON unchanged
   * (unless flatten finds nesting), so the message text is its `_bulk` source.
   */
  writesMessageText: boolean;
  /**
   * The message text is the document and only the router reads the record (writesMessageText without rules or
   * flatten): its numbers are parsed as doubles, and exactly (exact-number.ts) only when a field the router reads
   * holds a number. The parse a task with rules needs for every message then runs for few or none.
   */
  plainNumbers: boolean;
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
  const format = config.parse.format;
  const registered = isRegistryFormat(format);
  const parser = registered ? registeredOnly : compileFormat(format, issues, "parse.format");
  if (config.sink.cdc && format.type !== "json" && !registered) {
    issues.add("parse.format", "CDC sync reads JSON or registry-encoded (avro, protobuf, json_schema) change events", "compile.cdcFormat");
  }
  const keyFormat = config.parse.keyFormat;
  const registry =
    registered || keyFormat
      ? { ...(registered ? { value: new SchemaBook(format, "value") } : {}), ...(keyFormat ? { key: new SchemaBook(keyFormat, "key") } : {}) }
      : undefined;
  const rules = compileRules(config.rules, issues);
  const router = compileRouter(config.sink, issues);
  const tombstones = config.parse.tombstones ?? (config.sink.cdc ? "skip" : "fail");
  if (tombstones === "delete" && (/\{[^{]/.test(config.sink.index.replace(/\{\{/g, "")) || config.sink.dateSplit)) {
    issues.add("parse.tombstones", "Deleting on tombstones needs a fixed index name (no field references, no date split)", "compile.tombstonesFixedIndex");
  }
  const failure = config.failure;
  // Without a connection of its own, the dead-letter topic lives on the source connection.
  const onSourceConnection = failure.policy === "dead_letter" && (!failure.connectionId || failure.connectionId === config.source.connectionId);
  if (failure.policy === "dead_letter" && onSourceConnection && config.source.topics.includes(failure.topic)) {
    issues.add("failure.topic", "The dead-letter topic must not be one of the source topics", "compile.deadLetterIsSource");
  }
  const aggregation = config.sink.aggregation ? compileAggregation(config.sink.aggregation, config.sink.writeMode, issues, "sink.aggregation") : undefined;
  if (!issues.isEmpty || !router || !parser) {
    return { ok: false, issues: issues.items };
  }
  const writesMessageText = config.parse.format.type === "json" && !config.sink.cdc && !aggregation && config.rules.every((r) => r.type === "filter");
  const plainNumbers = writesMessageText && config.rules.length === 0 && !config.parse.flatten;
  return {
    ok: true,
    task: {
      config,
      parser,
      rules,
      router,
      tombstones,
      writesMessageText,
      plainNumbers,
      ...(aggregation ? { aggregation } : {}),
      ...(registry ? { registry } : {}),
    },
  };
}

/** The text parser of a registry format, never called: such values are decoded from their bytes (registry-decode.ts). */
const registeredOnly: TextParser = () => ({ ok: false, reason: "registry formats decode bytes, not text" });

/** Like safeCompileTask, but throws AppError(unprocessable_entity) with field-level issues. */
export function compileTask(input: unknown, fieldPrefix = ""): CompiledTask {
  const r = safeCompileTask(input);
  if (!r.ok) {
    throw AppError.invalid(r.issues, fieldPrefix);
  }
  return r.task;
}
