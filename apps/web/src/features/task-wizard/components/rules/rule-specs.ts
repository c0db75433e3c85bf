import type { RuleType } from "@outflow/schemas/rules";
import type { Choice } from "../inputs/select-field";

/** One input of a rule's form. `key` is the rule's own field; `when` shows it only for some settings. */
export type RuleFieldSpec = {
  key: string;
  label: string;
  hint?: string;
  kind: "path" | "text" | "number" | "bool" | "select" | "list" | "json" | "format" | "conditions";
  optional?: boolean;
  choices?: Choice[];
  defaultValue?: boolean;
  when?: (rule: Record<string, unknown>) => boolean;
};

export type RuleSpec = { label: string; description: string; make: () => Record<string, unknown>; fields: RuleFieldSpec[] };

const to: RuleFieldSpec = { key: "to", label: "Write to", kind: "path", optional: true, hint: "Optional; default: in place" };
const field = (label = "Field"): RuleFieldSpec => ({ key: "field", label, kind: "path", hint: "JSONPath ($.a.b) or a.b" });
const choices = (...values: string[]): Choice[] => values.map((v) => ({ value: v, label: v }));

/** A form per rule type of packages/schemas/src/rules.ts. */
export const RULE_SPECS: Record<RuleType, RuleSpec> = {
  rename: {
    label: "Rename",
    description: "Moves a field; `to` may hold {field} references.",
    make: () => ({ type: "rename", from: "", to: "" }),
    fields: [
      { key: "from", label: "From", kind: "path" },
      { key: "to", label: "To", kind: "path", hint: "May hold references, e.g. metrics.{$.name}" },
    ],
  },
  drop: {
    label: "Drop fields",
    description: "Removes fields.",
    make: () => ({ type: "drop", fields: [] }),
    fields: [{ key: "fields", label: "Fields", kind: "list" }],
  },
  add: {
    label: "Add field",
    description: "Sets a field to a fixed value.",
    make: () => ({ type: "add", field: "", value: "" }),
    fields: [field(), { key: "value", label: "Value", kind: "json" }],
  },
  copy: {
    label: "Copy",
    description: "Copies a value (nested extraction with JSONPath) to another field.",
    make: () => ({ type: "copy", from: "", to: "" }),
    fields: [
      { key: "from", label: "From", kind: "path" },
      { key: "to", label: "To", kind: "path" },
    ],
  },
  metadata: {
    label: "Kafka metadata",
    description: "Adds the message's topic, partition, offset, timestamp, key or a header.",
    make: () => ({ type: "metadata", field: "", source: "topic" }),
    fields: [
      field(),
      { key: "source", label: "Source", kind: "select", choices: choices("topic", "partition", "offset", "timestamp", "key", "header") },
      { key: "header", label: "Header name", kind: "text", optional: true, when: (r) => r.source === "header" },
    ],
  },
  lowercase: { label: "Lowercase", description: "Lower-cases a string.", make: () => ({ type: "lowercase", field: "" }), fields: [field(), to] },
  uppercase: { label: "Uppercase", description: "Upper-cases a string.", make: () => ({ type: "uppercase", field: "" }), fields: [field(), to] },
  replace: {
    label: "Replace",
    description: "Replaces text (or a regular expression; $1 refers to groups).",
    make: () => ({ type: "replace", field: "", pattern: "", replacement: "", regex: false }),
    fields: [
      field(),
      { key: "pattern", label: "Pattern", kind: "text" },
      { key: "replacement", label: "Replacement", kind: "text" },
      { key: "regex", label: "Pattern is a regular expression", kind: "bool" },
      to,
    ],
  },
  substring: {
    label: "Substring",
    description: "Keeps characters from start to end (characters, not bytes).",
    make: () => ({ type: "substring", field: "", start: 0 }),
    fields: [field(), { key: "start", label: "Start", kind: "number" }, { key: "end", label: "End", kind: "number", optional: true }, to],
  },
  parse_date: {
    label: "Parse date",
    description: "Reads a date in a format and writes it as ISO or epoch.",
    make: () => ({ type: "parse_date", field: "", format: "iso", timeZone: "UTC", output: "iso" }),
    fields: [
      field(),
      { key: "format", label: "Input format", kind: "text", hint: "iso, epoch_millis, epoch_seconds or a pattern such as yyyy-MM-dd HH:mm:ss" },
      { key: "timeZone", label: "Time zone", kind: "text", hint: "IANA name or offset (+08:00)" },
      { key: "output", label: "Output", kind: "select", choices: choices("iso", "epoch_millis", "epoch_seconds") },
      to,
    ],
  },
  cast: {
    label: "Cast",
    description: "Converts a value to string, number, integer or boolean.",
    make: () => ({ type: "cast", field: "", as: "number" }),
    fields: [field(), { key: "as", label: "As", kind: "select", choices: choices("string", "number", "integer", "boolean") }, to],
  },
  parse_json: {
    label: "Parse JSON",
    description: "An embedded JSON string becomes a value.",
    make: () => ({ type: "parse_json", field: "" }),
    fields: [field(), to],
  },
  split: {
    label: "Split",
    description: "Splits a string into an array.",
    make: () => ({ type: "split", field: "", separator: "," }),
    fields: [field(), { key: "separator", label: "Separator", kind: "text" }, to],
  },
  trim: { label: "Trim", description: "Removes surrounding whitespace.", make: () => ({ type: "trim", field: "" }), fields: [field(), to] },
  join: {
    label: "Join",
    description: "Joins an array into a string.",
    make: () => ({ type: "join", field: "", separator: "," }),
    fields: [field(), { key: "separator", label: "Separator", kind: "text" }, to],
  },
  merge: {
    label: "Merge",
    description: "Merges an object's keys (or an array's elements) into another field.",
    make: () => ({ type: "merge", from: "", to: "" }),
    fields: [
      { key: "from", label: "From", kind: "path" },
      { key: "to", label: "Into", kind: "path" },
    ],
  },
  default: {
    label: "Default value",
    description: "Sets a value only where the field is missing or null.",
    make: () => ({ type: "default", field: "", value: "" }),
    fields: [field(), { key: "value", label: "Value", kind: "json" }],
  },
  timestamp: {
    label: "Timestamp",
    description: "Adds the processing time or the Kafka timestamp.",
    make: () => ({ type: "timestamp", field: "", source: "processing_time", format: "iso", timeZone: "UTC" }),
    fields: [
      field(),
      { key: "source", label: "Source", kind: "select", choices: choices("processing_time", "kafka_timestamp") },
      { key: "format", label: "Format", kind: "text", hint: "iso, epoch_millis, epoch_seconds or a pattern" },
      { key: "timeZone", label: "Time zone", kind: "text" },
    ],
  },
  hash: {
    label: "Hash (SHA-256)",
    description: "SHA-256 (hex) of one field in place, or of several joined into `to`.",
    make: () => ({ type: "hash", fields: [], separator: "|" }),
    fields: [{ key: "fields", label: "Fields", kind: "list" }, { key: "separator", label: "Separator", kind: "text" }, to],
  },
  mask: {
    label: "Mask",
    description: "Replaces all but the first/last characters.",
    make: () => ({ type: "mask", field: "", keepFirst: 0, keepLast: 4, char: "*" }),
    fields: [
      field(),
      { key: "keepFirst", label: "Keep first", kind: "number" },
      { key: "keepLast", label: "Keep last", kind: "number" },
      { key: "char", label: "Mask character", kind: "text" },
      to,
    ],
  },
  drop_empty: {
    label: "Drop empty",
    description: 'Removes fields whose value is null, "", [] or {}.',
    make: () => ({ type: "drop_empty", deep: true }),
    fields: [
      { key: "field", label: "In field", kind: "path", optional: true, hint: "Optional; default: the whole record" },
      { key: "deep", label: "Nested too", kind: "bool", defaultValue: true },
    ],
  },
  keys_case: {
    label: "Keys case",
    description: "Lower- or upper-cases the keys of an object.",
    make: () => ({ type: "keys_case", case: "lower", deep: true }),
    fields: [
      { key: "case", label: "Case", kind: "select", choices: choices("lower", "upper") },
      { key: "field", label: "In field", kind: "path", optional: true, hint: "Optional; default: the whole record" },
      { key: "deep", label: "Nested too", kind: "bool", defaultValue: true },
    ],
  },
  parse: {
    label: "Parse field",
    description: "Parses a string field with a format; merged into the record unless `to` is given.",
    make: () => ({ type: "parse", field: "", format: { type: "kv", pairSeparator: "&", kvSeparator: "=", trim: true, prefix: "" } }),
    fields: [field(), { key: "format", label: "Format", kind: "format" }, { ...to, hint: "Optional; default: merged into the record" }],
  },
  filter: {
    label: "Filter",
    description: "Keeps or drops messages that match conditions.",
    make: () => ({ type: "filter", action: "drop", match: "all", conditions: [{ field: "", op: "equals", value: "" }] }),
    fields: [
      {
        key: "action",
        label: "Messages that match are",
        kind: "select",
        choices: [
          { value: "drop", label: "dropped" },
          { value: "keep", label: "kept (all others dropped)" },
        ],
      },
      {
        key: "match",
        label: "Match",
        kind: "select",
        choices: [
          { value: "all", label: "all conditions" },
          { value: "any", label: "any condition" },
        ],
      },
      { key: "conditions", label: "Conditions", kind: "conditions" },
    ],
  },
};

export const RULE_TYPES = Object.keys(RULE_SPECS) as RuleType[];
