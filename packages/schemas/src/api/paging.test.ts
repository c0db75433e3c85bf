import { describe, expect, it } from "vitest";
import { PageQuery, pageOf } from "./paging";
import { TaskConfigVersionQuery } from "./responses";

describe("paging", () => {
  const q = PageQuery(50, 200, "users");

  it("defaults, and refuses a limit over the maximum instead of clamping it", () => {
    expect(q.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(q.parse({ limit: "", offset: "" })).toEqual({ limit: 50, offset: 0 });
    const r = q.safeParse({ limit: "201" });
    expect(r.success ? null : r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["limit", "At most 200 users per page"]]);
    expect(q.safeParse({ offset: "-1" }).success).toBe(false);
    expect(q.safeParse({ before: "x" }).success).toBe(false);
  });

  it("says where the next page starts, and null on the last", () => {
    expect(pageOf([1, 2], 5, { limit: 2, offset: 0 })).toEqual({ items: [1, 2], total: 5, offset: 0, limit: 2, nextOffset: 2 });
    expect(pageOf([5], 5, { limit: 2, offset: 4 })).toMatchObject({ nextOffset: null });
    expect(pageOf([], 5, { limit: 2, offset: 10 })).toMatchObject({ nextOffset: null });
  });

  it("versions with whole configs come at most 5 a page", () => {
    expect(TaskConfigVersionQuery.parse({})).toEqual({ limit: 20, offset: 0 });
    expect(TaskConfigVersionQuery.safeParse({ config: "true", limit: "5" }).success).toBe(true);
    const r = TaskConfigVersionQuery.safeParse({ config: "true", limit: "6" });
    expect(r.success ? null : r.error.issues[0]?.path).toEqual(["limit"]);
  });
});
