import { createApiToken } from "@outflow/auth/api-tokens";
import { createAuth } from "@outflow/auth/auth";
import { firstRun } from "@outflow/auth/first-run";
import { getPrisma } from "@outflow/db/client";
import type { ApiError } from "@outflow/testing/api-client";
import { Stack } from "@outflow/testing/stack";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Sign-in, sessions, passwords, API tokens and the first-admin setup, through the running web app. */
describe("accounts and API tokens", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const signIn = (email: string, password: string) => stack.signIn(email, password);

  const withCookie = (cookie: string, path: string, init: RequestInit = {}) =>
    fetch(`${stack.baseUrl}${path}`, { ...init, headers: { cookie, origin: stack.baseUrl, "content-type": "application/json", ...init.headers } });

  it("signs in with email and password, keeps the session in Postgres, and signs out", async () => {
    expect((await signIn(stack.admin.email, "wrong password")).status).toBe(401);
    const { status, cookie } = await signIn(stack.admin.email, stack.admin.password);
    expect(status).toBe(200);
    const me = await withCookie(cookie, "/api/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: stack.admin.email, role: "admin", via: "session" });

    const db = new pg.Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM sessions WHERE "userId" = $1', [stack.admin.id])).rows[0].n).toBeGreaterThanOrEqual(1);
      const hash = (await db.query('SELECT password FROM accounts WHERE "userId" = $1', [stack.admin.id])).rows[0].password as string;
      expect(hash).not.toContain(stack.admin.password);
    } finally {
      await db.end();
    }

    expect((await withCookie(cookie, "/api/auth/sign-out", { method: "POST", body: "{}" })).status).toBe(200);
    expect((await withCookie(cookie, "/api/me")).status).toBe(401);
  });

  it("has no public sign-up", async () => {
    const res = await fetch(`${stack.baseUrl}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: stack.baseUrl },
      body: JSON.stringify({ name: "x", email: "intruder@outflow.test", password: "intruder-password" }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const users = await stack.api.get<{ items: { email: string }[] }>("/api/users");
    expect(users.items.map((u) => u.email)).not.toContain("intruder@outflow.test");
  });

  it("changes one's own password, and lets an admin reset another user's", async () => {
    const editor = await stack.createUser("editor");
    const { cookie } = await signIn(editor.email, editor.password);
    const changed = await withCookie(cookie, "/api/auth/change-password", {
      method: "POST",
      body: JSON.stringify({ currentPassword: editor.password, newPassword: "a-new-password-1" }),
    });
    expect(changed.status).toBe(200);
    expect((await signIn(editor.email, editor.password)).status).toBe(401);
    expect((await signIn(editor.email, "a-new-password-1")).status).toBe(200);

    const reset = await stack.api.patch<{ role: string }>(`/api/users/${editor.id}`, { password: "reset-by-admin-2" });
    expect(reset.role).toBe("editor");
    expect((await withCookie(cookie, "/api/me")).status).toBe(401);
    expect((await signIn(editor.email, "a-new-password-1")).status).toBe(401);
    expect((await signIn(editor.email, "reset-by-admin-2")).status).toBe(200);

    const err = await stack.api.expectError("PATCH", `/api/users/${editor.id}`, { password: "short" });
    expect(err.status).toBe(422);
    expect(err.body.error?.field).toBe("password");
  });

  const signInFrom = (email: string, password: string, forwardedFor: string) =>
    fetch(`${stack.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: stack.baseUrl, "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email, password }),
    });

  it("limits failed sign-ins per account and connection address: a new X-Forwarded-For each time does not help", async () => {
    const target = await stack.createUser("viewer");
    const statuses: number[] = [];
    for (let i = 1; i <= 15; i++) {
      statuses.push((await signInFrom(target.email, `guess-${i}`, `203.0.113.${i}`)).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(10).fill(429));
    const refused = await signInFrom(target.email, target.password, "198.51.100.1");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-retry-after")).toBe(refused.headers.get("retry-after"));
    expect(((await refused.json()) as ApiError["body"]).error?.code).toBe("too_many_requests");
    // Naming another address (the victim's, say) in X-Forwarded-For locks out nobody else: another account signs in.
    const other = await stack.createUser("viewer");
    expect((await signInFrom(other.email, other.password, "203.0.113.1")).status).toBe(200);
  });

  it("limits wrong current passwords on change-password per account and connection address, and audits a change", async () => {
    const user = await stack.createUser("viewer");
    const { cookie } = await signIn(user.email, user.password);
    const change = (currentPassword: string, forwardedFor: string) =>
      withCookie(cookie, "/api/auth/change-password", {
        method: "POST",
        headers: { "x-forwarded-for": forwardedFor },
        body: JSON.stringify({ currentPassword, newPassword: "changed-password-9" }),
      });
    expect((await change(user.password, "203.0.113.200")).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 1; i <= 15; i++) {
      statuses.push((await change(`guess-${i}`, `203.0.113.${i}`)).status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 400 || s === 401)).toBe(true);
    expect(statuses.slice(5)).toEqual(Array(10).fill(429));
    expect((await change("changed-password-9", "198.51.100.2")).status).toBe(429);

    type Entries = { items: { actorEmail: string; action: string; targetId: string | null }[] };
    const audit = await stack.api.get<Entries>(`/api/audit?actor=${encodeURIComponent(user.email)}`);
    expect(audit.items.filter((e) => e.action === "user.password.change")).toEqual([expect.objectContaining({ actorEmail: user.email, targetId: user.id })]);
  });

  it("an admin's password reset ends the user's sessions and revokes their API tokens; a role change applies at once", async () => {
    const editor = await stack.createUser("editor");
    const { cookie } = await signIn(editor.email, editor.password);
    const token = (await editor.api.post<{ token: string }>("/api/tokens", { name: "before reset", expiresInDays: 1 })).token;
    // An editor may create tasks (422: the empty body), a viewer may not (403), on the very next request.
    expect((await withCookie(cookie, "/api/tasks", { method: "POST", body: "{}" })).status).toBe(422);
    expect((await stack.api.as(token).expectError("POST", "/api/tasks", {})).status).toBe(422);
    await stack.api.patch(`/api/users/${editor.id}`, { role: "viewer" });
    expect((await withCookie(cookie, "/api/tasks", { method: "POST", body: "{}" })).status).toBe(403);
    expect((await stack.api.as(token).expectError("POST", "/api/tasks", {})).status).toBe(403);
    expect(await stack.api.as(token).get("/api/me")).toMatchObject({ role: "viewer" });

    await stack.api.patch(`/api/users/${editor.id}`, { password: "reset-by-admin-3" });
    expect((await withCookie(cookie, "/api/me")).status).toBe(401);
    expect((await stack.api.as(token).expectError("GET", "/api/me")).status).toBe(401);
    expect(await getPrisma(stack.databaseUrl).apiToken.count({ where: { userId: editor.id } })).toBe(0);

    type Entries = { items: { action: string; targetId: string | null; details: Record<string, unknown> | null }[] };
    const audit = await stack.api.get<Entries>("/api/audit?action=user.update");
    const mine = audit.items.filter((e) => e.targetId === editor.id).map((e) => e.details);
    expect(mine).toEqual(expect.arrayContaining([expect.objectContaining({ role: "viewer" }), expect.objectContaining({ passwordReset: true })]));
    expect(JSON.stringify(audit)).not.toContain("reset-by-admin-3");
  });

  it("makes personal tokens that act with the owner's role, shows them once, records their use and revokes them", async () => {
    const viewer = await stack.createUser("viewer");
    const created = await viewer.api.post<{ id: string; token: string; prefix: string; lastUsedAt: string | null }>("/api/tokens", {
      name: "ci",
      expiresInDays: 7,
    });
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const asToken = stack.api.as(created.token);
    expect(await asToken.get("/api/me")).toMatchObject({ email: viewer.email, role: "viewer", via: "token" });
    expect((await asToken.expectError("POST", "/api/tasks", {})).status).toBe(403);

    const listed = await viewer.api.get<{ items: Record<string, unknown>[] }>("/api/tokens");
    const row = listed.items.find((t) => t.id === created.id);
    expect(row?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    // Others' tokens are not theirs to list or revoke; admins see and revoke everyone's.
    expect((await viewer.api.expectError("GET", "/api/tokens?all=true")).status).toBe(403);
    const all = await stack.api.get<{ items: { id: string; owner: { id: string } }[] }>("/api/tokens?all=true");
    expect(all.items.map((t) => t.id)).toContain(created.id);
    const adminsToken = all.items.find((t) => t.owner.id === stack.admin.id);
    expect((await viewer.api.expectError("DELETE", `/api/tokens/${adminsToken?.id}`)).status).toBe(404);

    await viewer.api.delete(`/api/tokens/${created.id}`);
    const after = await asToken.expectError("GET", "/api/me");
    expect(after.status).toBe(401);
    expect(after.body.error?.code).toBe("unauthorized");
  });

  it("refuses an expired token", async () => {
    const { token } = await createApiToken(getPrisma(stack.databaseUrl), stack.admin.id, "old", new Date(Date.now() - 1000));
    expect((await stack.api.as(token).expectError("GET", "/api/tasks")).status).toBe(401);
  });

  it("never samples Kafka's internal topics", async () => {
    const kafka = await stack.api.post<{ id: string }>("/api/connections", { kind: "kafka", name: `k-${Date.now()}`, brokers: ["127.0.0.1:9092"] });
    const err = await stack.api.expectError("GET", `/api/connections/${kafka.id}/sample?topics=__consumer_offsets`);
    expect(err.status).toBe(422);
    expect(err.body.error?.field).toBe("topics.0");
  });

  it("records who changed what, never request bodies, and filters the audit log", async () => {
    const viewer = await stack.createUser("viewer");
    const conn = await stack.api.post<{ id: string }>("/api/connections", {
      kind: "elasticsearch",
      name: `es-${Date.now()}`,
      nodes: ["http://127.0.0.1:9200"],
      auth: { type: "basic", username: "elastic", password: "audit-canary-password" },
    });
    await stack.api.patch(`/api/connections/${conn.id}`, { nodes: ["http://127.0.0.1:9200"] });
    const tok = await viewer.api.post<{ id: string }>("/api/tokens", { name: "audited", expiresInDays: 1 });
    await viewer.api.expectError("POST", "/api/tasks", {});

    type Entries = { items: { actorEmail: string; action: string; targetId: string | null }[] };
    const all = await stack.api.get<Entries>("/api/audit");
    expect(all.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorEmail: stack.admin.email, action: "connection.create", targetId: conn.id }),
        expect.objectContaining({ actorEmail: stack.admin.email, action: "connection.update", targetId: conn.id }),
        expect.objectContaining({ actorEmail: viewer.email, action: "token.create", targetId: tok.id }),
      ]),
    );
    expect(JSON.stringify(all)).not.toContain("audit-canary-password");
    // A refused request changed nothing, so it is not a change.
    expect(all.items.filter((e) => e.action === "task.create")).toEqual([]);
    const mine = await stack.api.get<Entries>(`/api/audit?actor=${encodeURIComponent(viewer.email)}`);
    expect(new Set(mine.items.map((e) => e.actorEmail))).toEqual(new Set([viewer.email]));
    const updates = await stack.api.get<Entries>("/api/audit?action=connection.update");
    expect(updates.items.map((e) => e.action)).toEqual(["connection.update"]);
    const bad = await stack.api.expectError("GET", "/api/audit?since=yesterday");
    expect(bad.status).toBe(422);
    expect(bad.body.error?.field).toBe("since");
  });

  it("creates the first admin only with the one-time setup token", async () => {
    const setup = (body: Record<string, unknown>) => stack.api.as(undefined).post<{ email: string }>("/api/setup", body);
    const person = { name: "First", email: "first@outflow.test", password: "first-admin-password" };
    expect(((await setup({ token: "x", ...person }).catch((e) => e)) as ApiError).status).toBe(409);

    const db = getPrisma(stack.databaseUrl);
    await db.user.deleteMany({});
    const wrong = (await setup({ token: "not-the-token", ...person }).catch((e) => e)) as ApiError;
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.field).toBe("token");

    const run = await firstRun(db, createAuth(db, stack.env.OUTFLOW_SECRET_KEY ?? ""));
    expect(run.kind).toBe("setup-link");
    const token = run.kind === "setup-link" ? run.token : "";
    expect((await setup({ token, ...person })).email).toBe(person.email);
    expect((await signIn(person.email, person.password)).status).toBe(200);
    const again = (await setup({ token, ...person, email: "second@outflow.test" }).catch((e) => e)) as ApiError;
    expect(again.status).toBe(409);
    expect(await db.user.count()).toBe(1);
  });
});
