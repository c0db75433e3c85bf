import { MAX_CONFIG_BYTES } from "@outflow/schemas/api/tasks";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack, type StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Cursored = { items: { id: string }[]; nextCursor: string | null };
type Page<T> = { items: T[]; total: number; offset: number; limit: number; nextOffset: number | null };

/** Every list of the API pages the same way: `?limit=&offset=` in, `{ items, total, offset, limit, nextOffset }` out. */
describe("paged lists", () => {
  let stack: Stack;
  let viewer: StackUser;
  let editor: StackUser;
  const connections: string[] = [];

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    viewer = await stack.createUser("viewer");
    editor = await stack.createUser("editor");
    await stack.createUser("viewer");
    connections.push((await stack.api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("k"), brokers: SERVICES.kafkaBrokers })).id);
    for (let i = 0; i < 2; i++) {
      connections.push(
        (await stack.api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("e"), nodes: [SERVICES.elasticsearchUrl] })).id,
      );
    }
    for (let i = 0; i < 3; i++) {
      await viewer.api.post("/api/tokens", { name: `t${i}`, expiresInDays: 1 });
    }
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Reads the whole list two at a time: each page holds at most two, says where the next starts, and they add up. */
  async function walk<T extends { id?: string; version?: number }>(user: StackUser, path: string): Promise<Page<T>[]> {
    const pages: Page<T>[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page: Page<T> = await user.api.get<Page<T>>(`${path}${path.includes("?") ? "&" : "?"}limit=2&offset=${offset}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page).toMatchObject({ offset, limit: 2 });
      pages.push(page);
      offset = page.nextOffset;
    }
    const all = pages.flatMap((p) => p.items);
    expect(all.length).toBe(pages[0]?.total);
    expect(new Set(all.map((x) => x.id ?? x.version)).size).toBe(all.length);
    return pages;
  }

  it("users, tokens and connections: a list longer than a page answers one page and the next offset", async () => {
    const users = await walk(stack.admin, "/api/users");
    expect(users[0]).toMatchObject({ total: 4, nextOffset: 2 });
    expect(users).toHaveLength(2);
    const tokens = await walk(viewer, "/api/tokens");
    expect(tokens[0]).toMatchObject({ total: 4, nextOffset: 2 });
    const conns = await walk(viewer, "/api/connections");
    expect(conns[0]).toMatchObject({ total: 3, nextOffset: 2 });
    expect(conns.flatMap((p) => p.items.map((c) => c.id))).toEqual(connections);
    for (const path of ["/api/users", "/api/tokens", "/api/connections"]) {
      const err = await stack.api.expectError("GET", `${path}?limit=201`);
      expect([err.status, err.body.error?.field]).toEqual([422, "limit"]);
    }
  });

  it("the audit log pages back by cursor: before=nextCursor, null on the last page", async () => {
    const all = (await stack.api.get<Cursored>("/api/audit?action=token.&limit=500")).items;
    expect(all.length).toBe(3);
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const page: Cursored = await stack.api.get<Cursored>(`/api/audit?action=token.&limit=2${before ? `&before=${before}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      before = page.nextCursor;
      pages++;
    } while (before !== null);
    expect(pages).toBe(2);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("versions: diffs a page at a time by default, whole configs on request; 12 saves of a large config stay small", async () => {
    const [kafka, es] = connections;
    // About 200 KB as JSON: 100 rules with long values, under the 256 KiB bound.
    const bigRules = Array.from({ length: 100 }, (_, i) => ({ type: "add", field: `f${i}`, value: "x".repeat(1_900) }));
    const config = { source: { connectionId: kafka, topics: [uniqueName("topic")] }, sink: { connectionId: es, index: "v-0" }, rules: bigRules };
    expect(JSON.stringify(config).length).toBeGreaterThan(190_000);
    const task = await editor.api.post<{ id: string }>("/api/tasks", { name: uniqueName("big"), config });
    for (let i = 1; i < 12; i++) {
      await editor.api.patch(`/api/tasks/${task.id}`, { config: { sink: { index: `v-${i}` } } });
    }
    const res = await viewer.api.send("GET", `/api/tasks/${task.id}/versions`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.length, "12 versions of a 200 KB config, as diffs").toBeLessThan(20_000);
    const first = JSON.parse(text) as Page<{ version: number; config?: unknown; diff: unknown }>;
    expect(first).toMatchObject({ total: 12, offset: 0, limit: 20, nextOffset: null });
    expect(first.items.map((v) => v.version)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(first.items[0]).toMatchObject({ diff: { sink: { index: "v-11" } } });
    expect(first.items.some((v) => "config" in v)).toBe(false);

    const pages = await walk<{ version: number }>(viewer, `/api/tasks/${task.id}/versions`);
    expect(pages).toHaveLength(6);
    const whole = await viewer.api.get<Page<{ version: number; config: { sink: { index: string } } }>>(
      `/api/tasks/${task.id}/versions?config=true&limit=1&offset=11`,
    );
    expect(whole.items[0]).toMatchObject({ version: 1, config: { sink: { index: "v-0" } } });
    const tooMany = await viewer.api.expectError("GET", `/api/tasks/${task.id}/versions?config=true&limit=6`);
    expect([tooMany.status, tooMany.body.error?.field]).toEqual([422, "limit"]);

    // Its events (one per save) page back with before=olderCursor, 5 at a time, to the first.
    type Events = { items: { id: string }[]; nextCursor: string | null; olderCursor: string | null };
    const all = (await viewer.api.get<Events>(`/api/tasks/${task.id}/events?limit=500`)).items.map((e) => e.id);
    expect(all.length).toBeGreaterThan(10);
    const back: string[][] = [];
    let page = await viewer.api.get<Events>(`/api/tasks/${task.id}/events?limit=5`);
    back.push(page.items.map((e) => e.id));
    while (page.olderCursor !== null) {
      expect(page.olderCursor).toBe(page.items[0]?.id);
      page = await viewer.api.get<Events>(`/api/tasks/${task.id}/events?limit=5&before=${page.olderCursor}`);
      expect(page.items.length).toBeLessThanOrEqual(5);
      back.push(page.items.map((e) => e.id));
    }
    expect(back.reverse().flat()).toEqual(all);
    expect(back).toHaveLength(Math.ceil(all.length / 5));
  });

  it("a config over the size bound is refused with 413 naming config and the limit", async () => {
    const [kafka, es] = connections;
    const rules = Array.from({ length: 100 }, (_, i) => ({ type: "add", field: `f${i}`, value: "x".repeat(2_700) }));
    const config = { source: { connectionId: kafka, topics: [uniqueName("topic")] }, sink: { connectionId: es, index: "big" }, rules };
    expect(JSON.stringify(config).length).toBeGreaterThan(MAX_CONFIG_BYTES);
    const err = await editor.api.expectError("POST", "/api/tasks", { name: uniqueName("huge"), config });
    expect([err.status, err.body.error?.code, err.body.error?.field]).toEqual([413, "payload_too_large", "config"]);
    expect(err.body.error?.message).toContain(String(MAX_CONFIG_BYTES));
    const small = await editor.api.post<{ id: string }>("/api/tasks", { name: uniqueName("small"), config: { ...config, rules: [] } });
    const grown = await editor.api.expectError("PATCH", `/api/tasks/${small.id}`, { config: { rules } });
    expect([grown.status, grown.body.error?.field]).toEqual([413, "config"]);
  });
});
