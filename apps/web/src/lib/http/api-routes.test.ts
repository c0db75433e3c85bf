import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, matchApiRoute } from "./api-routes";

const API_DIR = join(import.meta.dirname, "../../app/api");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? routeFiles(path) : name === "route.ts" ? [path] : [];
  });
}

describe("API_ROUTES", () => {
  it("lists exactly the route files and the methods they export", () => {
    const onDisk = routeFiles(API_DIR)
      .map((file) => ({
        pattern: `/api/${relative(API_DIR, file).replace(/\/?route\.ts$/, "")}`.replace(/\/$/, ""),
        methods: [...readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE) =/g)].map((m) => m[1]).sort(),
      }))
      .sort((a, b) => a.pattern.localeCompare(b.pattern));
    const table = API_ROUTES.map((r) => ({ pattern: r.pattern, methods: [...r.methods].sort() })).sort((a, b) => a.pattern.localeCompare(b.pattern));
    expect(table).toEqual(onDisk);
  });

  it("matches static segments before ids, and tells 404 from 405", () => {
    expect(matchApiRoute("POST", "/api/connections/test")).toEqual({ kind: "found" });
    expect(matchApiRoute("GET", "/api/connections/test")).toEqual({ kind: "method_not_allowed", allow: ["POST"] });
    expect(matchApiRoute("GET", "/api/connections/abc")).toEqual({ kind: "found" });
    expect(matchApiRoute("HEAD", "/api/tasks/abc/events")).toEqual({ kind: "found" });
    expect(matchApiRoute("POST", "/api/tasks/abc")).toEqual({ kind: "method_not_allowed", allow: ["GET", "PATCH", "PUT", "DELETE", "HEAD"] });
    expect(matchApiRoute("GET", "/api/nope")).toEqual({ kind: "not_found" });
    expect(matchApiRoute("GET", "/api/tasks/abc/nope")).toEqual({ kind: "not_found" });
    expect(matchApiRoute("GET", "/api/tasks/")).toEqual({ kind: "found" });
    expect(matchApiRoute("GET", "/api/tasks//start")).toEqual({ kind: "not_found" });
    expect(matchApiRoute("POST", "/api/auth/sign-in/email")).toEqual({ kind: "found" });
    expect(matchApiRoute("GET", "/api/auth")).toEqual({ kind: "not_found" });
  });
});
