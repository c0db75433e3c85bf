import { describe, expect, it } from "vitest";
import { compilePath, getPath, removePath, setPath } from "./field-path";

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
    expect(removePath(rec, p("a.b"))).toBe(true);
    expect(rec.a).toEqual({});
    expect(setPath(rec, p("list[0].id.deeper"), 1)).toBe(false);
  });

  it("never writes through __proto__", () => {
    const rec: Record<string, unknown> = {};
    setPath(rec, p("$['__proto__'].polluted"), true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(rec, "__proto__")).toBe(true);
  });
});
