import { z } from "zod";
import { ValueFormatInput } from "./formats";

/**
 * A field reference: JSONPath subset (`$.a.b`, `$.items[0].id`, `$['key with.dots']`) or a bare
 * dotted path (`a.b`). Syntax is checked when the task is compiled (see @outflow/pipeline).
 */
export const FieldPath = z.string().trim().min(1, "A field path is required").max(500, "At most 500 characters");

export const MetadataSource = z.enum(["topic", "partition", "offset", "timestamp", "key", "header"]);
export type MetadataSource = z.infer<typeof MetadataSource>;

export const ConditionOp = z.enum(["equals", "not_equals", "contains", "regex", "exists", "not_exists", "gt", "gte", "lt", "lte"]);
export type ConditionOp = z.infer<typeof ConditionOp>;

export const Condition = z.strictObject({
  field: FieldPath,
  op: ConditionOp,
  /** string for equals/contains/regex, number for gt/gte/lt/lte; equals also takes number/boolean/null. */
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  caseInsensitive: z.boolean().default(false),
});
export type Condition = z.infer<typeof Condition>;

export const CastType = z.enum(["string", "number", "integer", "boolean"]);

const field = FieldPath;
const target = FieldPath.optional(); // where the result goes; defaults to the source field

export const Rule = z.discriminatedUnion("type", [
  /** `to` may hold `{field path}` references, e.g. `metrics.{$.name}`. */
  z.strictObject({ type: z.literal("rename"), from: field, to: field }),
  z.strictObject({ type: z.literal("drop"), fields: z.array(field).min(1, "Name at least one field").max(200) }),
  z.strictObject({ type: z.literal("add"), field, value: z.json() }),
  z.strictObject({ type: z.literal("copy"), from: field, to: field }),
  z.strictObject({
    type: z.literal("metadata"),
    field,
    source: MetadataSource,
    header: z.string().min(1).optional(),
  }),
  z.strictObject({ type: z.literal("lowercase"), field, to: target }),
  z.strictObject({ type: z.literal("uppercase"), field, to: target }),
  z.strictObject({
    type: z.literal("replace"),
    field,
    pattern: z.string().min(1, "Pattern is required").max(2000),
    replacement: z.string().max(10_000).default(""),
    regex: z.boolean().default(false),
    to: target,
  }),
  z.strictObject({
    type: z.literal("substring"),
    field,
    start: z.int().min(0),
    end: z.int().min(0).optional(),
    to: target,
  }),
  z.strictObject({
    type: z.literal("parse_date"),
    field,
    /** Input pattern in Java/Joda style (yyyy-MM-dd HH:mm:ss.SSS, ...), or iso / epoch_millis / epoch_seconds. */
    format: z.string().min(1).max(100),
    timeZone: z.string().min(1).default("UTC"),
    output: z.enum(["iso", "epoch_millis", "epoch_seconds"]).default("iso"),
    to: target,
  }),
  z.strictObject({ type: z.literal("cast"), field, as: CastType, to: target }),
  z.strictObject({ type: z.literal("parse_json"), field, to: target }),
  z.strictObject({
    type: z.literal("split"),
    field,
    separator: z.string().min(1, "Separator is required").max(100),
    to: target,
  }),
  z.strictObject({ type: z.literal("trim"), field, to: target }),
  z.strictObject({ type: z.literal("join"), field, separator: z.string().max(100).default(","), to: target }),
  /** Objects: `from`'s keys are merged into `to` (from wins). Arrays: `from`'s elements are appended to `to`. */
  z.strictObject({ type: z.literal("merge"), from: field, to: field }),
  /** Sets the value only where the field is missing or null. */
  z.strictObject({ type: z.literal("default"), field, value: z.json() }),
  /** Adds the processing time or the Kafka timestamp, in a chosen format. */
  z.strictObject({
    type: z.literal("timestamp"),
    field,
    source: z.enum(["processing_time", "kafka_timestamp"]).default("processing_time"),
    /** iso, epoch_millis, epoch_seconds or a pattern such as yyyy-MM-dd HH:mm:ss. */
    format: z.string().min(1).max(100).default("iso"),
    timeZone: z.string().min(1).default("UTC"),
  }),
  /** SHA-256 (hex) of one field in place, or of several fields joined by `separator` into `to`. */
  z.strictObject({
    type: z.literal("hash"),
    fields: z.array(field).min(1, "Name at least one field").max(20),
    separator: z.string().max(10).default("|"),
    to: target,
  }),
  /** Replaces all but the last `keepLast` (and first `keepFirst`) characters with `char`. */
  z.strictObject({
    type: z.literal("mask"),
    field,
    keepFirst: z.int().min(0).max(1000).default(0),
    keepLast: z.int().min(0).max(1000).default(4),
    char: z.string().length(1).default("*"),
    to: target,
  }),
  /** Removes fields whose value is null, "", [] or {} (in `field`, default the whole record; nested too). */
  z.strictObject({ type: z.literal("drop_empty"), field: target, deep: z.boolean().default(true) }),
  /** Lower- or upper-cases the keys of an object (default the whole record). */
  z.strictObject({ type: z.literal("keys_case"), case: z.enum(["lower", "upper"]), field: target, deep: z.boolean().default(true) }),
  /** Parses a string field with a format (a second parse of an embedded value); `to` defaults to merging into the record. */
  z.strictObject({ type: z.literal("parse"), field, format: ValueFormatInput, to: target }),
  z.strictObject({
    type: z.literal("filter"),
    /** keep: only messages that match pass; drop: messages that match are dropped. */
    action: z.enum(["keep", "drop"]),
    match: z.enum(["all", "any"]).default("all"),
    conditions: z.array(Condition).min(1, "Add at least one condition").max(50),
  }),
]);
export type Rule = z.infer<typeof Rule>;
export type RuleType = Rule["type"];
