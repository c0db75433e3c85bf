import { describe, expect, it } from "vitest";
import { jsonPath, stepChanges } from "./step-diff";

describe("stepChanges", () => {
  it("lists the paths a step added, removed and changed", () => {
    const before = { msg: "Hi", user: { id: 7, name: "a" }, tags: ["x"] };
    const after = { msg: "hi", user: { id: 7 }, tags: ["x", "y"], level: "info" };
    expect(stepChanges(before, after)).toEqual([
      { kind: "changed", path: "$.msg", before: "Hi", after: "hi" },
      { kind: "removed", path: "$.user.name", before: "a" },
      { kind: "added", path: "$.tags[1]", after: "y" },
      { kind: "added", path: "$.level", after: "info" },
    ]);
  });

  it("says nothing of a step that changed nothing", () => {
    expect(stepChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it("makes a whole-record change one change at $", () => {
    expect(stepChanges(undefined, { a: 1 })).toEqual([{ kind: "added", path: "$", after: { a: 1 } }]);
    expect(stepChanges({ a: 1 }, undefined)).toEqual([{ kind: "removed", path: "$", before: { a: 1 } }]);
    expect(stepChanges("raw", { raw: "raw" })).toEqual([{ kind: "changed", path: "$", before: "raw", after: { raw: "raw" } }]);
    expect(stepChanges([1], { 0: 1 })).toEqual([{ kind: "changed", path: "$", before: [1], after: { 0: 1 } }]);
  });

  it("writes odd keys in brackets", () => {
    expect(jsonPath(["a b", 0, "c", "@t", "x.y"])).toBe('$["a b"][0].c.@t["x.y"]');
  });
});
