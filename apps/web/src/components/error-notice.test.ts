import { NextIntlClientProvider } from "next-intl";
import { type ComponentProps, createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "../i18n/messages";
import { ApiError } from "../lib/http/fetch-json";
import { localizeError } from "../lib/http/localize-error";
import { serverError } from "../lib/http/server-error";
import { ErrorNotice } from "./error-notice";

/** The notice a Chinese page shows for an error answer, as fetchJson makes it. */
function zhNotice(e: { code: ApiError["code"]; message: string; key?: string; params?: Record<string, string>; issues?: ApiError["issues"] }): string {
  const local = localizeError({ ...e, issues: e.issues ?? [] }, "zh-CN");
  const error = new ApiError(400, e.code, local.message, local.issues, undefined, e.key ? { key: e.key, params: e.params } : undefined);
  const notice = createElement(ErrorNotice, { error });
  return renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      { locale: "zh-CN", messages: MESSAGES["zh-CN"], timeZone: "UTC" } as ComponentProps<typeof NextIntlClientProvider>,
      notice,
    ),
  );
}

describe("ErrorNotice on a Chinese page", () => {
  it("marks a keyed sentence's arguments (the server's data) as server text, not its catalogue words", () => {
    const e = serverError("bad_request", "bodyNotJson", { detail: "Unexpected token in JSON" }).toResponse().error;
    const html = zhNotice({ code: e.code, message: e.message, key: e.key, params: e.params as Record<string, string> });
    expect(html).toContain('请求体不是有效的 JSON：<span data-server-text="">Unexpected token in JSON</span>');
  });

  it("marks an unkeyed answer's own words, after the code's meaning", () => {
    const html = zhNotice({ code: "conflict", message: "Some words only the server has" });
    expect(html).toContain('<span data-server-text="">Some words only the server has</span>');
  });

  it("marks an issue without a key as the server's words, and leaves a translated one plain", () => {
    const html = zhNotice({
      code: "unprocessable_entity",
      message: "a: Only the server says this",
      issues: [
        { field: "a", message: "Only the server says this" },
        { field: "b", message: "Nested more than 64 levels deep", key: "server.nestedTooDeep", params: { maxDepth: "64" } },
      ],
    });
    expect(html).toContain('<span data-server-text="">Only the server says this</span>');
    expect(html).toContain('嵌套超过 <span data-server-text="">64</span> 层');
  });
});
