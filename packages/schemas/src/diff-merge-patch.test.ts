import { describe, expect, it } from "vitest";
import { diffMergePatch } from "./diff-merge-patch";
import { mergePatch } from "./merge-patch";

describe("diffMergePatch", () => {
  it.each([
    [{ a: 1, b: { c: 2 } }, { a: 1, b: { c: 3 } }, { b: { c: 3 } }],
    [{ failure: { policy: "dead_letter", topic: "dlq" } }, { failure: { policy: "discard" } }, { failure: { policy: "discard", topic: null } }],
    [{ sink: { index: "a", dateSplit: { format: "yyyy" } } }, { sink: { index: "a" } }, { sink: { dateSplit: null } }],
    [{ rules: [{ type: "drop", fields: ["a"] }] }, { rules: [] }, { rules: [] }],
    [{ a: 1 }, { a: 1 }, {}],
  ])("%j → %j", (before, after, patch) => {
    expect(diffMergePatch(before, after)).toEqual(patch);
    expect(mergePatch(before, diffMergePatch(before, after))).toEqual(after);
  });
});
