import { describe, expect, it } from "vitest";
import enErrors from "../../../messages/en/errors.json";
import { localizeError } from "./localize-error";
import { type ServerSentence, serverError } from "./server-error";

/** An argument for each of a sentence's ICU arguments: every sentence must render in English from its catalogue. */
function sampleParams(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => [m[1] as string, `v-${m[1]}`]));
}

describe("serverError", () => {
  it("words the message from the English catalogue and sends its key and arguments as text", () => {
    const e = serverError("not_found", "taskNotFound", { id: "t-1" });
    expect(e.message).toBe('No task with id "t-1"');
    expect(e.toResponse().error).toMatchObject({ code: "not_found", key: "taskNotFound", params: { id: "t-1" } });
    expect(serverError("not_found", "taskNotFound", { id: 12345678 }).toResponse().error.params).toEqual({ id: "12345678" });
  });

  it.each(Object.entries(enErrors.server) as [ServerSentence, string][])("renders %s with every argument it names, in both languages", (key, text) => {
    const params = sampleParams(text);
    const e = serverError("conflict", key, params);
    expect(e.message, "a sentence the English catalogue cannot render").not.toMatch(new RegExp(`^${key} `));
    for (const value of Object.values(params)) {
      expect(e.message).toContain(value);
    }
    const zh = localizeError({ code: "conflict", message: e.message, ...e.words, issues: [] }, "zh-CN").message;
    expect(zh).not.toBe(e.message);
    for (const value of Object.values(params)) {
      expect(zh).toContain(value);
    }
  });

  it("the console words a keyed error in Chinese, and an unkeyed one as the code's meaning and the server's words", () => {
    const keyed = serverError("not_found", "taskNotFound", { id: "t-1" });
    expect(localizeError({ code: "not_found", message: keyed.message, ...keyed.words, issues: [] }, "zh-CN").message).toBe("没有 ID 为“t-1”的任务");
    expect(localizeError({ code: "not_found", message: "Gone", issues: [] }, "zh-CN").message).toContain("Gone");
  });
});
