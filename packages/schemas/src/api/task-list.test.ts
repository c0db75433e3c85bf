import { describe, expect, it } from "vitest";
import { issuesFromZod } from "../errors";
import { TASK_LIST_DEFAULT_LIMIT, TASK_LIST_MAX_LIMIT, TaskListQuery } from "./task-list";

const parse = (q: Record<string, string>) => TaskListQuery.parse(q);
/** Field and message (the key and arguments for translation are errors.test.ts's). */
const issuesOf = (q: Record<string, string>) => {
  const r = TaskListQuery.safeParse(q);
  return r.success ? [] : issuesFromZod(r.error).map(({ field, message }) => ({ field, message }));
};

describe("TaskListQuery", () => {
  it("defaults: attention order, ascending, the default page from the start", () => {
    expect(parse({})).toEqual({ sort: "attention", order: "asc", limit: TASK_LIST_DEFAULT_LIMIT, offset: 0 });
  });

  it("treats empty parameters as not given (the console's links carry them)", () => {
    expect(parse({ q: "", status: "", connection: "", sort: "", order: "", limit: "", offset: "" })).toEqual(parse({}));
  });

  it("reads every parameter", () => {
    expect(parse({ q: " logs ", status: "failed, retrying,failed", connection: "c1", sort: "lag", order: "desc", limit: "200", offset: "400" })).toEqual({
      q: "logs",
      status: ["failed", "retrying"],
      connection: "c1",
      sort: "lag",
      order: "desc",
      limit: 200,
      offset: 400,
    });
  });

  it("refuses a limit above the cap, naming limit (never clamps it)", () => {
    expect(issuesOf({ limit: String(TASK_LIST_MAX_LIMIT + 1) })).toEqual([{ field: "limit", message: `At most ${TASK_LIST_MAX_LIMIT} tasks per page` }]);
    expect(issuesOf({ limit: "0" })).toEqual([{ field: "limit", message: "At least 1" }]);
    expect(issuesOf({ limit: "ten" }).map((i) => i.field)).toEqual(["limit"]);
    expect(issuesOf({ limit: "1.5" }).map((i) => i.field)).toEqual(["limit"]);
  });

  it("names the field of every other bad parameter", () => {
    expect(issuesOf({ offset: "-1" })).toEqual([{ field: "offset", message: "At least 0" }]);
    expect(issuesOf({ sort: "created" }).map((i) => i.field)).toEqual(["sort"]);
    expect(issuesOf({ order: "up" }).map((i) => i.field)).toEqual(["order"]);
    expect(issuesOf({ q: "x".repeat(101) })).toEqual([{ field: "q", message: "At most 100 characters" }]);
    expect(issuesOf({ q: "a\u0000b", connection: "\u0000" }).map((i) => [i.field, i.message])).toEqual([
      ["q", "Must not contain NUL characters"],
      ["connection", "Must not contain NUL characters"],
    ]);
    const [status] = issuesOf({ status: "failed,broken" });
    expect(status?.field).toBe("status");
    expect(status?.message).toContain('"broken" is not a task status');
    expect(issuesOf({ cursor: "abc" })).toEqual([{ field: "cursor", message: 'Unknown field "cursor" (check its spelling and place)' }]);
  });
});
