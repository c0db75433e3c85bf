import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createAuth, SERVED_LIBRARY_PATHS } from "@outflow/auth/auth";
import { getPrisma } from "@outflow/db/client";
import type { Role } from "@outflow/schemas/roles";
import type { ApiError } from "@outflow/testing/api-client";
import { ROOT, Stack, type StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Need = Role | "public";

/**
 * Who may call each API route. Every `route.ts` handler in the tree must be listed: a new route fails this test
 * until it is added here with the role its wrapper asks for.
 */
const EXPECTED: Record<string, Need> = {
  "GET /api/health": "public",
  "POST /api/setup": "public",
  "GET /api/me": "viewer",
  "PATCH /api/me": "viewer",
  "GET /api/tokens": "viewer",
  "POST /api/tokens": "viewer",
  "DELETE /api/tokens/[id]": "viewer",
  "GET /api/audit": "admin",
  "GET /api/metrics": "admin",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "DELETE /api/users/[id]": "admin",
  "GET /api/connections": "viewer",
  "POST /api/connections": "admin",
  "POST /api/connections/test": "admin",
  "GET /api/connections/[id]": "viewer",
  "PATCH /api/connections/[id]": "admin",
  "DELETE /api/connections/[id]": "admin",
  "POST /api/connections/[id]/test": "editor",
  "GET /api/connections/[id]/topics": "editor",
  "GET /api/connections/[id]/sample": "editor",
  "GET /api/connections/[id]/schemas/[schemaId]": "editor",
  "POST /api/preview": "editor",
  "POST /api/preview/dry-run": "editor",
  "GET /api/preview/sample": "editor",
  "POST /api/preview/index-template": "editor",
  "POST /api/rules/validate": "editor",
  "GET /api/tasks": "viewer",
  "POST /api/tasks": "editor",
  "GET /api/tasks/[id]": "viewer",
  "PATCH /api/tasks/[id]": "editor",
  "PUT /api/tasks/[id]": "editor",
  "DELETE /api/tasks/[id]": "editor",
  "POST /api/tasks/[id]/start": "editor",
  "POST /api/tasks/[id]/stop": "editor",
  "POST /api/tasks/[id]/reset-offsets": "editor",
  "GET /api/tasks/[id]/events": "viewer",
  "GET /api/tasks/[id]/series": "viewer",
  "GET /api/tasks/[id]/indices": "viewer",
  "GET /api/tasks/[id]/documents": "editor",
  "GET /api/tasks/[id]/documents/[index]/[docId]": "editor",
  "GET /api/tasks/[id]/messages/[topic]/[partition]/[offset]": "editor",
  "GET /api/tasks/[id]/rules": "viewer",
  "PUT /api/tasks/[id]/rules": "editor",
  "GET /api/tasks/[id]/versions": "viewer",
  "POST /api/tasks/[id]/versions/[version]/restore": "editor",
  "GET /api/tasks/[id]/held": "viewer",
  "POST /api/tasks/[id]/held/skip": "editor",
  "POST /api/tasks/[id]/held/retry": "editor",
  "GET /api/tasks/[id]/dead-letters": "viewer",
  "GET /api/tasks/[id]/dead-letters/groups": "viewer",
  "GET /api/tasks/[id]/dead-letters/letter": "viewer",
  "POST /api/tasks/[id]/dead-letters/test": "editor",
  "GET /api/tasks/[id]/dead-letters/replays": "viewer",
  "POST /api/tasks/[id]/dead-letters/replays": "editor",
  "GET /api/tasks/[id]/dead-letters/replays/[replayId]": "viewer",
  "GET /api/tasks/[id]/discards": "viewer",
  "GET /api/webhooks": "editor",
  "POST /api/webhooks": "editor",
  "GET /api/webhooks/[id]": "editor",
  "PATCH /api/webhooks/[id]": "editor",
  "DELETE /api/webhooks/[id]": "editor",
  "POST /api/webhooks/[id]/test": "editor",
};

/**
 * better-auth's catch-all: of the library's endpoints only SERVED_LIBRARY_PATHS answer (sign-in, sign-out, session,
 * own password; checked by the library, tested in auth.int.test.ts); the test below calls every other one.
 */
const LIBRARY_ROUTES = new Set(["GET /api/auth/[...all]", "POST /api/auth/[...all]"]);

const RANK: Record<Need, number> = { public: -1, viewer: 0, editor: 1, admin: 2 };
const API_DIR = join(ROOT, "apps/web/src/app/api");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? routeFiles(p) : e.name === "route.ts" ? [p] : [];
  });
}

/** Every exported HTTP method of every route.ts, as "METHOD /api/path". */
function handlersInTree(): string[] {
  return routeFiles(API_DIR).flatMap((file) => {
    const path = `/api/${relative(API_DIR, file).replace(/\/?route\.ts$/, "")}`.replace(/\/$/, "");
    const source = readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)].map((m) => m[1]);
    return methods.map((m) => `${m} ${path}`);
  });
}

describe("who may call which API route", () => {
  let stack: Stack;
  const users: Partial<Record<Role, StackUser>> = {};

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    users.admin = stack.admin;
    users.editor = await stack.createUser("editor");
    users.viewer = await stack.createUser("viewer");
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** The status of one call (with a path id that exists nowhere and an empty JSON body, so nothing changes). */
  async function statusOf(handler: string, token: string | undefined): Promise<{ status: number; code?: string }> {
    const [method = "GET", path = ""] = handler.split(" ");
    const url = path.replace(/\[[^\]]+\]/g, "no-such-id");
    // Read raw: not every answer is JSON (GET /api/metrics is the Prometheus text format).
    const json = { "content-type": "application/json" };
    const init = method === "GET" ? {} : method === "DELETE" ? { headers: json } : { body: "{}", headers: json };
    const res = await stack.api.as(token).send(method, url, init);
    if (res.ok) {
      return { status: 200 };
    }
    const body = (await res.json().catch(() => ({}))) as ApiError["body"];
    return { status: res.status, code: body.error?.code };
  }

  it("lists every handler in the tree (a new route must be added to the matrix)", () => {
    const found = handlersInTree().filter((h) => !LIBRARY_ROUTES.has(h));
    expect(found.length).toBeGreaterThan(20);
    expect(
      found.filter((h) => !(h in EXPECTED)),
      "handlers missing from EXPECTED",
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((h) => !found.includes(h)),
      "EXPECTED names handlers that do not exist",
    ).toEqual([]);
  });

  it("answers 401 to anonymous calls, 403 below the route's role, and lets the role and above through", async () => {
    const seen: string[] = [];
    for (const handler of handlersInTree().filter((h) => !LIBRARY_ROUTES.has(h))) {
      const need = EXPECTED[handler] ?? "admin";
      const anon = await statusOf(handler, undefined);
      if (need === "public") {
        expect(anon.status, `${handler} anonymously`).not.toBe(401);
      } else {
        expect(anon, `${handler} anonymously`).toEqual({ status: 401, code: "unauthorized" });
      }
      for (const role of ["viewer", "editor", "admin"] as const) {
        const got = await statusOf(handler, users[role]?.token);
        if (RANK[role] >= RANK[need]) {
          expect([401, 403], `${handler} as ${role}: ${JSON.stringify(got)}`).not.toContain(got.status);
        } else {
          expect(got, `${handler} as ${role}`).toEqual({ status: 403, code: "forbidden" });
        }
        seen.push(`${handler} ${role} ${got.status}`);
      }
    }
    expect(seen.length).toBe(Object.keys(EXPECTED).length * 3);
  });

  it("of the auth library serves only the console's endpoints: its admin and account routes answer 404 and change nothing", async () => {
    const db = getPrisma(stack.databaseUrl);
    type Endpoint = { path?: string; options?: { method?: string | string[] } };
    const endpoints = Object.values(createAuth(db, stack.env.OUTFLOW_SECRET_KEY ?? "").api as Record<string, Endpoint>).filter(
      (e): e is Endpoint & { path: string } => typeof e.path === "string",
    );
    const served = new Set(SERVED_LIBRARY_PATHS.map((p) => `/${p}`));
    // Every served path is one of the library's, and the library still has its admin routes (else this test tests nothing).
    expect([...served].filter((p) => !endpoints.some((e) => e.path === p))).toEqual([]);
    expect(endpoints.map((e) => e.path)).toEqual(expect.arrayContaining(["/admin/set-role", "/admin/create-user", "/admin/impersonate-user"]));

    const admin = users.admin as StackUser;
    const editor = users.editor as StackUser;
    const { cookie } = await stack.signIn(admin.email, admin.password);
    const state = async () => ({
      users: await db.user.findMany({ select: { id: true, email: true, role: true, banned: true, name: true }, orderBy: { id: "asc" } }),
      passwords: await db.account.findMany({ select: { userId: true, password: true }, orderBy: { id: "asc" } }),
      sessions: await db.session.count({ where: { impersonatedBy: { not: null } } }),
      audit: await db.auditEntry.count(),
    });
    const before = await state();
    const body = JSON.stringify({
      userId: editor.id,
      role: "admin",
      email: "via-library@outflow.test",
      newEmail: "via-library@outflow.test",
      password: "12345",
      newPassword: "12345",
      name: "via library",
      data: { role: "admin" },
      banReason: "x",
      permissions: { user: ["create"] },
    });
    const answers: string[] = [];
    for (const e of endpoints.filter((x) => !served.has(x.path))) {
      const path = `/api/auth${e.path.replace(/:[^/]+/g, "x")}`;
      const methods = e.options?.method === undefined ? ["GET", "POST"] : [e.options.method].flat().filter((m) => m === "GET" || m === "POST");
      for (const method of methods) {
        const res = await fetch(`${stack.baseUrl}${path}`, {
          method,
          headers: { cookie, origin: stack.baseUrl, "content-type": "application/json" },
          body: method === "POST" ? body : undefined,
        });
        const code = ((await res.json().catch(() => ({}))) as ApiError["body"]).error?.code;
        answers.push(`${method} ${path} ${res.status} ${code}`);
        expect(`${method} ${path} ${res.status} ${code}`).toBe(`${method} ${path} 404 not_found`);
      }
    }
    expect(answers.length).toBeGreaterThan(30);
    expect(await state()).toEqual(before);
  });

  it("refuses a token that is unknown or malformed", async () => {
    expect(await statusOf("GET /api/tasks", "ofw_not-a-real-token")).toEqual({ status: 401, code: "unauthorized" });
    expect(await statusOf("GET /api/tasks", "garbage")).toEqual({ status: 401, code: "unauthorized" });
  });
});
