import { describe, expect, it } from "vitest";
import { flattenRecord } from "./flatten";

const flat = (record: Record<string, unknown>, separator = ".", maxDepth = 20) => {
  const r = flattenRecord(record, separator, maxDepth);
  return r.ok ? r.record : `!${r.reason}`;
};

describe("flattenRecord", () => {
  it.each([
    [{ a: 1 }, { a: 1 }],
    [{ a: { b: 1, c: { d: "x" } } }, { "a.b": 1, "a.c.d": "x" }],
    [{ a: [{ b: 1 }, 2] }, { a: [{ b: 1 }, 2] }], // arrays are values
    [{ a: {} }, { a: {} }], // an empty object stays a value
    [
      { a: null, b: { c: null } },
      { a: null, "b.c": null },
    ],
    [{}, {}],
  ])("%j → %j", (record, expected) => {
    expect(flat(record)).toEqual(expected);
  });

  it("uses the separator", () => {
    expect(flat({ a: { b: { c: 1 } } }, "__")).toEqual({ a__b__c: 1 });
  });

  it("keeps __proto__ keys as data", () => {
    const record = JSON.parse('{"__proto__":{"x":1},"a":{"__proto__":2}}') as Record<string, unknown>;
    const out = flat(record);
    expect(JSON.stringify(out)).toBe('{"__proto__.x":1,"a.__proto__":2}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("allows exactly maxDepth levels of objects and fails past them", () => {
    const nest = (levels: number): Record<string, unknown> => (levels === 1 ? { v: 1 } : { n: nest(levels - 1) });
    expect(flat(nest(3), ".", 3)).toEqual({ "n.n.v": 1 });
    expect(flat(nest(4), ".", 3)).toBe("!nested deeper than the flatten limit of 3 levels");
    expect(flat(nest(1), ".", 1)).toEqual({ v: 1 });
    expect(flat(nest(2), ".", 1)).toBe("!nested deeper than the flatten limit of 1 levels");
    expect(flat(nest(20))).toEqual({ [`${"n.".repeat(19)}v`]: 1 });
    expect(flat(nest(21))).toBe("!nested deeper than the flatten limit of 20 levels");
  });

  it("does not count arrays or empty objects as levels", () => {
    expect(flat({ a: { b: [[[{ deep: { deeper: 1 } }]]] } }, ".", 2)).toEqual({ "a.b": [[[{ deep: { deeper: 1 } }]]] });
    expect(flat({ a: { b: {} } }, ".", 2)).toEqual({ "a.b": {} });
  });

  it("does not change its input", () => {
    const input = { a: { b: 1 } };
    flat(input);
    expect(input).toEqual({ a: { b: 1 } });
  });
});
