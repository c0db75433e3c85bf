import { describe, expect, it } from "vitest";
import { parseJsonExact } from "../exact-number";
import { after, compileRuleInputs } from "./rule-test-helpers";

/** Applies one rule to `{ v: value }` and returns the new value of `v`, or "!<reason>". */
function apply(rule: Record<string, unknown>, value: unknown): unknown {
  const out = after([{ field: "v", ...rule }], { v: value });
  return typeof out === "string" ? out : out.v;
}

describe("lowercase / uppercase", () => {
  it.each([
    ["lowercase", "HeLLo", "hello"],
    ["lowercase", "ÄÖÜ ΩMEGA", "äöü ωmega"],
    ["uppercase", "hello", "HELLO"],
    ["uppercase", "straße", "STRASSE"],
    ["lowercase", "", ""],
    ["uppercase", null, null],
  ])("%s %j → %j", (type, value, expected) => {
    expect(apply({ type }, value)).toBe(expected);
  });

  it.each([
    ["lowercase", 42, "!failed: v: lowercase needs a string, got number 42"],
    ["uppercase", true, "!failed: v: uppercase needs a string, got boolean true"],
    ["lowercase", { a: 1 }, "!failed: v: lowercase needs a string, got an object"],
    ["uppercase", ["a"], "!failed: v: uppercase needs a string, got an array"],
  ])("%s of %j fails with a reason", (type, value, reason) => {
    expect(apply({ type }, value)).toBe(reason);
  });

  it("writes to `to` and keeps the source", () => {
    expect(after([{ type: "uppercase", field: "a", to: "b.c" }], { a: "x" })).toEqual({ a: "x", b: { c: "X" } });
  });

  it("leaves a missing field alone", () => {
    expect(after([{ type: "lowercase", field: "a", to: "b" }], { x: 1 })).toEqual({ x: 1 });
  });
});

describe("replace", () => {
  it.each([
    [{ pattern: "-", replacement: "_" }, "a-b-c", "a_b_c"],
    [{ pattern: ".", replacement: "!" }, "a.b.c", "a!b!c"], // literal: '.' is not "any character"
    [{ pattern: "(x)" }, "a(x)b(x)", "ab"], // replacement defaults to ""
    [{ pattern: "$&", replacement: "$1" }, "cost $&", "cost $1"], // literal replacement, no $ patterns
    [{ pattern: "ab", replacement: "ba" }, "aab", "aba"],
    [{ pattern: "\\d+", replacement: "#", regex: true }, "a1b22c333", "a#b#c#"],
    [{ pattern: "(\\w+)@(\\w+)", replacement: "$2 at $1", regex: true }, "me@host", "host at me"],
    [{ pattern: "^\\s+|\\s+$", regex: true }, "  trim me  ", "trim me"],
    [{ pattern: "x", replacement: "y", regex: true }, "xXx", "yXy"],
    [{ pattern: "é", replacement: "e" }, "café é", "cafe e"],
    [{ pattern: "z" }, "", ""],
    [{ pattern: "z" }, null, null],
  ])("%j on %j → %j", (rule, value, expected) => {
    expect(apply({ type: "replace", ...rule }, value)).toBe(expected);
  });

  it("replaces every match on every message (the global regex keeps no state between messages)", () => {
    const rule = { type: "replace", field: "v", pattern: "a", replacement: "b", regex: true };
    expect(after([rule, rule], { v: "aaa" })).toEqual({ v: "bbb" });
    for (let i = 0; i < 3; i++) {
      expect(apply(rule, "xa")).toBe("xb");
    }
  });

  it("fails a non-string value with a reason", () => {
    expect(apply({ type: "replace", pattern: "1" }, 121)).toBe("!failed: v: replace needs a string, got number 121");
  });

  it.each(["(", "[a-", "a{2,1}", "(?<n>a)(?<n>b)", "\\"])("reports the bad regex %j on rules.N.pattern", (pattern) => {
    const { issues } = compileRuleInputs([
      { type: "add", field: "a", value: 1 },
      { type: "replace", field: "v", pattern, regex: true },
    ]);
    expect(issues).toEqual([{ field: "rules.1.pattern", message: expect.stringContaining("invalid regular expression") }]);
  });

  it("accepts the same text as a literal pattern", () => {
    expect(compileRuleInputs([{ type: "replace", field: "v", pattern: "(" }]).issues).toEqual([]);
  });
});

describe("substring", () => {
  it.each([
    [{ start: 0, end: 3 }, "abcdef", "abc"],
    [{ start: 2 }, "abcdef", "cdef"],
    [{ start: 2, end: 2 }, "abcdef", ""],
    [{ start: 4, end: 100 }, "abcdef", "ef"],
    [{ start: 10 }, "abc", ""],
    // Characters, not UTF-16 units: emoji and CJK are never split.
    [{ start: 0, end: 2 }, "😀😃😄", "😀😃"],
    [{ start: 1, end: 3 }, "日本語テキスト", "本語"],
    [{ start: 1 }, "a😀b", "😀b"],
    [{ start: 0, end: 1 }, null, null],
  ])("%j of %j → %j", (rule, value, expected) => {
    expect(apply({ type: "substring", ...rule }, value)).toBe(expected);
  });

  it("fails a non-string value with a reason", () => {
    expect(apply({ type: "substring", start: 0, end: 1 }, 12345)).toBe("!failed: v: substring needs a string, got number 12345");
  });

  it("reports end before start on rules.N.end", () => {
    expect(compileRuleInputs([{ type: "substring", field: "v", start: 5, end: 2 }]).issues).toEqual([
      { field: "rules.0.end", message: "end must not be before start" },
    ]);
  });
});

describe("parse_date", () => {
  it.each([
    [{ format: "yyyy-MM-dd HH:mm:ss" }, "2024-03-05 07:08:09", "2024-03-05T07:08:09.000Z"],
    [{ format: "yyyy-MM-dd HH:mm:ss", timeZone: "Asia/Shanghai" }, "2024-03-05 15:08:09", "2024-03-05T07:08:09.000Z"],
    [{ format: "yyyy-MM-dd HH:mm:ss", timeZone: "+08:00", output: "epoch_millis" }, "2024-03-05 15:08:09", 1709622489000],
    [{ format: "yyyy-MM-dd HH:mm:ss", output: "epoch_seconds" }, "2024-03-05 07:08:09", 1709622489],
    [{ format: "dd/MMM/yyyy:HH:mm:ss Z" }, "05/Mar/2024:15:08:09 +0800", "2024-03-05T07:08:09.000Z"],
    [{ format: "epoch_seconds" }, 1709622489, "2024-03-05T07:08:09.000Z"],
    [{ format: "epoch_millis", output: "epoch_seconds" }, "1709622489999", 1709622489],
    [{ format: "iso", output: "epoch_millis" }, "2024-03-05T07:08:09.045Z", 1709622489045],
    [{ format: "iso", timeZone: "America/New_York" }, "2024-07-04T12:00:00", "2024-07-04T16:00:00.000Z"],
    [{ format: "iso" }, null, null],
  ])("%j reads %j → %j", (rule, value, expected) => {
    expect(apply({ type: "parse_date", ...rule }, value)).toEqual(expected);
  });

  it.each([
    [{ format: "yyyy-MM-dd" }, "2024-02-30", "is not a real date"],
    [{ format: "yyyy-MM-dd" }, "05.03.2024", "does not match date format"],
    [{ format: "yyyy-MM-dd" }, 20240305, "expected a date string"],
    [{ format: "iso" }, "2024-02-30T10:00:00Z", "is not a real date"],
    [{ format: "iso" }, "yesterday", "is not an ISO-8601 date"],
    [{ format: "epoch_millis" }, "soon", "expected epoch_millis as a number"],
    [{ format: "epoch_millis" }, { t: 1 }, "got an object"],
  ])("%j fails %j with a reason", (rule, value, reason) => {
    const out = apply({ type: "parse_date", ...rule }, value);
    expect(out).toMatch(/^!failed: v: /);
    expect(out).toContain(reason);
  });

  it.each([
    [{ format: "yyyy-MM-dd QQ" }, "rules.0.format", "unsupported letter 'Q'"],
    [{ format: "MM/dd" }, "rules.0.format", "has no year"],
    [{ format: "toString" }, "rules.0.format", ""],
    [{ format: "yyyy-MM-dd", timeZone: "Mars/Olympus" }, "rules.0.timeZone", "unknown time zone"],
    [{ format: "yyyy-MM-dd", timeZone: "+08:75" }, "rules.0.timeZone", "out of range"],
  ])("reports %j on %s", (rule, field, reason) => {
    expect(compileRuleInputs([{ type: "parse_date", field: "v", ...rule }]).issues).toEqual([{ field, message: expect.stringContaining(reason) }]);
  });

  it("reports a bad format and a bad zone together", () => {
    expect(compileRuleInputs([{ type: "parse_date", field: "v", format: "'", timeZone: "Nowhere/Land" }]).issues.map((i) => i.field)).toEqual([
      "rules.0.format",
      "rules.0.timeZone",
    ]);
  });
});

describe("cast", () => {
  it.each([
    ["string", 42, "42"],
    ["string", true, "true"],
    ["string", "x", "x"],
    ["string", { a: [1] }, '{"a":[1]}'],
    ["string", [1, "2"], '[1,"2"]'],
    ["number", "42.5", 42.5],
    ["number", " 7 ", 7],
    ["number", "1e3", 1000],
    ["number", "-0.25", -0.25],
    ["number", 3, 3],
    ["number", true, 1],
    ["number", false, 0],
    ["integer", "42.9", 42],
    ["integer", -3.7, -3],
    ["integer", "12", 12],
    ["boolean", "true", true],
    ["boolean", "YES", true],
    ["boolean", " on ", true],
    ["boolean", "1", true],
    ["boolean", 1, true],
    ["boolean", "false", false],
    ["boolean", "n", false],
    ["boolean", "off", false],
    ["boolean", 0, false],
    ["boolean", false, false],
    ["number", null, null],
    ["boolean", null, null],
  ])("%s of %j → %j", (as, value, expected) => {
    expect(apply({ type: "cast", as }, value)).toEqual(expected);
  });

  it("keeps every digit: exact numbers stay as written, strings past 2^53 become exact numbers, integer truncates exactly", () => {
    const big = parseJsonExact("[9007199254740993, 2140.0, 12345678901234567890.75]") as unknown[];
    expect(JSON.stringify(apply({ type: "cast", as: "number" }, big[0]))).toBe("9007199254740993");
    expect(JSON.stringify(apply({ type: "cast", as: "number" }, big[1]))).toBe("2140.0");
    expect(apply({ type: "cast", as: "string" }, big[1])).toBe("2140.0");
    expect(JSON.stringify(apply({ type: "cast", as: "number" }, "9007199254740993"))).toBe("9007199254740993");
    expect(JSON.stringify(apply({ type: "cast", as: "integer" }, big[2]))).toBe("12345678901234567890");
    expect(apply({ type: "cast", as: "number" }, (parseJsonExact("[1e400]") as unknown[])[0])).toMatch(/^!failed: v: cannot cast/);
  });

  it.each([
    ["number", "abc"],
    ["number", ""],
    ["number", "   "],
    ["number", "Infinity"],
    ["number", "1,000"],
    ["integer", "12abc"],
    ["number", { a: 1 }],
    ["integer", [1]],
    ["boolean", "maybe"],
    ["boolean", 2],
    ["boolean", { a: 1 }],
  ])("%s of %j fails with a reason", (as, value) => {
    const out = apply({ type: "cast", as }, value);
    expect(out).toMatch(new RegExp(`^!failed: v: cannot cast .* to ${as}$`));
  });
});

describe("parse_json", () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ["[1,2]", [1, 2]],
    ["42", 42],
    ['"s"', "s"],
    ["null", null],
    [' {"nested":{"b":[true]}} ', { nested: { b: [true] } }],
  ])("%j → %j", (value, expected) => {
    expect(apply({ type: "parse_json" }, value)).toEqual(expected);
  });

  it("fails (rather than breaking the bulk serialisation later) on absurdly nested JSON", () => {
    const out = apply({ type: "parse_json" }, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(out).toMatch(/^!failed: v: .*nested too deeply/);
    expect((out as string).length).toBeLessThan(300);
  });

  it("writes the parsed value to `to`", () => {
    expect(after([{ type: "parse_json", field: "raw", to: "parsed" }], { raw: '{"a":1}' })).toEqual({ raw: '{"a":1}', parsed: { a: 1 } });
  });

  it.each([
    ["{bad json}", "invalid JSON in"],
    ["", "invalid JSON in"],
    ["{'a':1}", "invalid JSON in"],
    [42, "parse_json needs a string, got number 42"],
    [null, "parse_json needs a string, got null"],
    [{ a: 1 }, "parse_json needs a string, got an object"],
  ])("%j fails with a reason", (value, reason) => {
    const out = apply({ type: "parse_json" }, value);
    expect(out).toMatch(/^!failed: v: /);
    expect(out).toContain(reason);
  });
});

describe("split", () => {
  it.each([
    [",", "a,b,c", ["a", "b", "c"]],
    [", ", "a, b, c", ["a", "b", "c"]],
    [",", "abc", ["abc"]],
    [",", "", [""]],
    [",", "a,,b,", ["a", "", "b", ""]],
    ["|", "x|y", ["x", "y"]],
    [".", "a.b", ["a", "b"]], // literal, not a regex
    [",", null, null],
  ])("split by %j: %j → %j", (separator, value, expected) => {
    expect(apply({ type: "split", separator }, value)).toEqual(expected);
  });

  it("fails a non-string value with a reason", () => {
    expect(apply({ type: "split", separator: "," }, ["a", "b"])).toBe("!failed: v: split needs a string, got an array");
  });
});

describe("field and target paths", () => {
  it.each(["lowercase", "uppercase", "parse_json"])("%s reports a bad field and a bad to by their paths", (type) => {
    expect(compileRuleInputs([{ type, field: "a..b", to: "c[" }]).issues.map((i) => i.field)).toEqual(["rules.0.field", "rules.0.to"]);
  });

  it("fails when the target is blocked by a scalar", () => {
    expect(apply({ type: "uppercase", to: "v.inner" }, "x")).toBe("!failed: cannot set v.inner: a non-object value is in the way");
  });
});
