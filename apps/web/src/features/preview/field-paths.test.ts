import { describe, expect, it } from "vitest";
import { fieldPaths } from "./field-paths";

describe("fieldPaths", () => {
  it("lists every field of the sampled documents once, nested ones with their parents, sorted", () => {
    const docs = [
      { level: "info", user: { id: 7, geo: { city: "Lyon" } }, tags: ["a", { x: 1 }] },
      { level: "warn", "@timestamp": "t", user: null, "a b": 1 },
      "not json",
      null,
    ];
    expect(fieldPaths(docs)).toEqual(["$.@timestamp", "$.level", "$.tags", "$.user", "$.user.geo", "$.user.geo.city", "$.user.id", '$["a b"]']);
  });

  it("stops at the bound", () => {
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, i]));
    expect(fieldPaths([wide], 5)).toHaveLength(5);
  });
});
