import { describe, expect, it } from "vitest";
import { indexNameProblem } from "./index-name";

describe("indexNameProblem", () => {
  it.each([
    "logs",
    "logs-2024.03.05",
    "logs_2024",
    "a+b",
    "a-",
    "a.b",
    ".hidden",
    "...",
    "日志-2024",
    "x".repeat(255),
    "日".repeat(85), // 255 bytes of UTF-8
  ])("accepts %j", (name) => {
    expect(indexNameProblem(name)).toBeNull();
  });

  it.each([
    ["", "empty"],
    ["Logs", "must be lowercase"],
    ["logs-ABC", "must be lowercase"],
    ["logs-É", "must be lowercase"],
    ["a\\b", "must not contain '\\'"],
    ["a/b", "must not contain '/'"],
    ["a*b", "must not contain '*'"],
    ["a?b", "must not contain '?'"],
    ['a"b', `must not contain '"'`],
    ["a<b", "must not contain '<'"],
    ["a>b", "must not contain '>'"],
    ["a|b", "must not contain '|'"],
    ["a,b", "must not contain ','"],
    ["a#b", "must not contain '#'"],
    ["a:b", "must not contain ':'"],
    ["a b", "must not contain a space"],
    ["-logs", "must not start with '-', '_' or '+'"],
    ["_logs", "must not start with '-', '_' or '+'"],
    ["+logs", "must not start with '-', '_' or '+'"],
    [".", 'must not be "."'],
    ["..", 'must not be ".."'],
    ["x".repeat(256), "longer than 255 bytes"],
    ["日".repeat(86), "longer than 255 bytes"], // 86 characters, 258 bytes
    [`${"x".repeat(254)}é`, "longer than 255 bytes"],
  ])("rejects %j (%s)", (name, reason) => {
    const problem = indexNameProblem(name);
    expect(problem).not.toBeNull();
    expect(problem).toContain(reason);
  });

  it("keeps the reason short for very long names", () => {
    expect((indexNameProblem("x".repeat(10_000)) ?? "").length).toBeLessThan(120);
  });
});
