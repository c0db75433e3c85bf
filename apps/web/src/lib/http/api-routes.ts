/**
 * Every path of the HTTP API and the methods it answers, for the proxy's JSON 404 and 405 (Next answers an unknown
 * path with an HTML page and an unexported method with an empty 405). `api-routes.test.ts` keeps this table equal
 * to the route files under `src/app/api`.
 */
export const API_ROUTES: readonly { pattern: string; methods: readonly string[] }[] = [
  { pattern: "/api/health", methods: ["GET"] },
  { pattern: "/api/connections", methods: ["GET", "POST"] },
  { pattern: "/api/connections/test", methods: ["POST"] },
  { pattern: "/api/connections/[id]", methods: ["GET", "PATCH", "DELETE"] },
  { pattern: "/api/connections/[id]/test", methods: ["POST"] },
  { pattern: "/api/connections/[id]/topics", methods: ["GET"] },
  { pattern: "/api/connections/[id]/sample", methods: ["GET"] },
  { pattern: "/api/connections/[id]/schemas/[schemaId]", methods: ["GET"] },
  { pattern: "/api/tasks", methods: ["GET", "POST"] },
  { pattern: "/api/tasks/[id]", methods: ["GET", "PATCH", "PUT", "DELETE"] },
  { pattern: "/api/tasks/[id]/start", methods: ["POST"] },
  { pattern: "/api/tasks/[id]/stop", methods: ["POST"] },
  { pattern: "/api/tasks/[id]/reset-offsets", methods: ["POST"] },
  { pattern: "/api/tasks/[id]/events", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/series", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/indices", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/documents", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/documents/[index]/[docId]", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/messages/[topic]/[partition]/[offset]", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/rules", methods: ["GET", "PUT"] },
  { pattern: "/api/tasks/[id]/versions", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/versions/[version]/restore", methods: ["POST"] },
  { pattern: "/api/tasks/[id]/held", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/held/skip", methods: ["POST"] },
  { pattern: "/api/tasks/[id]/held/retry", methods: ["POST"] },
  { pattern: "/api/tasks/[id]/dead-letters", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/dead-letters/groups", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/dead-letters/letter", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/dead-letters/test", methods: ["POST"] },
  { pattern: "/api/tasks/[id]/dead-letters/replays", methods: ["GET", "POST"] },
  { pattern: "/api/tasks/[id]/dead-letters/replays/[replayId]", methods: ["GET"] },
  { pattern: "/api/tasks/[id]/discards", methods: ["GET"] },
  { pattern: "/api/rules/validate", methods: ["POST"] },
  { pattern: "/api/preview", methods: ["POST"] },
  { pattern: "/api/preview/dry-run", methods: ["POST"] },
  { pattern: "/api/preview/sample", methods: ["GET"] },
  { pattern: "/api/preview/index-template", methods: ["POST"] },
  { pattern: "/api/auth/[...all]", methods: ["GET", "POST"] },
  { pattern: "/api/setup", methods: ["POST"] },
  { pattern: "/api/me", methods: ["GET", "PATCH"] },
  { pattern: "/api/tokens", methods: ["GET", "POST"] },
  { pattern: "/api/tokens/[id]", methods: ["DELETE"] },
  { pattern: "/api/users", methods: ["GET", "POST"] },
  { pattern: "/api/users/[id]", methods: ["PATCH", "DELETE"] },
  { pattern: "/api/audit", methods: ["GET"] },
  { pattern: "/api/webhooks", methods: ["GET", "POST"] },
  { pattern: "/api/webhooks/[id]", methods: ["GET", "PATCH", "DELETE"] },
  { pattern: "/api/webhooks/[id]/test", methods: ["POST"] },
  { pattern: "/api/metrics", methods: ["GET"] },
];

export type ApiRouteMatch = { kind: "found" } | { kind: "not_found" } | { kind: "method_not_allowed"; allow: string[] };

/** Whether the API has `pathname` (ids match any non-empty segment) and answers `method` there. */
export function matchApiRoute(method: string, pathname: string): ApiRouteMatch {
  const segments = trimSlash(pathname).split("/");
  // Static segments win over [id] (as in Next): /api/connections/test is not /api/connections/[id].
  const candidates = API_ROUTES.filter((r) => matches(r.pattern.split("/"), segments)).sort((a, b) => dynamicCount(a.pattern) - dynamicCount(b.pattern));
  const best = candidates[0];
  if (!best) {
    return { kind: "not_found" };
  }
  // Next answers HEAD for GET routes and OPTIONS for every route by itself.
  const allow = best.methods.includes("GET") ? [...best.methods, "HEAD"] : [...best.methods];
  return allow.includes(method) || method === "OPTIONS" ? { kind: "found" } : { kind: "method_not_allowed", allow };
}

function matches(pattern: string[], segments: string[]): boolean {
  // A catch-all ([...rest], better-auth's handler) takes one or more remaining segments.
  if (pattern.at(-1)?.startsWith("[...")) {
    const head = pattern.slice(0, -1);
    return segments.length > head.length && matches(head, segments.slice(0, head.length));
  }
  return pattern.length === segments.length && pattern.every((p, i) => (p.startsWith("[") ? (segments[i] ?? "") !== "" : p === segments[i]));
}

function dynamicCount(pattern: string): number {
  return pattern.split("/").filter((p) => p.startsWith("[")).length;
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p;
}
