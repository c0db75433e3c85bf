import type { RuleType } from "@outflow/schemas/rules";
import type { Messages } from "../../../../i18n/messages";

type RuleWords = Messages["wizard"]["ruleFields"];

/** A choice of a rule's select: its value, shown as itself unless `label` names its words (`wizard.ruleFields.choices`). */
export type RuleChoice = { value: string; label?: keyof RuleWords["choices"] };

/**
 * One input of a rule's form. `key` is the rule's own field; `label` and `hint` name its words
 * (`wizard.ruleFields.labels` / `.hints`); `when` shows it only for some settings.
 */
export type RuleFieldSpec = {
  key: string;
  label: keyof RuleWords["labels"];
  hint?: keyof RuleWords["hints"];
  kind: "path" | "text" | "number" | "bool" | "select" | "list" | "json" | "format" | "conditions";
  optional?: boolean;
  choices?: RuleChoice[];
  defaultValue?: boolean;
  when?: (rule: Record<string, unknown>) => boolean;
};

/** A rule type's form; its name and description are `wizard.ruleTypes.<type>`. */
export type RuleSpec = { make: () => Record<string, unknown>; fields: RuleFieldSpec[] };

const to: RuleFieldSpec = { key: "to", label: "writeTo", kind: "path", optional: true, hint: "to" };
const field = (): RuleFieldSpec => ({ key: "field", label: "field", kind: "path", hint: "field" });
const choices = (...values: string[]): RuleChoice[] => values.map((v) => ({ value: v }));

/** A form per rule type of packages/schemas/src/rules.ts. */
export const RULE_SPECS: Record<RuleType, RuleSpec> = {
  rename: {
    make: () => ({ type: "rename", from: "", to: "" }),
    fields: [
      { key: "from", label: "from", kind: "path" },
      { key: "to", label: "to", kind: "path", hint: "renameTo" },
    ],
  },
  drop: {
    make: () => ({ type: "drop", fields: [] }),
    fields: [{ key: "fields", label: "fields", kind: "list" }],
  },
  add: {
    make: () => ({ type: "add", field: "", value: "" }),
    fields: [field(), { key: "value", label: "value", kind: "json" }],
  },
  copy: {
    make: () => ({ type: "copy", from: "", to: "" }),
    fields: [
      { key: "from", label: "from", kind: "path" },
      { key: "to", label: "to", kind: "path" },
    ],
  },
  metadata: {
    make: () => ({ type: "metadata", field: "", source: "topic" }),
    fields: [
      field(),
      { key: "source", label: "source", kind: "select", choices: choices("topic", "partition", "offset", "timestamp", "key", "header") },
      { key: "header", label: "header", kind: "text", optional: true, when: (r) => r.source === "header" },
    ],
  },
  lowercase: { make: () => ({ type: "lowercase", field: "" }), fields: [field(), to] },
  uppercase: { make: () => ({ type: "uppercase", field: "" }), fields: [field(), to] },
  replace: {
    make: () => ({ type: "replace", field: "", pattern: "", replacement: "", regex: false }),
    fields: [
      field(),
      { key: "pattern", label: "pattern", kind: "text" },
      { key: "replacement", label: "replacement", kind: "text" },
      { key: "regex", label: "regex", kind: "bool" },
      to,
    ],
  },
  substring: {
    make: () => ({ type: "substring", field: "", start: 0 }),
    fields: [field(), { key: "start", label: "start", kind: "number" }, { key: "end", label: "end", kind: "number", optional: true }, to],
  },
  parse_date: {
    make: () => ({ type: "parse_date", field: "", format: "iso", timeZone: "UTC", output: "iso" }),
    fields: [
      field(),
      { key: "format", label: "inputFormat", kind: "text", hint: "dateFormat" },
      { key: "timeZone", label: "timeZone", kind: "text", hint: "timeZone" },
      { key: "output", label: "output", kind: "select", choices: choices("iso", "epoch_millis", "epoch_seconds") },
      to,
    ],
  },
  cast: {
    make: () => ({ type: "cast", field: "", as: "number" }),
    fields: [field(), { key: "as", label: "as", kind: "select", choices: choices("string", "number", "integer", "boolean") }, to],
  },
  parse_json: {
    make: () => ({ type: "parse_json", field: "" }),
    fields: [field(), to],
  },
  split: {
    make: () => ({ type: "split", field: "", separator: "," }),
    fields: [field(), { key: "separator", label: "separator", kind: "text" }, to],
  },
  trim: { make: () => ({ type: "trim", field: "" }), fields: [field(), to] },
  join: {
    make: () => ({ type: "join", field: "", separator: "," }),
    fields: [field(), { key: "separator", label: "separator", kind: "text" }, to],
  },
  merge: {
    make: () => ({ type: "merge", from: "", to: "" }),
    fields: [
      { key: "from", label: "from", kind: "path" },
      { key: "to", label: "into", kind: "path" },
    ],
  },
  default: {
    make: () => ({ type: "default", field: "", value: "" }),
    fields: [field(), { key: "value", label: "value", kind: "json" }],
  },
  timestamp: {
    make: () => ({ type: "timestamp", field: "", source: "processing_time", format: "iso", timeZone: "UTC" }),
    fields: [
      field(),
      { key: "source", label: "source", kind: "select", choices: choices("processing_time", "kafka_timestamp") },
      { key: "format", label: "format", kind: "text", hint: "timestampFormat" },
      { key: "timeZone", label: "timeZone", kind: "text" },
    ],
  },
  hash: {
    make: () => ({ type: "hash", fields: [], separator: "|" }),
    fields: [{ key: "fields", label: "fields", kind: "list" }, { key: "separator", label: "separator", kind: "text" }, to],
  },
  mask: {
    make: () => ({ type: "mask", field: "", keepFirst: 0, keepLast: 4, char: "*" }),
    fields: [
      field(),
      { key: "keepFirst", label: "keepFirst", kind: "number" },
      { key: "keepLast", label: "keepLast", kind: "number" },
      { key: "char", label: "char", kind: "text" },
      to,
    ],
  },
  drop_empty: {
    make: () => ({ type: "drop_empty", deep: true }),
    fields: [
      { key: "field", label: "inField", kind: "path", optional: true, hint: "inField" },
      { key: "deep", label: "deep", kind: "bool", defaultValue: true },
    ],
  },
  keys_case: {
    make: () => ({ type: "keys_case", case: "lower", deep: true }),
    fields: [
      { key: "case", label: "case", kind: "select", choices: choices("lower", "upper") },
      { key: "field", label: "inField", kind: "path", optional: true, hint: "inField" },
      { key: "deep", label: "deep", kind: "bool", defaultValue: true },
    ],
  },
  parse: {
    make: () => ({ type: "parse", field: "", format: { type: "kv", pairSeparator: "&", kvSeparator: "=", trim: true, prefix: "" } }),
    fields: [field(), { key: "format", label: "format", kind: "format" }, { ...to, hint: "toMerged" }],
  },
  filter: {
    make: () => ({ type: "filter", action: "drop", match: "all", conditions: [{ field: "", op: "equals", value: "" }] }),
    fields: [
      {
        key: "action",
        label: "action",
        kind: "select",
        choices: [
          { value: "drop", label: "drop" },
          { value: "keep", label: "keep" },
        ],
      },
      {
        key: "match",
        label: "match",
        kind: "select",
        choices: [
          { value: "all", label: "all" },
          { value: "any", label: "any" },
        ],
      },
      { key: "conditions", label: "conditions", kind: "conditions" },
    ],
  },
};

export const RULE_TYPES = Object.keys(RULE_SPECS) as RuleType[];
