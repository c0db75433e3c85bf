import { describe, expect, it } from "vitest";
import { message } from "../test-fixtures";
import { after, compileRuleInputs } from "./rule-test-helpers";

describe("trim, join, mask", () => {
  it.each([
    [{ type: "trim", field: "a" }, { a: "  x y \n" }, { a: "x y" }],
    [{ type: "join", field: "a", separator: "-" }, { a: ["x", 1, null, { b: 2 }] }, { a: 'x-1--{"b":2}' }],
    [{ type: "join", field: "a", to: "b" }, { a: ["x", "y"] }, { a: ["x", "y"], b: "x,y" }],
    [{ type: "mask", field: "card" }, { card: "4111111111111111" }, { card: "************1111" }],
    [{ type: "mask", field: "phone", keepFirst: 3, keepLast: 2, char: "#" }, { phone: 13812345678 }, { phone: "138######78" }],
    [{ type: "mask", field: "short", keepLast: 4 }, { short: "abc" }, { short: "abc" }],
  ])("%j on %j → %j", (rule, record, want) => {
    expect(after([rule], record)).toEqual(want);
  });

  it("fails with a reason on the wrong type", () => {
    expect(after([{ type: "join", field: "a" }], { a: 5 })).toMatch(/^!failed: a: join needs an array/);
    expect(after([{ type: "mask", field: "a" }], { a: {} })).toMatch(/mask needs a string or number/);
    expect(after([{ type: "trim", field: "a" }], { a: 1 })).toMatch(/trim needs a string/);
  });
});

describe("merge, default, drop_empty, keys_case", () => {
  it.each([
    [
      { type: "merge", from: "a", to: "b" },
      { a: { x: 1 }, b: { y: 2, x: 0 } },
      { a: { x: 1 }, b: { y: 2, x: 1 } },
    ],
    [
      { type: "merge", from: "a", to: "b" },
      { a: [3], b: [1, 2] },
      { a: [3], b: [1, 2, 3] },
    ],
    [
      { type: "merge", from: "a", to: "b" },
      { a: 3, b: [1] },
      { a: 3, b: [1, 3] },
    ],
    [{ type: "merge", from: "a", to: "c" }, { a: { x: 1 } }, { a: { x: 1 }, c: { x: 1 } }],
    [{ type: "default", field: "level", value: "INFO" }, { level: null }, { level: "INFO" }],
    [{ type: "default", field: "level", value: "INFO" }, { level: "WARN" }, { level: "WARN" }],
    [{ type: "drop_empty" }, { a: "", b: null, c: [], d: { e: {} }, f: 0, g: "x" }, { f: 0, g: "x" }],
    [{ type: "drop_empty", deep: false }, { a: "", d: { e: {} } }, { d: { e: {} } }],
    [
      { type: "keys_case", case: "lower" },
      { A: 1, B: { C: [{ D: 2 }] } },
      { a: 1, b: { c: [{ d: 2 }] } },
    ],
    [
      { type: "keys_case", case: "upper", field: "x", deep: false },
      { x: { a: { b: 1 } }, y: 1 },
      { x: { A: { b: 1 } }, y: 1 },
    ],
  ])("%j on %j → %j", (rule, record, want) => {
    expect(after([rule], record)).toEqual(want);
  });

  it("refuses to merge an object into a string", () => {
    expect(after([{ type: "merge", from: "a", to: "b" }], { a: { x: 1 }, b: "s" })).toMatch(/cannot merge an object from a into string/);
  });
});

describe("timestamp and hash", () => {
  it("adds the Kafka timestamp or the processing time in a format and zone", () => {
    const msg = { ...message({}), timestamp: String(Date.UTC(2026, 10, 23, 1, 2, 3)) };
    expect(after([{ type: "timestamp", field: "ts", source: "kafka_timestamp", format: "yyyy-MM-dd HH:mm", timeZone: "+08:00" }], {}, msg)).toEqual({
      ts: "2026-11-23 09:02",
    });
    expect(after([{ type: "timestamp", field: "ts", source: "kafka_timestamp", format: "epoch_seconds" }], {}, msg)).toEqual({
      ts: Date.UTC(2026, 10, 23, 1, 2, 3) / 1000,
    });
    expect(after([{ type: "timestamp", field: "ts" }], {})).toEqual({ ts: "1970-01-01T00:00:00.000Z" });
  });

  it("hashes one field in place or several into another, with SHA-256 hex", () => {
    expect(after([{ type: "hash", fields: ["email"] }], { email: "abc" })).toEqual({
      email: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    });
    const both = after([{ type: "hash", fields: ["a", "b"], to: "id", separator: "" }], { a: "a", b: "bc" });
    expect(both).toEqual({ a: "a", b: "bc", id: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" });
    expect(after([{ type: "hash", fields: ["a", "b"], to: "id" }], { a: "x" })).toMatch(/hash: field b is missing/);
    expect(compileRuleInputs([{ type: "hash", fields: ["a", "b"] }]).issues).toEqual([{ field: "rules.0.to", message: expect.stringContaining("Required") }]);
  });
});

describe("rename with a template, and parse of an embedded field", () => {
  it("renames to a path built from the record", () => {
    expect(after([{ type: "rename", from: "value", to: "metrics.{$.name}" }], { name: "cpu", value: 0.5 })).toEqual({ name: "cpu", metrics: { cpu: 0.5 } });
    expect(after([{ type: "rename", from: "value", to: "m.{$.missing}" }], { value: 1 })).toMatch(/field \$.missing is missing/);
  });

  it.each([
    [{ type: "parse", field: "q", format: { type: "kv" } }, { q: "a=1&b=2" }, { q: "a=1&b=2", a: "1", b: "2" }],
    [
      { type: "parse", field: "q", format: { type: "kv", pairSeparator: ",", kvSeparator: ":" }, to: "params" },
      { q: "a:1, b:2" },
      { q: "a:1, b:2", params: { a: "1", b: "2" } },
    ],
    [
      { type: "parse", field: "line", format: { type: "delimited", separator: "|", columns: ["x", "y"] }, to: "cols" },
      { line: "1|2" },
      { line: "1|2", cols: { x: "1", y: "2" } },
    ],
    [{ type: "parse", field: "j", format: "json", to: "j" }, { j: '{"k":[1]}' }, { j: { k: [1] } }],
    [
      { type: "parse", field: "j", format: { type: "json_array" }, to: "items" },
      { j: '[{"a":1},{"a":2}]' },
      { j: '[{"a":1},{"a":2}]', items: [{ a: 1 }, { a: 2 }] },
    ],
  ])("%j", (rule, record, want) => {
    expect(after([rule], record)).toEqual(want);
  });

  it("fails with the format's reason", () => {
    expect(after([{ type: "parse", field: "q", format: { type: "kv" } }], { q: "novalue" })).toMatch(/q: pair "novalue" has no "="/);
    expect(after([{ type: "parse", field: "q", format: "json" }], { q: 3 })).toMatch(/parse needs a string/);
  });
});
