import { mapStrings, plainReason } from "@outflow/schemas/reason-values";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TraceStep } from "./action";
import { actionToNdjson } from "./bulk";
import { processMessage } from "./process-message";
import { configArb, messageArb, toKafkaMessage } from "./test-arbitraries";
import { compiled, expectWrite, message, onlyDoc, T0 } from "./test-fixtures";

const BINARY = new Uint8Array([0xff, 0xfe, 0x00, 0x80]);
const NON_JSON: [string, string | Uint8Array, string][] = [
  ["invalid JSON", "{oops", "invalid JSON: "],
  ["plain text", "GET /index.html 200", "invalid JSON: "],
  ["an array", "[1,2,3]", "JSON value is an array, not an object"],
  ["a number", "42", "JSON value is a number, not an object"],
  ["a string", '"hello"', "JSON value is a string, not an object"],
  ["JSON null", "null", "JSON value is null, not an object"],
  ["empty", new Uint8Array(), "empty value"],
  ["binary (invalid UTF-8)", BINARY, "value is not valid UTF-8 (binary data)"],
];

describe("non-JSON values", () => {
  it.each(NON_JSON)("%s with nonJson fail → failed at parse", (_, value, reason) => {
    const r = processMessage(compiled(), message(value), 0);
    expect(r).toEqual({ kind: "failed", stage: "parse", reason: expect.stringContaining(reason) });
  });

  it.each(NON_JSON)("%s with nonJson drop → dropped", (_, value, reason) => {
    const r = processMessage(compiled({ parse: { nonJson: { action: "drop" } } }), message(value), 0);
    expect(r).toEqual({ kind: "dropped", reason: expect.stringContaining(reason) });
  });

  it.each<[string, string | Uint8Array, Record<string, unknown>]>([
    ["invalid JSON", "{oops", { raw: "{oops" }],
    ["plain text", "GET /index.html 200", { raw: "GET /index.html 200" }],
    ["an array", "[1,2,3]", { raw: "[1,2,3]" }],
    ["a number", "42", { raw: "42" }],
    ["a string", '"hello"', { raw: '"hello"' }],
    ["JSON null", "null", { raw: "null" }],
    ["empty", new Uint8Array(), { raw: "" }],
    ["binary (invalid UTF-8)", BINARY, { raw: "//4AgA==", raw_encoding: "base64" }],
  ])("%s with nonJson wrap → indexed as %j", (_, value, doc) => {
    const r = processMessage(compiled({ parse: { nonJson: { action: "wrap", key: "raw" } } }), message(value), 0);
    expect(r).toEqual({ kind: "write", actions: [{ op: "index", index: "orders", doc }] });
  });

  it("runs rules and routing on a wrapped value", () => {
    const task = compiled({
      parse: { nonJson: { action: "wrap", key: "line" } },
      rules: [{ type: "metadata", field: "topic", source: "topic" }],
      sink: { documentId: { type: "kafka_coordinates" } },
    });
    expect(processMessage(task, message("plain", { offset: "5" }), 0)).toEqual({
      kind: "write",
      actions: [{ op: "index", index: "orders", id: "orders-0-5", doc: { line: "plain", topic: "orders" } }],
    });
  });

  it("never wraps with CDC: a non-JSON change event fails", () => {
    const task = compiled({ parse: { nonJson: { action: "wrap", key: "raw" } }, sink: { cdc: { format: "debezium", primaryKey: ["id"] } } });
    expect(processMessage(task, message("nope"), 0)).toEqual({ kind: "failed", stage: "parse", reason: expect.stringContaining("invalid JSON") });
  });

  it("fails (and does not crash the bulk serialisation later) on absurdly nested JSON", () => {
    const deep = `{"a":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const r = processMessage(compiled(), message(deep), 0);
    expect(r).toEqual({ kind: "failed", stage: "parse", reason: expect.stringContaining("nested too deeply") });
    const parsed = processMessage(compiled({ rules: [{ type: "parse_json", field: "s" }] }), message({ s: deep }), 0);
    expect(parsed).toEqual({ kind: "failed", stage: "rule", reason: expect.stringContaining("nested too deeply") });
  });
});

describe("tombstones", () => {
  const keyed = { documentId: { type: "kafka_key" as const } };
  it("fail (default): failed at parse", () => {
    expect(processMessage(compiled(), message(null, { key: "k" }), 0)).toEqual({ kind: "failed", stage: "parse", reason: "null value (tombstone)" });
  });

  it("skip: filtered", () => {
    expect(processMessage(compiled({ parse: { tombstones: "skip" } }), message(null, { key: "k" }), 0)).toEqual({
      kind: "filtered",
      reason: "null value (tombstone) skipped",
    });
  });

  it("delete: deletes the document whose ID is the key", () => {
    const task = compiled({ sink: keyed, parse: { tombstones: "delete" } });
    expect(processMessage(task, message(null, { key: "user-7" }), 0)).toEqual({ kind: "write", actions: [{ op: "delete", index: "orders", id: "user-7" }] });
  });

  it("delete: a tombstone without a key fails at route", () => {
    const task = compiled({ sink: keyed, parse: { tombstones: "delete" } });
    expect(processMessage(task, message(null, { key: null }), 0)).toEqual({ kind: "failed", stage: "route", reason: "message has no key for the document ID" });
  });

  it("delete: rules are not applied to a tombstone", () => {
    const task = compiled({
      sink: keyed,
      parse: { tombstones: "delete" },
      rules: [{ type: "filter", action: "keep", conditions: [{ field: "x", op: "exists" }] }],
    });
    expect(expectWrite(processMessage(task, message(null, { key: "k" }), 0))).toEqual([{ op: "delete", index: "orders", id: "k" }]);
  });
});

describe("write modes and IDs", () => {
  const doc = { id: 7, name: "Ada" };
  // Nothing changes these documents: the message's own JSON text is the source.
  const source = JSON.stringify(doc);
  it("full, auto ID → index without _id", () => {
    expect(expectWrite(processMessage(compiled(), message(doc), 0))).toEqual([{ op: "index", index: "orders", doc, source }]);
  });

  it("full with an ID → index with _id (replaces the document)", () => {
    const task = compiled({ sink: { documentId: { type: "fields", fields: ["id"] } } });
    expect(expectWrite(processMessage(task, message(doc), 0))).toEqual([{ op: "index", index: "orders", id: "7", doc, source }]);
  });

  it("incremental → update with doc_as_upsert", () => {
    const task = compiled({ sink: { writeMode: "incremental", documentId: { type: "kafka_key" } } });
    const actions = expectWrite(processMessage(task, message({ name: "Ada" }, { key: "u7" }), 0));
    expect(actions).toEqual([{ op: "update", index: "orders", id: "u7", doc: { name: "Ada" }, source: '{"name":"Ada"}' }]);
    expect(actions.map(actionToNdjson).join("")).toBe('{"update":{"_index":"orders","_id":"u7"}}\n{"doc":{"name":"Ada"},"doc_as_upsert":true}\n');
  });

  it("a missing ID field fails the message at route", () => {
    const task = compiled({ sink: { documentId: { type: "fields", fields: ["id"] } } });
    expect(processMessage(task, message({ name: "x" }), 0)).toEqual({ kind: "failed", stage: "route", reason: "document ID field id is missing" });
  });

  it("routes with the record after the rules", () => {
    const task = compiled({
      rules: [
        { type: "rename", from: "service", to: "app" },
        { type: "lowercase", field: "app" },
      ],
      sink: { index: "logs-{app}", dateSplit: { format: "yyyy.MM.dd", source: { type: "kafka_timestamp" }, timeZone: "Asia/Shanghai" } },
    });
    const r = processMessage(task, message({ service: "Shop" }, { timestamp: String(Date.UTC(2024, 2, 5, 17, 0)) }), 0);
    expect(expectWrite(r)).toEqual([{ op: "index", index: "logs-shop_2024.03.06", doc: { app: "shop" } }]);
  });
});

describe("flatten", () => {
  it("flattens the document after routing", () => {
    const task = compiled({
      parse: { flatten: { separator: "_", maxDepth: 3 } },
      sink: { index: "logs-{$.meta.app}", documentId: { type: "fields", fields: ["meta.id"] } },
    });
    const r = processMessage(task, message({ meta: { app: "shop", id: 1 }, a: { b: { c: 1 } }, list: [{ x: { y: 1 } }] }), 0);
    expect(expectWrite(r)).toEqual([{ op: "index", index: "logs-shop", id: "1", doc: { meta_app: "shop", meta_id: 1, a_b_c: 1, list: [{ x: { y: 1 } }] } }]);
  });

  it("fails at parse past the depth limit", () => {
    const task = compiled({ parse: { flatten: { maxDepth: 2 } } });
    expect(onlyDoc(processMessage(task, message({ a: { b: 1 } }), 0))).toEqual({ "a.b": 1 });
    expect(processMessage(task, message({ a: { b: { c: 1 } } }), 0)).toEqual({
      kind: "failed",
      stage: "parse",
      reason: "nested deeper than the flatten limit of 2 levels",
    });
  });

  it("defaults to separator '.' and 20 levels", () => {
    const task = compiled({ parse: { flatten: {} } });
    const nest = (n: number): Record<string, unknown> => (n === 1 ? { v: 1 } : { n: nest(n - 1) });
    expect(processMessage(task, message(nest(20)), 0).kind).toBe("write");
    expect(processMessage(task, message(nest(21)), 0)).toMatchObject({ kind: "failed", stage: "parse" });
  });
});

describe("rules in processMessage", () => {
  it("names the failing rule by its position and type", () => {
    const task = compiled({
      rules: [
        { type: "add", field: "x", value: 1 },
        { type: "cast", field: "n", as: "number" },
      ],
    });
    expect(mapStrings(processMessage(task, message({ n: "abc" }), 0), plainReason)).toEqual({
      kind: "failed",
      stage: "rule",
      reason: 'rule 2 (cast): n: cannot cast string "abc" to number',
    });
  });

  it("reports a filtered message with the filter's reason", () => {
    const task = compiled({ rules: [{ type: "filter", action: "drop", conditions: [{ field: "level", op: "equals", value: "debug" }] }] });
    expect(processMessage(task, message({ level: "debug" }), 0)).toEqual({ kind: "filtered", reason: 'rule 1 (filter): dropped because level equals "debug"' });
  });

  it("traces every step for the preview", () => {
    const steps: TraceStep[] = [];
    const task = compiled({ rules: [{ type: "add", field: "x", value: 1 }] });
    processMessage(task, message({ a: 1 }), 0, (s) => steps.push(s));
    expect(steps).toEqual([
      { step: "parse", record: { a: 1 } },
      { step: "rule 1 add", record: { a: 1, x: 1 } },
      { step: "result", outcome: "1 action(s)" },
    ]);
  });
});

describe("processMessage properties", () => {
  it("never throws, and its actions always serialise, for any bytes and any config", () => {
    fc.assert(
      fc.property(configArb, messageArb, (task, m) => {
        const r = processMessage(task, toKafkaMessage(m), T0);
        expect(["write", "filtered", "dropped", "failed"]).toContain(r.kind);
        if (r.kind === "write") {
          for (const a of r.actions) {
            const lines = actionToNdjson(a).split("\n");
            expect(lines.at(-1)).toBe("");
            for (const line of lines.slice(0, -1)) {
              JSON.parse(line);
            }
          }
        } else {
          expect(typeof r.reason).toBe("string");
        }
      }),
      { numRuns: 1_500 },
    );
  });
});
