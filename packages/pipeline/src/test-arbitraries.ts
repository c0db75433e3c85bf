/** fast-check arbitraries shared by this package's property tests (not used by the pipeline itself). */

import type { TaskConfigInput } from "@outflow/schemas/task-config";
import fc from "fast-check";
import type { CompiledTask } from "./compile";
import { safeCompileTask } from "./compile";
import type { KafkaMessage } from "./message";
import { bytes, config } from "./test-fixtures";

/** A small space of valid configs covering every stage. */
/** A task config as a user writes it (it compiles): random parse formats, rules and sinks. */
export const taskConfigInputArb: fc.Arbitrary<TaskConfigInput> = fc
  .record({
    nonJson: fc.constantFrom({ action: "fail" as const }, { action: "drop" as const }, { action: "wrap" as const, key: "raw" }),
    format: fc.constantFrom(
      { type: "json" as const },
      { type: "json" as const },
      { type: "json_array" as const, elements: "each" as const },
      { type: "delimited" as const, separator: ",", quote: '"' },
      { type: "kv" as const },
      { type: "regex" as const, pattern: "^(?<a>\\w+) (?<s>.*)$" },
    ),
    flatten: fc.option(fc.record({ separator: fc.constantFrom(".", "_"), maxDepth: fc.integer({ min: 1, max: 4 }) }), { nil: undefined }),
    rules: fc.subarray(
      [
        { type: "rename", from: "a", to: "b.c" },
        { type: "drop", fields: ["x", "$['__proto__']"] },
        { type: "add", field: "meta.k", value: { v: [1] } },
        { type: "copy", from: "b", to: "copied" },
        { type: "metadata", field: "h", source: "header", header: "trace" },
        { type: "metadata", field: "key", source: "key" },
        { type: "lowercase", field: "s" },
        { type: "uppercase", field: "a", to: "A" },
        { type: "replace", field: "s", pattern: "\\d", replacement: "#", regex: true },
        { type: "substring", field: "s", start: 1, end: 3 },
        { type: "parse_date", field: "t", format: "yyyy-MM-dd HH:mm", timeZone: "America/New_York" },
        { type: "cast", field: "n", as: "integer" },
        { type: "parse_json", field: "j" },
        { type: "split", field: "csv", separator: "," },
        {
          type: "filter",
          action: "drop",
          match: "any",
          conditions: [
            { field: "level", op: "equals", value: "debug" },
            { field: "n", op: "gt", value: 100 },
          ],
        },
        { type: "filter", action: "keep", conditions: [{ field: "s", op: "regex", value: "^[a-z]", caseInsensitive: true }] },
        { type: "trim", field: "s" },
        { type: "join", field: "arr", separator: "|" },
        { type: "merge", from: "b", to: "m" },
        { type: "default", field: "level", value: "info" },
        { type: "timestamp", field: "seen", source: "kafka_timestamp", format: "yyyy-MM-dd'T'HH:mm", timeZone: "+05:30" },
        { type: "hash", fields: ["id", "a"], to: "fingerprint" },
        { type: "mask", field: "card", keepLast: 4 },
        { type: "drop_empty" },
        { type: "keys_case", case: "lower", deep: false },
        { type: "parse", field: "q", format: { type: "kv", pairSeparator: "&", kvSeparator: "=" }, to: "params" },
        { type: "parse", field: "line", format: { type: "grok", pattern: "%{WORD:verb} %{INT:code:int}" } },
        { type: "rename", from: "s", to: "by.{$.app}" },
      ] as const,
      { minLength: 0, maxLength: 8 },
    ),
    sink: fc.constantFrom(
      { index: "logs" },
      { index: "logs-{app}" },
      { index: "logs", documentId: { type: "fields", fields: ["id", "b.c"], delimiter: "|" } },
      { index: "logs", writeMode: "incremental", documentId: { type: "kafka_key" } },
      { index: "logs", documentId: { type: "kafka_coordinates" } },
      { index: "logs", dateSplit: { format: "yyyy.MM.dd", source: { type: "kafka_timestamp" }, timeZone: "Asia/Shanghai" } },
      { index: "logs", dateSplit: { format: "yyyyMMddHH", source: { type: "field", field: "t", format: "iso" }, timeZone: "Europe/Berlin" } },
      { index: "users", cdc: { format: "debezium", primaryKey: ["id"] } },
      { index: "users", cdc: { format: "canal", primaryKey: ["id"] } },
      { index: "users", cdc: { format: "maxwell", primaryKey: ["id"] } },
      {
        index: "agg",
        aggregation: {
          groupBy: ["app"],
          metrics: [
            { fn: "count", as: "cnt" },
            { fn: "avg", field: "n" },
            { fn: "first", field: "s", by: { field: "t", format: "yyyy-MM-dd HH:mm", timeZone: "America/New_York" } },
            { fn: "last", field: "a" },
          ],
        },
      },
      {
        index: "agg-{app}",
        writeMode: "incremental",
        dateSplit: { format: "yyyy.MM.dd", source: { type: "window_start" } },
        aggregation: {
          groupBy: [{ field: "level", as: "lvl" }],
          metrics: [{ field: "n", ops: ["sum", "min", "max"] }],
          window: { size: "1m", time: { type: "kafka_timestamp" }, timeZone: "Europe/Berlin" },
        },
      },
      { index: "agg", aggregation: { groupBy: ["app", "s"], window: { size: "1h", time: { type: "field", field: "t", format: "yyyy-MM-dd HH:mm" } } } },
    ),
    tombstones: fc.constantFrom("fail", "skip", "delete", undefined),
  })
  .map(({ nonJson, format, flatten, rules, sink, tombstones }) => {
    const input = config({
      sink: sink as never,
      rules: [...rules] as never,
      parse: { format: ("cdc" in sink ? { type: "json" } : format) as never, nonJson, ...(flatten ? { flatten } : {}), ...(tombstones ? { tombstones } : {}) },
    });
    // tombstones "delete" is only valid with kafka_key IDs and a fixed index: fall back to the default otherwise.
    return safeCompileTask(input).ok ? input : config({ sink: sink as never, rules: [...rules] as never, parse: { nonJson, ...(flatten ? { flatten } : {}) } });
  });

export const configArb: fc.Arbitrary<CompiledTask> = taskConfigInputArb.map((input) => compiledInput(input));

function compiledInput(input: TaskConfigInput): CompiledTask {
  const r = safeCompileTask(input);
  if (!r.ok) {
    throw new Error(`config does not compile: ${JSON.stringify(r.issues)}`);
  }
  return r.task;
}

export const keyArb = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(
    "__proto__",
    "constructor",
    "toString",
    "a",
    "b",
    "s",
    "n",
    "t",
    "j",
    "id",
    "app",
    "op",
    "type",
    "data",
    "after",
    "before",
    "payload",
    "arr",
    "m",
    "card",
    "q",
    "line",
    "level",
  ),
);
const leafArb = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    "2024-03-10 02:30",
    "2024-02-30T00:00:00Z",
    '[1,{"a":2}]',
    "{bad",
    "Shop",
    "debug",
    "a,b,,c",
    "c",
    "u",
    "d",
    "INSERT",
    "delete",
    "a=1&b=2",
    "GET 200",
    "4111111111111111",
    "  padded  ",
  ),
);
export const jsonObjectArb: fc.Arbitrary<Record<string, unknown>> = fc.letrec((tie) => ({
  object: fc.dictionary(keyArb, fc.oneof({ depthSize: "small" }, leafArb, tie("object"), fc.array(tie("value"), { maxLength: 3 })), { maxKeys: 6 }),
  value: fc.oneof(leafArb, tie("object")),
})).object as fc.Arbitrary<Record<string, unknown>>;

/** JSON number text as producers write it: integers past 2^53, exponents, negative zero, long and zero-ended decimals. */
export const numberTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.constantFrom("-0", "-0.0", "2140.0", "10.50", "1e5", "1E+21", "0.0000001", "9007199254740993", "1234567890123456789"),
  fc
    .tuple(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
      fc.stringMatching(/^\d{1,25}$/),
      fc.option(fc.tuple(fc.constantFrom("e", "E", "e+", "E-"), fc.integer({ min: 0, max: 30 })), { nil: undefined }),
    )
    .map(([whole, fraction, exp]) => `${whole}.${fraction}${exp ? `${exp[0]}${exp[1]}` : ""}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
);

/** JSON text with spaces, the same without (as JSON.stringify writes it), and the number texts in it. */
type JsonText = { text: string; compact: string; numbers: string[] };
const wsArb = fc.constantFrom("", "", " ");
const plainKeyArb = fc.oneof(fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/), fc.constantFrom("id", "n", "t", "__proto__", "é ü"));
const jsonTextArbs = fc.letrec<{ value: JsonText; array: JsonText; object: JsonText }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    numberTextArb.map((n) => ({ text: n, compact: n, numbers: [n] })),
    fc.string({ maxLength: 8 }).map((s) => ({ text: JSON.stringify(s), compact: JSON.stringify(s), numbers: [] })),
    fc.constantFrom("true", "false", "null").map((t) => ({ text: t, compact: t, numbers: [] })),
    tie("array"),
    tie("object"),
  ),
  array: fc.array(fc.tuple(wsArb, tie("value")), { maxLength: 4 }).map((items) => ({
    text: `[${items.map(([w, v]) => `${w}${v.text}`).join(",")}]`,
    compact: `[${items.map(([, v]) => v.compact).join(",")}]`,
    numbers: items.flatMap(([, v]) => v.numbers),
  })),
  object: fc.uniqueArray(fc.tuple(plainKeyArb, wsArb, tie("value")), { selector: ([k]) => k, maxLength: 5 }).map((members) => ({
    text: `{${members.map(([k, w, v]) => `${JSON.stringify(k)}:${w}${v.text}`).join(",")}}`,
    compact: `{${members.map(([k, , v]) => `${JSON.stringify(k)}:${v.compact}`).join(",")}}`,
    numbers: members.flatMap(([, , v]) => v.numbers),
  })),
}));

/**
 * A JSON object as a producer writes it (numbers from numberTextArb, some spaces). Keys are never integer-like, so
 * a JS object keeps their order and JSON.stringify of the parsed object is `compact`.
 */
export const jsonDocumentArb: fc.Arbitrary<JsonText> = jsonTextArbs.object;

export const messageArb = fc.record({
  value: fc.oneof(
    fc.constant(null),
    fc.uint8Array({ maxLength: 64 }),
    fc.string({ maxLength: 40 }).map(bytes),
    fc.jsonValue().map((v) => bytes(JSON.stringify(v) ?? "null")),
    jsonObjectArb.map((o) => bytes(JSON.stringify(o))),
    jsonDocumentArb.map((d) => bytes(d.text)),
  ),
  key: fc.option(fc.oneof(fc.uint8Array({ maxLength: 8 }), fc.string({ maxLength: 8 }).map(bytes)), { nil: null }),
  offset: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }).map(String),
  partition: fc.nat({ max: 100 }),
  timestamp: fc.oneof(fc.integer({ min: -1, max: 4_102_444_800_000 }).map(String), fc.constantFrom("", "garbage", "1e20")),
  trace: fc.option(fc.oneof(fc.uint8Array({ maxLength: 8 }), fc.string({ maxLength: 8 })), { nil: undefined }),
});

export type MessageSample = typeof messageArb extends fc.Arbitrary<infer T> ? T : never;

export function toKafkaMessage(m: MessageSample): KafkaMessage {
  return {
    topic: "orders",
    partition: m.partition,
    offset: m.offset,
    timestamp: m.timestamp,
    key: m.key,
    value: m.value,
    headers: m.trace === undefined ? {} : { trace: m.trace },
  };
}

/** Records with the group fields the aggregation configs above use, and values their metrics take or refuse. */
export const aggregationRecordArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    jsonObjectArb,
    fc.record(
      {
        app: fc.oneof(fc.constantFrom("api", "web"), fc.integer({ min: -3, max: 3 }), fc.string({ maxLength: 3 })),
        level: fc.constantFrom("info", "warn", 3),
        s: fc.oneof(fc.constantFrom("x", "y"), fc.jsonValue({ maxDepth: 1 })),
        n: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom("12", " 4.5 ", "x", null, true)),
        t: fc.constantFrom("2024-03-10 02:30", "2024-11-03 01:30", "2024-01-01 00:00", "bad", null),
        a: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ["app", "level", "s"] },
    ),
  )
  .map(([rest, fields]) => ({ ...rest, ...fields }));
