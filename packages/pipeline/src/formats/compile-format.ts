import type { ValueFormat } from "@outflow/schemas/formats";
import type { IssueList } from "../compile-issues";
import { delimitedParser } from "./delimited";
import { jsonArrayParser, jsonParser } from "./json-formats";
import { keyValueParser } from "./key-value";
import { grokParser, regexParser } from "./pattern-formats";
import type { TextParser } from "./text-parser";

/** avro, protobuf, json_schema: read from a message's bytes through the schema registry, never from text. */
export function isRegistryFormat(format: ValueFormat): format is Extract<ValueFormat, { type: "avro" | "protobuf" | "json_schema" }> {
  return format.type === "avro" || format.type === "protobuf" || format.type === "json_schema";
}

/** A format ready to run; problems (bad pattern, unknown grok name) are recorded at `at`. */
export function compileFormat(format: ValueFormat, issues: IssueList, at: string): TextParser | undefined {
  switch (format.type) {
    case "json":
      return jsonParser;
    case "json_array":
      return jsonArrayParser(format.elements);
    case "delimited":
      if (format.columns && new Set(format.columns).size !== format.columns.length) {
        issues.add(`${at}.columns`, "Column names must not repeat");
        return undefined;
      }
      return delimitedParser(format);
    case "kv":
      if (format.pairSeparator === format.kvSeparator) {
        issues.add(`${at}.kvSeparator`, "Must differ from pairSeparator");
        return undefined;
      }
      return keyValueParser(format);
    case "regex": {
      const r = regexParser(format.pattern);
      if (!r.ok) {
        issues.add(`${at}.pattern`, r.reason);
        return undefined;
      }
      return r.parser;
    }
    case "avro":
    case "protobuf":
    case "json_schema":
      issues.add(`${at}.type`, `${format.type} reads a message's bytes through the schema registry: use it as the task's parse format, not on a field`);
      return undefined;
    default: {
      const r = grokParser(format.pattern, format.patterns);
      if (!r.ok) {
        issues.add(`${at}.pattern`, r.reason);
        return undefined;
      }
      return r.parser;
    }
  }
}
