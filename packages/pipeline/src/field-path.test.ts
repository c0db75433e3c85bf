import { describe, expect, it } from "vitest";
import { compilePath, getPath, setPath, withoutPath } from "./field-path";

const p = (s: string) => {
  const r = compilePath(s);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.path;
};

describe("field paths", () => {
  it.each([
    ["$.a.b", ["a", "b"]],
    ["a.b", ["a", "b"]],
    ["$.items[0].id", ["items", 0, "id"]],
    ["$['key with.dots']", ["key with.dots"]],
    ['$["q"].x', ["q", "x"]],
  ])("%s → %j", (src, segs) => {
    expect(p(src).segments).toEqual(segs);
  });

  it.each(["$.", "a..b", "$[x]", "$['open", "$"])("rejects %s with a reason", (src) => {
    const r = compilePath(src);
    if (src === "$") {
      expect(r.ok).toBe(true);
      return;
    }
    expect(r.ok).toBe(false);
  });

  it("gets, sets and removes nested values", () => {
    const rec: Record<string, unknown> = { a: { b: 1 }, list: [{ id: 7 }] };
    expect(getPath(rec, p("$.list[0].id"))).toBe(7);
    expect(setPath(rec, p("x.y.z"), 3)).toBe(true);
    expect(rec.x).toEqual({ y: { z: 3 } });
    expect(withoutPath(rec, p("a.b"))).toBe(rec);
    expect(rec.a).toEqual({});
    expect(setPath(rec, p("list[0].id.deeper"), 1)).toBe(false);
  });

  it("removes a key by copying its object without it: same order, same prototype, an own __proto__ kept", () => {
    const rec = JSON.parse('{"z":1,"__proto__":{"p":1},"a":{"x":1,"y":[1,2,{"k":1,"l":2}],"w":2},"m":3}') as Record<string, unknown>;
    const inner = rec.a;
    const out = withoutPath(rec, p("z"));
    expect(out).not.toBe(rec);
    expect(Object.keys(out)).toEqual(["__proto__", "a", "m"]);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.a).toBe(inner);
    expect(withoutPath(out, p("a.x"))).toBe(out);
    expect(out.a).toEqual({ y: [1, 2, { k: 1, l: 2 }], w: 2 });
    expect(Object.keys(out.a as object)).toEqual(["y", "w"]);
    expect(withoutPath(out, p("a.y[2].k"))).toBe(out);
    expect(withoutPath(out, p("a.y[0]"))).toBe(out);
    expect(out.a).toEqual({ y: [2, { l: 2 }], w: 2 });
    expect(withoutPath(out, p("a.missing.deeper"))).toBe(out);
    expect(withoutPath(out, p("nothing"))).toBe(out);
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1, b: 2 });
    const copy = withoutPath(bare, p("a"));
    expect(Object.getPrototypeOf(copy)).toBeNull();
    expect({ ...copy }).toEqual({ b: 2 });
  });

  it("turns a large object into a dictionary rather than copying it", () => {
    const big = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    expect(withoutPath(big, p("k5"))).toBe(big);
    expect(Object.hasOwn(big, "k5")).toBe(false);
  });

  it("never writes through __proto__", () => {
    const rec: Record<string, unknown> = {};
    setPath(rec, p("$['__proto__'].polluted"), true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(rec, "__proto__")).toBe(true);
  });
});
