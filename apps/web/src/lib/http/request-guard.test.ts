import { describe, expect, it } from "vitest";
import { hostAllowed, originPolicy, refuseForgedApiRequest } from "./request-guard";

const facts = (method: string, headers: Record<string, string>) => ({
  method,
  protocol: "http:",
  headers: new Headers({ host: "127.0.0.1:3000", ...headers }),
});
const json = { "content-type": "application/json" };

describe("hostAllowed", () => {
  it("by default: loopback names on any port (the app's own listening origin), nothing else", () => {
    const p = originPolicy(undefined);
    for (const h of ["127.0.0.1:3000", "127.0.0.1:41234", "localhost:3000", "[::1]:3000", "LOCALHOST"]) {
      expect(hostAllowed(p, h), h).toBe(true);
    }
    for (const h of ["evil.example:3000", "127.0.0.1.evil.example", "localhost.evil.example:3000", "", "10.0.0.1:3000"]) {
      expect(hostAllowed(p, h), h).toBe(false);
    }
    expect(hostAllowed(p, null)).toBe(false);
  });

  it("with OUTFLOW_ORIGIN: exactly the configured hosts", () => {
    const p = originPolicy("https://outflow.example.com, http://127.0.0.1:3000");
    expect(hostAllowed(p, "outflow.example.com")).toBe(true);
    expect(hostAllowed(p, "127.0.0.1:3000")).toBe(true);
    expect(hostAllowed(p, "127.0.0.1:3001")).toBe(false);
    expect(hostAllowed(p, "evil.example")).toBe(false);
  });
});

describe("refuseForgedApiRequest", () => {
  const p = originPolicy(undefined);

  it("lets reads through, and JSON requests from the console's own origin or from non-browser clients", () => {
    expect(refuseForgedApiRequest(p, facts("GET", { origin: "http://evil.example" }))).toBeUndefined();
    expect(refuseForgedApiRequest(p, facts("POST", { ...json, origin: "http://127.0.0.1:3000" }))).toBeUndefined();
    expect(refuseForgedApiRequest(p, facts("DELETE", { "content-type": "application/json; charset=utf-8" }))).toBeUndefined();
    expect(refuseForgedApiRequest(p, facts("PATCH", { ...json, "sec-fetch-site": "same-origin" }))).toBeUndefined();
  });

  it("refuses what a form on another site can send: another content type (415) or none, a foreign Origin (403)", () => {
    expect(refuseForgedApiRequest(p, facts("POST", { "content-type": "text/plain" }))?.code).toBe("unsupported_media_type");
    expect(refuseForgedApiRequest(p, facts("POST", { "content-type": "application/x-www-form-urlencoded" }))?.code).toBe("unsupported_media_type");
    expect(refuseForgedApiRequest(p, facts("POST", {}))?.code).toBe("unsupported_media_type");
    expect(refuseForgedApiRequest(p, facts("POST", { ...json, origin: "http://evil.example" }))?.code).toBe("forbidden");
    expect(refuseForgedApiRequest(p, facts("POST", { ...json, origin: "http://127.0.0.1:3001" }))?.code).toBe("forbidden");
    expect(refuseForgedApiRequest(p, facts("POST", { ...json, origin: "null" }))?.code).toBe("forbidden");
    expect(refuseForgedApiRequest(p, facts("PUT", { ...json, "sec-fetch-site": "cross-site" }))?.code).toBe("forbidden");
  });

  it("exempts requests with a bearer token (not cookie-authenticated), by the header alone", () => {
    expect(
      refuseForgedApiRequest(p, facts("POST", { authorization: "Bearer abc", "content-type": "text/plain", origin: "http://evil.example" })),
    ).toBeUndefined();
    expect(refuseForgedApiRequest(p, facts("POST", { authorization: "Basic abc", "content-type": "text/plain" }))?.code).toBe("unsupported_media_type");
  });

  it("a malformed bearer header, or a request to the auth library (cookies only), gets the browser checks", () => {
    const evil = { "content-type": "application/json", origin: "http://evil.example" };
    for (const authorization of ["Bearer x y", "Bearer", "Bearer ", "bearer\tx\ty"]) {
      expect(refuseForgedApiRequest(p, facts("POST", { ...evil, authorization }))?.code, authorization).toBe("forbidden");
    }
    const toLibrary = { ...facts("POST", { ...evil, authorization: "Bearer abc" }), pathname: "/api/auth/change-password" };
    expect(refuseForgedApiRequest(p, toLibrary)?.code).toBe("forbidden");
    expect(refuseForgedApiRequest(p, { ...toLibrary, pathname: "/api/tasks" })).toBeUndefined();
  });

  it("accepts the configured origins besides the request's own", () => {
    const configured = originPolicy("https://outflow.example.com");
    expect(refuseForgedApiRequest(configured, facts("POST", { ...json, origin: "https://outflow.example.com" }))).toBeUndefined();
  });
});
