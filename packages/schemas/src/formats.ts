import { z } from "zod";

/** Timestamp, date and time logical types: ISO-8601 text, or epoch milliseconds (dates at midnight UTC, times as milliseconds of the day). */
const Timestamps = z.enum(["iso", "epoch_millis"]).default("iso");

/**
 * Formats read through a Confluent-compatible schema registry (the source's Kafka connection names it): a 0 byte, the
 * schema id (4 bytes, big-endian), Protobuf's message indexes, then the encoded body. Bytes become base64 and enums
 * their symbols' names; 64-bit integers stay exact.
 */
export const RegistryFormat = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("avro"),
    timestamps: Timestamps,
    /** The decimal logical type: exact text ("12.50"), or a number with exactly those digits. */
    decimals: z.enum(["string", "number"]).default("string"),
    /** A union's value as it is (`plain`), or in Avro's JSON wrapper `{"<type>": value}` (`wrapped`). */
    unions: z.enum(["plain", "wrapped"]).default("plain"),
  }),
  z.strictObject({ type: z.literal("protobuf"), timestamps: Timestamps }),
  /** JSON after the registry's 5-byte header. */
  z.strictObject({ type: z.literal("json_schema") }),
]);
export type RegistryFormat = z.infer<typeof RegistryFormat>;
export const REGISTRY_FORMAT_TYPES = ["avro", "protobuf", "json_schema"] as const;

/** How a message value (or, in a `parse` rule, a string field) becomes a record. */
export const ValueFormat = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("json") }),
  /** A JSON array: one record per element (`each`) or the first element only. A plain object is one record. */
  z.strictObject({ type: z.literal("json_array"), elements: z.enum(["each", "first"]).default("each") }),
  /** Delimited text (CSV, TSV, space or any separator). Columns name the fields; without them: _1, _2, … */
  z.strictObject({
    type: z.literal("delimited"),
    separator: z.string().min(1, "Separator is required").max(10),
    quote: z.string().length(1, 'One character, e.g. "').optional(),
    columns: z.array(z.string().min(1).max(200)).max(500).optional(),
    trim: z.boolean().default(false),
  }),
  /** A regular expression with named groups; each group becomes a field (linear-time engine, no backtracking). */
  z.strictObject({ type: z.literal("regex"), pattern: z.string().min(1, "Pattern is required").max(2000) }),
  /** A grok pattern, e.g. `%{IP:client} %{WORD:method} %{NUMBER:bytes:int}`, or a preset's name. */
  z.strictObject({
    type: z.literal("grok"),
    pattern: z.string().min(1, "Pattern is required").max(2000),
    /** Your own named patterns, usable as %{NAME} in the pattern and in each other. */
    patterns: z.record(z.string().regex(/^[A-Z0-9_]+$/, "Pattern names are UPPER_CASE"), z.string().min(1).max(2000)).default({}),
  }),
  /** Key-value pairs such as `a=1&b=2` or `a:1, b:2`. */
  z.strictObject({
    type: z.literal("kv"),
    pairSeparator: z.string().min(1).max(10).default("&"),
    kvSeparator: z.string().min(1).max(10).default("="),
    trim: z.boolean().default(true),
    prefix: z.string().max(100).default(""),
  }),
  ...RegistryFormat.options,
]);
export type ValueFormat = z.infer<typeof ValueFormat>;

/** `"json"` is shorthand for `{ "type": "json" }`. */
export const ValueFormatInput = z.union([z.literal("json").transform(() => ({ type: "json" as const })), ValueFormat]);

export const GROK_PRESET_NAMES = ["nginx_combined", "apache_common", "apache_combined", "syslog_rfc3164", "syslog_rfc5424"] as const;
