import { describe, expect, it } from "vitest";
import { apiUrlOf, DEFAULT_VIEW, searchOf, viewOf, withFilter, withSort } from "./task-list-params";

describe("task list URL", () => {
  it("round-trips a view through its query string, leaving defaults out", () => {
    const view = { ...DEFAULT_VIEW, q: "logs app", status: "failed,retrying", connection: "c1", sort: "lag" as const, order: "desc" as const, offset: 100 };
    expect(viewOf(new URLSearchParams(searchOf(view)))).toEqual(view);
    expect(searchOf(DEFAULT_VIEW)).toBe("");
    expect(apiUrlOf(DEFAULT_VIEW)).toBe("/api/tasks");
    expect(apiUrlOf({ ...DEFAULT_VIEW, q: "a&b" })).toBe("/api/tasks?q=a%26b");
  });

  it("keeps the good parameters of a hand-edited link and defaults the bad ones", () => {
    expect(viewOf(new URLSearchParams("sort=bogus&limit=5000&q=x"))).toEqual({ ...DEFAULT_VIEW, q: "x" });
  });

  it("starts again at the first page when a filter or the sort changes", () => {
    const on3 = { ...DEFAULT_VIEW, offset: 100 };
    expect(withFilter(on3, { q: "x" }).offset).toBe(0);
    expect(withSort(on3, "name")).toMatchObject({ sort: "name", order: "asc", offset: 0 });
  });

  it("turns the order around on the same column; rate and lag start busiest first", () => {
    expect(withSort(DEFAULT_VIEW, "rate").order).toBe("desc");
    expect(withSort(withSort(DEFAULT_VIEW, "rate"), "rate").order).toBe("asc");
    expect(withSort(withSort(DEFAULT_VIEW, "name"), "name").order).toBe("desc");
  });
});
