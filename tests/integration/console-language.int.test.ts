import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The console's language: from Accept-Language by default, the switch's cookie over it, and a signed-in user's
 * stored choice over both; `<html lang>` and the page's words follow it.
 */
describe("console language", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function page(path: string, headers: Record<string, string>): Promise<{ lang: string | undefined; title: string | undefined }> {
    const res = await fetch(`${stack.baseUrl}${path}`, { headers, redirect: "manual" });
    expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(200);
    const html = await res.text();
    return { lang: /<html[^>]* lang="([^"]+)"/.exec(html)?.[1], title: /<title>([^<]*)<\/title>/.exec(html)?.[1] };
  }

  it("follows Accept-Language, then the language cookie over it", async () => {
    expect(await page("/sign-in", { "accept-language": "zh-CN,zh;q=0.9,en;q=0.8" })).toEqual({ lang: "zh-CN", title: "登录 · Outflow" });
    expect(await page("/sign-in", { "accept-language": "zh-TW" })).toMatchObject({ lang: "zh-CN" });
    expect(await page("/sign-in", { "accept-language": "en-GB,en;q=0.9" })).toEqual({ lang: "en", title: "Sign in · Outflow" });
    expect(await page("/sign-in", { "accept-language": "fr-FR" })).toMatchObject({ lang: "en" });
    expect(await page("/sign-in", { "accept-language": "en", cookie: "outflow-locale=zh-CN" })).toMatchObject({ lang: "zh-CN" });
    // A cookie naming no language of the console is ignored.
    expect(await page("/sign-in", { "accept-language": "zh", cookie: "outflow-locale=fr" })).toMatchObject({ lang: "zh-CN" });
  });

  it("keeps a signed-in user's choice on the account, over the cookie and the header", async () => {
    const user = await stack.createUser("viewer");
    const { cookie } = await stack.signIn(user.email, user.password);
    const send = (method: string, body?: unknown) =>
      fetch(`${stack.baseUrl}/api/me`, {
        method,
        headers: { cookie, origin: stack.baseUrl, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(await (await send("GET")).json()).toMatchObject({ locale: null });

    const refused = await send("PATCH", { locale: "fr" });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { issues: { field: string }[] } }).error.issues.map((i) => i.field)).toEqual(["locale"]);

    expect((await send("PATCH", { locale: "zh-CN" })).status).toBe(200);
    expect(await (await send("GET")).json()).toMatchObject({ locale: "zh-CN" });
    const english = { "accept-language": "en", cookie: `${cookie}; outflow-locale=en` };
    expect(await page("/tasks", english)).toEqual({ lang: "zh-CN", title: "任务 · Outflow" });
    // Another user's pages are not affected.
    expect(await page("/sign-in", { "accept-language": "en" })).toMatchObject({ lang: "en" });

    expect((await send("PATCH", { locale: null })).status).toBe(200);
    expect(await page("/tasks", english)).toEqual({ lang: "en", title: "Tasks · Outflow" });
  });
});
