import { getPrisma } from "@outflow/db/client";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack, type StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** `GET /api/tasks` over 200 tasks on a real stack: pages under every sort, filters, search and the page cap. */

type Item = {
  id: string;
  name: string;
  status: string;
  alerting: boolean;
  topics: string[];
  sourceConnectionId: string;
  sinkConnectionId: string;
  targetIndex: string;
  metrics: { ratePerSecond: number; lag: number | null; documentsWritten: number };
  sparkline: { at: string; messagesPerSecond: number; lag: number | null }[];
};
type Page = { items: Item[]; total: number; offset: number; limit: number; nextOffset: number | null };

/** What each of the 200 tasks was made with (the test's own record, to check the API's answers against). */
type Made = { id: string; name: string; status: string; kafka: string; es: string; index: string; rate: number; lag: number | null };

const COUNT = 200;
const SORTS = ["attention", "name", "status", "rate", "lag"] as const;
const STATUS_RANK: Record<string, number> = { failed: 0, retrying: 1, starting: 2, running: 3, stopping: 4, stopped: 5, created: 6 };

let stack: Stack;
let viewer: StackUser;
const made: Made[] = [];
const conn = { kafkaA: "", kafkaB: "", esA: "", esB: "" };
const run = Math.random().toString(36).slice(2, 7);

beforeAll(async () => {
  stack = await Stack.start({ workers: 0 });
  viewer = await stack.createUser("viewer");
  const api = stack.api;
  for (const key of ["kafkaA", "kafkaB"] as const) {
    conn[key] = (await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName(key), brokers: SERVICES.kafkaBrokers })).id;
  }
  for (const key of ["esA", "esB"] as const) {
    conn[key] = (await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName(key), nodes: [SERVICES.elasticsearchUrl] })).id;
  }
  const specs = Array.from({ length: COUNT }, (_, i) => ({
    // Mixed case, so that name order is seen to ignore it; one name with LIKE's wildcards, to search for literally.
    name: i === 42 ? `Gamma 50%_off ${run}` : `${i % 2 ? "alpha" : "Beta"} ${run} ${String(i).padStart(3, "0")}`,
    kafka: i % 3 === 0 ? conn.kafkaB : conn.kafkaA,
    es: i % 5 === 0 ? conn.esB : conn.esA,
    index: i % 4 === 0 ? "logs-{$.app}" : `tl-${i}`,
    status: i % 10 === 3 ? "failed" : i % 10 === 7 ? "retrying" : i % 10 === 5 ? "running" : i % 10 === 9 ? "stopped" : "created",
    // Ties on purpose (the order then falls back to the name).
    rate: (i % 7) * 10,
    lag: i % 4 === 1 ? null : (i * 37) % 500,
  }));
  const started = performance.now();
  for (let at = 0; at < specs.length; at += 10) {
    await Promise.all(
      specs.slice(at, at + 10).map(async (s) => {
        const config = { source: { connectionId: s.kafka, topics: [`topic-${run}`] }, sink: { connectionId: s.es, index: s.index } };
        const task = await api.post<{ id: string }>("/api/tasks", { name: s.name, config });
        made.push({ id: task.id, name: s.name, status: s.status, kafka: s.kafka, es: s.es, index: s.index, rate: s.rate, lag: s.lag });
      }),
    );
  }
  console.log(`[task list] ${COUNT} tasks created through the API in ${Math.round(performance.now() - started)} ms`);

  // What workers would have written: statuses, partition offsets (lag) and totals samples (rate).
  const db = getPrisma(stack.databaseUrl);
  for (const status of ["failed", "retrying", "running", "stopped"]) {
    const ids = made.filter((m) => m.status === status).map((m) => m.id);
    await db.$executeRaw`UPDATE tasks SET status = ${status}::"TaskStatus" WHERE id = ANY(${ids}::text[])`;
  }
  for (const m of made) {
    if (m.lag !== null) {
      // Two partitions; the task's lag is their sum.
      const half = Math.floor(m.lag / 2);
      await db.$executeRaw`INSERT INTO task_partition_metrics ("taskId", topic, partition, "messagesIn", "documentsWritten", "committedOffset", "endOffset", "updatedAt")
        VALUES (${m.id}, 't', 0, 5, 5, '100', ${String(100 + half)}, now()), (${m.id}, 't', 1, 0, 0, NULL, ${String(m.lag - half)}, now())`;
    }
    if (m.rate > 0) {
      // Dated ahead of the clock, so that each rate holds still while the test pages (a rate falls to 0 once its
      // newest sample is older than the window): 10 s apart, m.rate × 10 messages between them.
      await db.$executeRaw`INSERT INTO task_metric_samples ("taskId", at, "messagesIn", "documentsWritten", lag)
        VALUES (${m.id}, now() + interval '10 minutes', 1000, 0, 0), (${m.id}, now() + interval '10 minutes 10 seconds', ${1000 + m.rate * 10}, 0, 0)`;
    }
  }
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

async function walk(query: string, limit: number): Promise<{ items: Item[]; totals: number[] }> {
  const items: Item[] = [];
  const totals: number[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page: Page = await viewer.api.get<Page>(`/api/tasks?${query}${query ? "&" : ""}limit=${limit}&offset=${offset}`);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    totals.push(page.total);
    offset = page.nextOffset;
  }
  return { items, totals };
}

const lower = (s: string) => s.toLowerCase();
const byName = (a: Made, b: Made) => (lower(a.name) < lower(b.name) ? -1 : lower(a.name) > lower(b.name) ? 1 : a.id < b.id ? -1 : 1);

/** The order the API promises, computed here from what the test made. */
function expectedOrder(sort: (typeof SORTS)[number], order: "asc" | "desc"): string[] {
  const dir = order === "asc" ? 1 : -1;
  const key = (m: Made): number | null =>
    sort === "attention"
      ? Math.min(STATUS_RANK[m.status] ?? 9, 2)
      : sort === "status"
        ? (STATUS_RANK[m.status] ?? 9)
        : sort === "rate"
          ? m.rate
          : sort === "lag"
            ? m.lag
            : 0;
  return [...made]
    .sort((a, b) => {
      if (sort === "name") {
        return dir * byName(a, b);
      }
      const ka = key(a);
      const kb = key(b);
      if (ka === null || kb === null) {
        return ka === kb ? byName(a, b) : ka === null ? 1 : -1;
      }
      return dir * (ka - kb) || byName(a, b);
    })
    .map((m) => m.id);
}

describe("GET /api/tasks with 200 tasks", () => {
  it("pages through every task exactly once, in the promised order, under every sort and order", async () => {
    for (const sort of SORTS) {
      for (const order of ["asc", "desc"] as const) {
        const { items, totals } = await walk(`sort=${sort}&order=${order}`, 37);
        const ids = items.map((t) => t.id);
        expect(new Set(ids).size, `${sort} ${order}: no task repeated`).toBe(COUNT);
        expect(ids, `${sort} ${order}`).toEqual(expectedOrder(sort, order));
        expect(new Set(totals)).toEqual(new Set([COUNT]));
      }
    }
  });

  it("shows failed tasks first, then retrying ones, by default", async () => {
    const page = await viewer.api.get<Page>("/api/tasks");
    expect([page.total, page.limit, page.items.length, page.nextOffset]).toEqual([COUNT, 50, 50, 50]);
    const failed = made.filter((m) => m.status === "failed").length;
    const retrying = made.filter((m) => m.status === "retrying").length;
    expect(page.items.slice(0, failed).every((t) => t.status === "failed")).toBe(true);
    expect(page.items.slice(failed, failed + retrying).every((t) => t.status === "retrying")).toBe(true);
  });

  it("puts a task with a firing alert after the failed and retrying ones, and counts it as needing attention", async () => {
    const quiet = made.filter((m) => m.status === "running");
    const alerting = quiet.at(-1) as Made;
    const db = getPrisma(stack.databaseUrl);
    await db.$executeRaw`INSERT INTO task_alerts ("taskId", kind, holds_since, firing_since, values)
                          VALUES (${alerting.id}, 'lagAbove', now(), now(), '{}'::jsonb)`;
    try {
      const failed = made.filter((m) => m.status === "failed").length;
      const retrying = made.filter((m) => m.status === "retrying").length;
      const page = await viewer.api.get<Page>("/api/tasks");
      expect(page.items[failed + retrying]?.id).toBe(alerting.id);
      expect(page.items[failed + retrying]?.alerting).toBe(true);
      expect(page.items.filter((t) => t.alerting).map((t) => t.id)).toEqual([alerting.id]);
      const attention = await viewer.api.get<Page>("/api/tasks?status=failed,retrying,alerting&limit=1");
      expect(attention.total).toBe(failed + retrying + 1);
      const only = await viewer.api.get<Page>("/api/tasks?status=alerting");
      expect(only.items.map((t) => t.id)).toEqual([alerting.id]);
    } finally {
      await db.$executeRaw`DELETE FROM task_alerts WHERE "taskId" = ${alerting.id}`;
    }
  });

  it("carries each task's target index as written, its rate, lag and sparkline", async () => {
    const { items } = await walk("sort=name", 200);
    for (const m of made) {
      const item = items.find((t) => t.id === m.id) as Item;
      expect([item.targetIndex, item.metrics.ratePerSecond, item.metrics.lag, item.sourceConnectionId, item.sinkConnectionId]).toEqual([
        m.index,
        m.rate,
        m.lag,
        m.kafka,
        m.es,
      ]);
      expect(item.topics).toEqual([`topic-${run}`]);
    }
    // A sparkline: one task's totals over the last 15 minutes, in 30 s buckets aligned to the clock; the last sample
    // of a bucket counts (two share one here), and one older than the span is left out.
    const db = getPrisma(stack.databaseUrl);
    const task = made.find((m) => m.rate === 0) as Made;
    await db.$executeRaw`
      WITH base AS (SELECT date_bin('30 seconds', localtimestamp, TIMESTAMP '2000-01-01') - interval '10 minutes' AS a)
      INSERT INTO task_metric_samples ("taskId", at, "messagesIn", "documentsWritten", lag)
      SELECT ${task.id}, a + s.offset_s * interval '1 second', s.total, 0, s.lag
        FROM base, (VALUES (-600, 0, 99), (5, 0, 50), (65, 500, 30), (80, 600, 20), (305, 600, 0)) AS s(offset_s, total, lag)`;
    const one = (await viewer.api.get<Page>(`/api/tasks?q=${encodeURIComponent(task.name)}`)).items[0] as Item;
    // 600 messages over the 75 s from the first sample to the last of its bucket; then none for 225 s.
    expect(one.sparkline.map((p) => [p.messagesPerSecond, p.lag])).toEqual([
      [8, 20],
      [0, 0],
    ]);
  });

  it("filters by status (one or several) and connection, and searches names case-insensitively, wildcards literally", async () => {
    const ids = (ms: Made[]) => new Set(ms.map((m) => m.id));
    const got = async (query: string) => {
      const { items, totals } = await walk(query, 50);
      expect(totals.every((t) => t === items.length)).toBe(true);
      return new Set(items.map((t) => t.id));
    };
    expect(await got("status=failed")).toEqual(ids(made.filter((m) => m.status === "failed")));
    expect(await got("status=failed,retrying")).toEqual(ids(made.filter((m) => m.status === "failed" || m.status === "retrying")));
    expect(await got(`connection=${conn.kafkaB}`)).toEqual(ids(made.filter((m) => m.kafka === conn.kafkaB)));
    expect(await got(`connection=${conn.esB}`)).toEqual(ids(made.filter((m) => m.es === conn.esB)));
    expect(await got(`connection=${conn.esB}&status=running`)).toEqual(ids(made.filter((m) => m.es === conn.esB && m.status === "running")));
    expect(await got("q=BETA")).toEqual(ids(made.filter((m) => m.name.startsWith("Beta"))));
    expect(await got(`q=${encodeURIComponent("%_")}`)).toEqual(ids(made.filter((m) => m.name.includes("%_"))));
    expect(await got("q=no-such-task")).toEqual(new Set());
    expect(made.filter((m) => m.name.includes("%_"))).toHaveLength(1);
  });

  it("refuses a page above the cap of 200 (not clamped), and other bad parameters, naming the field", async () => {
    const asked = performance.now();
    const full = await viewer.api.get<Page>("/api/tasks?limit=200&sort=rate");
    console.log(`[task list] a page of 200 tasks sorted by rate answered in ${Math.round(performance.now() - asked)} ms`);
    expect([full.items.length, full.nextOffset]).toEqual([200, null]);
    for (const [query, field] of [
      ["limit=201", "limit"],
      ["limit=0", "limit"],
      ["offset=-5", "offset"],
      ["sort=createdAt", "sort"],
      ["order=up", "order"],
      ["status=failed,exploded", "status"],
      ["cursor=x", "cursor"],
    ] as const) {
      const err = await viewer.api.expectError("GET", `/api/tasks?${query}`);
      expect([query, err.status, err.body.error?.field]).toEqual([query, 422, field]);
    }
    const past = await viewer.api.get<Page>("/api/tasks?offset=5000");
    expect([past.items, past.total, past.nextOffset]).toEqual([[], COUNT, null]);
  });
});
