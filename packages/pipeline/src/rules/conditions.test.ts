import { Condition } from "@outflow/schemas/rules";
import { describe, expect, it } from "vitest";
import { IssueList } from "../compile-issues";
import { parseJsonExact } from "../exact-number";
import { compileCondition, toNumber } from "./conditions";

function test(condition: Record<string, unknown>, record: unknown): boolean | string {
  const issues = new IssueList();
  const c = compileCondition(Condition.parse(condition), issues, "c");
  if (!c) {
    throw new Error(JSON.stringify(issues.items));
  }
  return c.test(record);
}

const rec = {
  s: "Hello World",
  n: 42,
  ns: "42",
  f: 1.5,
  t: true,
  z: null,
  empty: "",
  arr: ["red", "Green", 3],
  obj: { inner: "x" },
};

describe("condition ops", () => {
  it.each([
    // exists / not_exists: null counts as absent
    ["s", "exists", undefined, false, true],
    ["missing", "exists", undefined, false, false],
    ["z", "exists", undefined, false, false],
    ["empty", "exists", undefined, false, true],
    ["obj.inner", "exists", undefined, false, true],
    ["missing", "not_exists", undefined, false, true],
    ["z", "not_exists", undefined, false, true],
    ["n", "not_exists", undefined, false, false],
    // equals / not_equals, typed and across string/number/boolean
    ["s", "equals", "Hello World", false, true],
    ["s", "equals", "hello world", false, false],
    ["s", "equals", "hello world", true, true],
    ["n", "equals", 42, false, true],
    ["n", "equals", "42", false, true],
    ["ns", "equals", 42, false, true],
    ["f", "equals", 1.5, false, true],
    ["t", "equals", true, false, true],
    ["t", "equals", "true", false, true],
    ["t", "equals", "TRUE", true, true],
    ["z", "equals", null, false, true],
    ["missing", "equals", null, false, false],
    ["s", "equals", null, false, false],
    ["obj", "equals", "[object Object]", false, false],
    ["arr", "equals", "red", false, false],
    ["missing", "equals", "x", false, false],
    ["s", "not_equals", "other", false, true],
    ["s", "not_equals", "Hello World", false, false],
    ["missing", "not_equals", "x", false, true],
    // contains: substring of a scalar, or an element of an array
    ["s", "contains", "World", false, true],
    ["s", "contains", "world", false, false],
    ["s", "contains", "world", true, true],
    ["n", "contains", "4", false, true],
    ["arr", "contains", "red", false, true],
    ["arr", "contains", "re", false, false],
    ["arr", "contains", "green", true, true],
    ["arr", "contains", "3", false, true],
    ["obj", "contains", "x", false, false],
    ["missing", "contains", "x", false, false],
    // regex
    ["s", "regex", "^Hello\\s", false, true],
    ["s", "regex", "^hello", false, false],
    ["s", "regex", "^hello", true, true],
    ["n", "regex", "^\\d+$", false, true],
    ["t", "regex", "^tr", false, true],
    ["obj", "regex", ".", false, false],
    ["z", "regex", ".*", false, false],
    // numeric comparisons read numbers and numeric strings only
    ["n", "gt", 41, false, true],
    ["n", "gt", 42, false, false],
    ["n", "gte", 42, false, true],
    ["n", "lt", 43, false, true],
    ["n", "lt", 42, false, false],
    ["n", "lte", 42, false, true],
    ["ns", "gt", 10, false, true],
    ["f", "lt", 2, false, true],
    ["s", "gt", 0, false, false],
    ["empty", "lt", 1, false, false],
    ["t", "gt", 0, false, false],
    ["z", "lt", 1, false, false],
    ["missing", "lte", 1, false, false],
    ["arr", "gt", 0, false, false],
  ])("%s %s %j (caseInsensitive %s) → %s", (field, op, value, caseInsensitive, expected) => {
    expect(test({ field, op, caseInsensitive, ...(value === undefined ? {} : { value }) }, rec)).toBe(expected);
  });

  it("a regex condition answers the same for repeated messages", () => {
    for (let i = 0; i < 3; i++) {
      expect(test({ field: "s", op: "regex", value: "o" }, rec)).toBe(true);
    }
  });

  it("is false (never a crash) on records that are not objects", () => {
    for (const record of [null, 1, "s", [1]]) {
      expect(test({ field: "a.b", op: "equals", value: 1 }, record)).toBe(false);
      expect(test({ field: "a.b", op: "exists" }, record)).toBe(false);
    }
  });
});

describe("condition compile issues", () => {
  it.each([
    [{ field: "a", op: "equals" }, "c.value", '"equals" needs a value'],
    [{ field: "a", op: "not_equals" }, "c.value", '"not_equals" needs a value'],
    [{ field: "a", op: "contains" }, "c.value", '"contains" needs a string value'],
    [{ field: "a", op: "contains", value: 1 }, "c.value", '"contains" needs a string value'],
    [{ field: "a", op: "regex", value: true }, "c.value", '"regex" needs a string value'],
    [{ field: "a", op: "regex", value: "[" }, "c.value", "invalid regular expression"],
    [{ field: "a", op: "regex", value: "x".repeat(2001) }, "c.value", "longer than 2000"],
    [{ field: "a", op: "gt", value: "five" }, "c.value", '"gt" needs a number value (or a number written as a string'],
    [{ field: "a", op: "lt", value: true }, "c.value", '"lt" needs a number value'],
    [{ field: "a", op: "lte" }, "c.value", '"lte" needs a number value'],
    [{ field: "a..b", op: "exists" }, "c.field", "expected a field name"],
  ])("%j → %s", (condition, field, message) => {
    const issues = new IssueList();
    expect(compileCondition(Condition.parse(condition), issues, "c")).toBeUndefined();
    expect(issues.items).toEqual([expect.objectContaining({ field, message: expect.stringContaining(message) })]);
  });
});

describe("exact numbers in conditions", () => {
  const exact = parseJsonExact('{"id":9007199254740993,"price":10.50,"big":"9007199254740993","code":1234567890123456789}');
  it.each([
    ["id", "gt", 9007199254740992, true],
    ["id", "lte", 9007199254740992, false],
    // A bound past 2^53 written as a string keeps every digit (as a JSON number it would already be a double).
    ["id", "gt", "9007199254740992", true],
    ["id", "lt", "9007199254740994", true],
    ["id", "gte", "9007199254740994", false],
    ["code", "lte", "1234567890123456788", false],
    ["price", "equals", "10.50", true],
    ["big", "gt", 9007199254740992, true],
    ["price", "equals", 10.5, true],
    ["price", "gte", 10.5, true],
    ["price", "lt", 10.5, false],
    ["code", "equals", "1234567890123456789", true],
    ["code", "contains", "4567890123456789", true],
    ["code", "regex", "^1234567890123456789$", true],
  ])("%s %s %j → %s", (field, op, value, expected) => {
    expect(test({ field, op, value }, exact)).toBe(expected);
  });
});

describe("toNumber", () => {
  it.each([
    [1, 1],
    ["2.5", 2.5],
    [" 3 ", 3],
    ["", null],
    ["  ", null],
    ["x", null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    ["Infinity", null],
    [true, null],
    [null, null],
    [[1], null],
  ])("%j → %j", (v, expected) => {
    expect(toNumber(v)).toBe(expected);
  });
});
