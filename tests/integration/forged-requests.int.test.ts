import { request } from "node:http";
import { ErrorResponse } from "@outflow/schemas/errors";
import type { ApiClient } from "@outflow/testing/api-client";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** A request with a Host header of our choosing (fetch does not let a caller set Host). */
function withHost(base: string, path: string, host: string, method = "GET"): Promise<{ status: number; body: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method, headers: { host, "content-type": "application/json" } }, (res) => {
      let body = "";
      res.on("data", (d) => {
        body += String(d);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(method === "GET" ? undefined : "{}");
  });
}

/** The attacks of issue 20 item 1, against the running console: a form on another site, another Origin, DNS rebinding. */
describe.concurrent("forged requests", () => {
  let stack: Stack;
  let api: ApiClient;
  /** A browser's requests: the admin's session cookie, no API token. */
  let browser: { send: ApiClient["send"] };

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    api = stack.api;
    const { cookie } = await stack.signIn(stack.admin.email, stack.admin.password);
    const anonymous = api.as();
    browser = { send: (method, path, init = {}) => anonymous.send(method, path, { ...init, headers: { cookie, ...init.headers } }) };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const connection = (name = uniqueName("forged")) => JSON.stringify({ kind: "kafka", name, brokers: SERVICES.kafkaBrokers });
  const connectionNames = async () => (await api.get<{ items: { name: string }[] }>("/api/connections")).items.map((c) => c.name);

  async function expectRefused(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    const envelope = ErrorResponse.parse(await res.json());
    expect(envelope.error.code).toBe(code);
  }

  it("what an HTML form on another site can send is refused (415), and nothing is created", async () => {
    const name = uniqueName("forged");
    await expectRefused(
      await browser.send("POST", "/api/connections", { body: connection(name), headers: { "content-type": "text/plain", origin: "http://evil.example" } }),
      415,
      "unsupported_media_type",
    );
    await expectRefused(
      await browser.send("POST", "/api/connections", { body: "kind=kafka", headers: { "content-type": "application/x-www-form-urlencoded" } }),
      415,
      "unsupported_media_type",
    );
    const task = await browser.send("POST", "/api/tasks/some-id/start");
    await expectRefused(task, 415, "unsupported_media_type");
    expect(await connectionNames()).not.toContain(name);
  });

  it("JSON from another Origin or a cross-site fetch is refused (403); the console's own origin and non-browser clients pass", async () => {
    const json = { "content-type": "application/json" };
    await expectRefused(
      await browser.send("POST", "/api/connections", { body: connection(), headers: { ...json, origin: "http://evil.example" } }),
      403,
      "forbidden",
    );
    await expectRefused(await browser.send("DELETE", "/api/connections/x", { headers: { ...json, "sec-fetch-site": "cross-site" } }), 403, "forbidden");
    const own = await browser.send("POST", "/api/connections", {
      body: connection(),
      headers: { ...json, origin: api.baseUrl, "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(201);
    const plain = await browser.send("POST", "/api/connections", { body: connection(), headers: json });
    expect(plain.status).toBe(201);
  });

  it("a bearer token exempts a request from the Origin and content-type checks (it is not cookie-authenticated)", async () => {
    const res = await api.send("POST", "/api/rules/validate", {
      body: JSON.stringify({ outflow: "rules", version: 1, rules: [] }),
      headers: { authorization: "Bearer test", "content-type": "text/plain", origin: "http://evil.example" },
    });
    expect(res.status).not.toBe(415);
    expect(res.status).not.toBe(403);
  });

  it("a malformed Authorization header is refused (401 naming the header), never answered from the session cookie", async () => {
    const json = { "content-type": "application/json" };
    for (const authorization of ["Bearer x y", "Bearer", "Basic YWRtaW46cGFzcw==", "ofw_token-without-scheme", ""]) {
      const me = await browser.send("GET", "/api/me", { headers: { authorization } });
      expect(me.status, `GET /api/me with Authorization: ${authorization}`).toBe(401);
      const body = ErrorResponse.parse(await me.json());
      expect(body.error.code).toBe("unauthorized");
      expect(body.error.field).toBe("authorization");
      expect(body.error.message).toContain("Authorization header");
      // A malformed header does not exempt a state-changing request from the cross-site check.
      const forged = await browser.send("POST", "/api/connections", { body: connection(), headers: { ...json, authorization, origin: "http://evil.example" } });
      expect(forged.status, `cross-site POST with Authorization: ${authorization}`).toBe(403);
      const sameSite = await browser.send("POST", "/api/connections", { body: connection(), headers: { ...json, authorization, origin: api.baseUrl } });
      expect(sameSite.status, `same-origin POST with Authorization: ${authorization}`).toBe(401);
    }
    // Nor does a well-formed one exempt a request to the auth library, which reads only the cookie.
    const toLibrary = await browser.send("POST", "/api/auth/sign-out", {
      body: "{}",
      headers: { ...json, authorization: "Bearer abc", origin: "http://evil.example" },
    });
    expect(toLibrary.status).toBe(403);
    expect(ErrorResponse.parse(await toLibrary.json()).error.message).toContain("Cross-origin request refused");
    expect((await browser.send("GET", "/api/me")).status).toBe(200);
  });

  it("a Host the console is not served as (DNS rebinding) is refused on pages and API; the listening origin passes", async () => {
    const evilApi = await withHost(api.baseUrl, "/api/health", "evil.example:3000");
    expect(evilApi.status).toBe(403);
    expect(ErrorResponse.parse(JSON.parse(evilApi.body)).error.code).toBe("forbidden");
    expect((await withHost(api.baseUrl, "/tasks", "evil.example:3000")).status).toBe(403);
    expect((await withHost(api.baseUrl, "/api/health", new URL(api.baseUrl).host)).status).toBe(200);
    expect((await withHost(api.baseUrl, "/api/health", `localhost:${new URL(api.baseUrl).port}`)).status).toBe(200);
  });

  it("pages carry CSP with frame-ancestors 'none', X-Frame-Options and a referrer policy", async () => {
    const page = await api.send("GET", "/tasks");
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
  });
});
