import { describe, expect, it } from "vitest";
import { bytes, message } from "../test-fixtures";
import { after, compileRuleInputs } from "./rule-test-helpers";

describe("rename", () => {
  it.each([
    [{ a: 1, b: 2 }, "a", "x", { b: 2, x: 1 }],
    [{ a: { b: 1, c: 2 } }, "a.b", "d", { a: { c: 2 }, d: 1 }],
    [{ a: 1 }, "a", "n.e.w", { n: { e: { w: 1 } } }],
    [{ a: { b: 1 } }, "$.a", "$.a.c", { a: { c: { b: 1 } } }],
    [{ a: 1 }, "a", "a", { a: 1 }],
    [{ a: null }, "a", "x", { x: null }],
    [{ list: [1, 2, 3] }, "list[0]", "first", { list: [2, 3], first: 1 }],
    [{ b: 2 }, "a", "x", { b: 2 }], // missing: left alone
  ])("%j rename %s → %s", (record, from, to, expected) => {
    expect(after([{ type: "rename", from, to }], record)).toEqual(expected);
  });

  it("fails when a scalar is in the way of the target", () => {
    expect(after([{ type: "rename", from: "a", to: "b.c" }], { a: 1, b: "scalar" })).toBe("!failed: cannot set b.c: a non-object value is in the way");
  });
});

describe("drop", () => {
  it.each([
    [{ a: 1, b: 2, c: 3 }, ["a", "c"], { b: 2 }],
    [{ a: { b: 1, c: 2 } }, ["a.b"], { a: { c: 2 } }],
    [{ a: 1 }, ["missing", "a.b.c", "a[0]"], { a: 1 }],
    [{ list: ["x", "y"] }, ["list[0]"], { list: ["y"] }],
    [{ "key.with.dots": 1, key: { with: { dots: 2 } } }, ["$['key.with.dots']"], { key: { with: { dots: 2 } } }],
  ])("%j drop %j", (record, fields, expected) => {
    expect(after([{ type: "drop", fields }], record)).toEqual(expected);
  });
});

describe("add", () => {
  it.each([
    [{}, "env", "prod", { env: "prod" }],
    [{ env: "dev" }, "env", "prod", { env: "prod" }],
    [{}, "a.b", { c: [1, null, true] }, { a: { b: { c: [1, null, true] } } }],
    [{}, "n", null, { n: null }],
    [{}, "list[1]", 5, { list: [undefined, 5] }],
  ])("%j add %s = %j", (record, field, value, expected) => {
    expect(after([{ type: "add", field, value }], record)).toEqual(expected);
  });

  it("adds a fresh copy each time (a later rule cannot change the configured value)", () => {
    const rules = [
      { type: "add", field: "obj", value: { n: 1 } },
      { type: "rename", from: "obj.n", to: "obj.m" },
    ];
    const { rules: compiled } = compileRuleInputs(rules);
    for (let i = 0; i < 2; i++) {
      const ctx = { record: {} as Record<string, unknown>, message: message({}), now: 0 };
      for (const r of compiled) {
        r.run(ctx);
      }
      expect(ctx.record).toEqual({ obj: { m: 1 } });
    }
  });

  it("fails when a scalar is in the way", () => {
    expect(after([{ type: "add", field: "a.b", value: 1 }], { a: 5 })).toBe("!failed: cannot set a.b: a non-object value is in the way");
    expect(after([{ type: "add", field: "a[0]", value: 1 }], { a: { x: 1 } })).toMatch(/^!failed: cannot set a\[0\]/);
  });
});

describe("copy", () => {
  it("copies deeply: changing the copy leaves the original", () => {
    const rules = [
      { type: "copy", from: "a", to: "b" },
      { type: "add", field: "b.x", value: 2 },
    ];
    expect(after(rules, { a: { x: 1 } })).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it.each([
    [{ a: 1 }, "a", "b", { a: 1, b: 1 }],
    [{ a: null }, "a", "b", { a: null, b: null }],
    [{ a: [1, { b: 2 }] }, "a[1].b", "c", { a: [1, { b: 2 }], c: 2 }],
    [{ x: 1 }, "a", "b", { x: 1 }],
  ])("%j copy %s → %s", (record, from, to, expected) => {
    expect(after([{ type: "copy", from, to }], record)).toEqual(expected);
  });

  it("fails when a scalar is in the way", () => {
    expect(after([{ type: "copy", from: "a", to: "s.t" }], { a: 1, s: "x" })).toMatch(/^!failed: cannot set s\.t/);
  });
});

describe("metadata", () => {
  const msg = message(
    {},
    {
      topic: "orders",
      partition: 4,
      offset: "123",
      timestamp: "1709622489045",
      key: "user-7",
      headers: { trace: bytes("abc-123"), plain: "text", multi: [bytes("first"), bytes("second")], empty: undefined },
    },
  );
  it.each([
    ["topic", undefined, "orders"],
    ["partition", undefined, 4],
    ["offset", undefined, 123],
    ["timestamp", undefined, 1709622489045],
    ["key", undefined, "user-7"],
    ["header", "trace", "abc-123"],
    ["header", "plain", "text"],
    ["header", "multi", "first"],
    ["header", "empty", null],
    ["header", "absent", null],
  ])("%s %s → %j", (source, header, value) => {
    const rule = { type: "metadata", field: "meta.value", source, ...(header ? { header } : {}) };
    expect(after([rule], {}, msg)).toEqual({ meta: { value } });
  });

  it("keeps an offset beyond 2^53 as an exact string", () => {
    const big = message({}, { offset: "9007199254740993" });
    expect(after([{ type: "metadata", field: "o", source: "offset" }], {}, big)).toEqual({ o: "9007199254740993" });
  });

  it("writes null for a message without a key", () => {
    expect(after([{ type: "metadata", field: "k", source: "key" }], {}, message({}, { key: null }))).toEqual({ k: null });
  });

  it("decodes a binary key leniently", () => {
    const bin = message({}, { key: new Uint8Array([0x61, 0xff]) });
    expect(after([{ type: "metadata", field: "k", source: "key" }], {}, bin)).toEqual({ k: "a\uFFFD" });
  });

  it("needs a header name for source header", () => {
    expect(compileRuleInputs([{ type: "metadata", field: "h", source: "header" }]).issues).toEqual([
      { field: "rules.0.header", message: "Name the header to read" },
    ]);
  });

  it("fails when a scalar is in the way", () => {
    expect(after([{ type: "metadata", field: "t.x", source: "topic" }], { t: 1 })).toMatch(/^!failed: cannot set t\.x/);
  });
});

describe("filter", () => {
  const rec = { level: "error", code: 500, tags: ["a", "b"] };
  const isError = { field: "level", op: "equals", value: "error" };
  const isWarn = { field: "level", op: "equals", value: "warn" };
  const big = { field: "code", op: "gte", value: 500 };
  it.each([
    ["keep", "all", [isError, big], true],
    ["keep", "all", [isError, isWarn], false],
    ["keep", "any", [isError, isWarn], true],
    ["keep", "any", [isWarn], false],
    ["drop", "all", [isError, big], false],
    ["drop", "all", [isError, isWarn], true],
    ["drop", "any", [isWarn, big], false],
    ["drop", "any", [isWarn], true],
  ])("%s when %s of %j match → passes: %s", (action, match, conditions, passes) => {
    const out = after([{ type: "filter", action, match, conditions }], rec);
    if (passes) {
      expect(out).toEqual(rec);
    } else {
      expect(out).toMatch(/^!filtered: /);
    }
  });

  it("defaults to match all", () => {
    expect(after([{ type: "filter", action: "keep", conditions: [isError, isWarn] }], rec)).toMatch(/^!filtered/);
  });

  it("explains why a message was filtered", () => {
    expect(after([{ type: "filter", action: "keep", conditions: [isWarn] }], rec)).toBe('!filtered: kept only when level equals "warn"');
    expect(after([{ type: "filter", action: "drop", match: "any", conditions: [isError, big] }], rec)).toBe(
      '!filtered: dropped because level equals "error" or code gte 500',
    );
  });

  it("stops later rules once filtered", () => {
    const out = after(
      [
        { type: "filter", action: "drop", conditions: [isError] },
        { type: "add", field: "never", value: 1 },
      ],
      rec,
    );
    expect(out).toMatch(/^!filtered/);
  });

  it("reports bad conditions by their path", () => {
    const { issues } = compileRuleInputs([
      { type: "add", field: "ok", value: 1 },
      {
        type: "filter",
        action: "keep",
        conditions: [
          { field: "a", op: "exists" },
          { field: "a..b", op: "exists" },
          { field: "a", op: "regex", value: "(" },
          { field: "a", op: "gt", value: "five" },
        ],
      },
    ]);
    expect(issues).toEqual([
      { field: "rules.1.conditions.1.field", message: expect.stringContaining("expected a field name") },
      { field: "rules.1.conditions.2.value", message: expect.stringContaining("invalid regular expression") },
      { field: "rules.1.conditions.3.value", message: expect.stringContaining('"gt" needs a number value') },
    ]);
  });
});

describe("rule compile issues name the field", () => {
  it.each([
    [{ type: "rename", from: "a..b", to: "c" }, "rules.0.from"],
    [{ type: "rename", from: "a", to: "$x" }, "rules.0.to"],
    [{ type: "drop", fields: ["ok", "bad["] }, "rules.0.fields.1"],
    [{ type: "add", field: "$.", value: 1 }, "rules.0.field"],
    [{ type: "copy", from: "[", to: "b" }, "rules.0.from"],
    [{ type: "copy", from: "a", to: "b..c" }, "rules.0.to"],
    [{ type: "metadata", field: "a b", source: "topic" }, "rules.0.field"],
  ])("%j → %s", (rule, field) => {
    const { rules, issues } = compileRuleInputs([rule]);
    expect(rules).toEqual([]);
    expect(issues).toEqual([{ field, message: expect.any(String) }]);
  });

  it("compiles a valid list with each rule's index and type", () => {
    const { rules, issues } = compileRuleInputs([
      { type: "add", field: "a", value: 1 },
      { type: "lowercase", field: "a" },
    ]);
    expect(issues).toEqual([]);
    expect(rules.map((r) => [r.index, r.type])).toEqual([
      [0, "add"],
      [1, "lowercase"],
    ]);
  });
});

describe("records with awkward keys", () => {
  it("handles __proto__ and constructor keys as plain data", () => {
    const record = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') as Record<string, unknown>;
    const out = after(
      [
        { type: "copy", from: "$['__proto__']", to: "copied" },
        { type: "add", field: "$['__proto__'].added", value: 2 },
        { type: "rename", from: "constructor", to: "ctor" },
      ],
      record,
    );
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true,"added":2},"copied":{"polluted":true},"ctor":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).added).toBeUndefined();
  });
});
