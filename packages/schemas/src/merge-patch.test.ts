import { describe, expect, it } from "vitest";
import { MergePatchTooDeep, mergePatch } from "./merge-patch";

/** `{ a: { a: … { a: leaf } } }`, `depth` objects deep, built without recursion. */
function nested(depth: number, leaf: unknown = 1): Record<string, unknown> {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) {
    v = { a: v };
  }
  return v as Record<string, unknown>;
}

describe("mergePatch", () => {
  it("merges objects, deletes on null, replaces anything else (RFC 7396)", () => {
    const target = { a: 1, b: { c: 2, d: 3 }, e: [1, 2] };
    expect(mergePatch(target, { b: { c: null, x: 4 }, e: [3], f: "new" })).toEqual({ a: 1, b: { d: 3, x: 4 }, e: [3], f: "new" });
    expect(target).toEqual({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] });
    expect(mergePatch({ a: 1 }, "x")).toBe("x");
    expect(mergePatch("x", { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it("ignores __proto__, constructor and prototype keys, and pollutes nothing", () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "ok": {"prototype": 1, "v": 2}}');
    const out = mergePatch({}, patch) as Record<string, unknown>;
    expect(out).toEqual({ ok: { v: 2 } });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("is depth-limited without growing the stack: 10,000 levels throw MergePatchTooDeep", () => {
    expect(() => mergePatch({}, nested(10_000))).toThrow(MergePatchTooDeep);
    expect(mergePatch({}, nested(32))).toEqual(nested(32));
    expect(() => mergePatch({}, nested(33))).toThrow(MergePatchTooDeep);
  });
});
