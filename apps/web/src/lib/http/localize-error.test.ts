import { issuesFromZod } from "@outflow/schemas/errors";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { localizeError, localizeIssue } from "./localize-error";

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesFromZod(r.error);
};

describe("localizeIssue", () => {
  const issues = issuesOf(z.strictObject({ name: z.string().min(3), mode: z.enum(["a", "b"]), n: z.number(), at: z.string() }), {
    name: "x",
    mode: "c",
    n: "7",
    extra: 1,
  });

  it("keeps the API's English", () => {
    expect(issues.map((i) => localizeIssue(i, "en"))).toEqual(issues.map((i) => i.message));
  });

  it("words each keyed issue in Chinese: zod's own translation, or the errors catalogue", () => {
    expect(issues.map((i) => [i.field, localizeIssue(i, "zh-CN")])).toEqual([
      ["name", "数值过小：期望 string >=3 字符"],
      ["mode", '无效选项：期望以下之一 "a"|"b"'],
      ["n", "无效输入：期望 数字，实际接收 string"],
      ["at", "必填（string）"],
      ["extra", '未知字段 "extra"（请检查拼写和位置）'],
    ]);
  });

  it("words a schema's or the compile's key from the errors catalogue with the issue's arguments", () => {
    const port = { field: "brokers.0", message: "Port 70000 is out of range: a port is 1 to 65535", key: "schema.connection.brokerPortRange" };
    expect(localizeIssue({ ...port, params: { port: "70000" } }, "zh-CN")).toBe("端口 70000 超出范围：端口须在 1 到 65535 之间");
    // A key the catalogue lacks, or an argument its message names missing (a server newer or older than the console): the English.
    expect(localizeIssue({ ...port, params: {} }, "zh-CN")).toBe(port.message);
    expect(localizeIssue({ field: "x", message: "Something new", key: "schema.future.thing", params: {} }, "zh-CN")).toBe("Something new");
  });

  it("keeps a sentence only the server can say (no key) in its words", () => {
    expect(localizeIssue({ field: "config.sink.index", message: '".kibana" is a system index' }, "zh-CN")).toBe('".kibana" is a system index');
  });
});

describe("localizeError", () => {
  it("leads with the first issue for invalid input, and with the code's meaning otherwise", () => {
    const issues = issuesOf(z.object({ name: z.string().min(3) }), { name: "x" });
    expect(localizeError({ code: "unprocessable_entity", message: "name: Too small", issues }, "zh-CN").message).toBe("name: 数值过小：期望 string >=3 字符");
    expect(localizeError({ code: "not_found", message: "Task t-1 not found", issues: [] }, "zh-CN").message).toBe("未找到：Task t-1 not found");
    expect(localizeError({ code: "not_found", message: "Task t-1 not found", issues: [] }, "en").message).toBe("Task t-1 not found");
  });
});
