import type { ApiClient } from "@outflow/testing/api-client";
import { allDocs, deleteIndices, testElastic } from "@outflow/testing/elastic";
import { committedToEnd, createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { Outflow } from "@outflow/testing/outflow";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Task = { id: string; status: string; consumerGroup: string; metrics: { totals: Record<string, number> } };

describe("aggregation mode", () => {
  let stack: Stack;
  let api: ApiClient;
  let outflow: Outflow;
  const es = testElastic();
  const index = uniqueName("agg");

  beforeAll(async () => {
    stack = await Stack.start({ workers: 2 });
    api = stack.api;
    outflow = await Outflow.connect(api);
  });
  afterAll(async () => {
    await stack?.stop();
    await deleteIndices(es, `${index}*`);
  });

  /** What a GROUP BY app over the produced rows gives. */
  function expected(rows: { app: string; ms: number }[]) {
    const out = new Map<string, { count: number; ms_sum: number; ms_min: number; ms_max: number }>();
    for (const r of rows) {
      const g = out.get(r.app) ?? { count: 0, ms_sum: 0, ms_min: Number.POSITIVE_INFINITY, ms_max: Number.NEGATIVE_INFINITY };
      g.count++;
      g.ms_sum += r.ms;
      g.ms_min = Math.min(g.ms_min, r.ms);
      g.ms_max = Math.max(g.ms_max, r.ms);
      out.set(r.app, g);
    }
    return out;
  }

  async function groups() {
    const docs = await allDocs(es, index);
    return new Map(docs.map((d) => [d._id, d._source]));
  }

  async function matches(rows: { app: string; ms: number }[]) {
    const want = expected(rows);
    const got = await groups();
    if (got.size !== want.size) {
      return false;
    }
    for (const [app, w] of want) {
      const g = got.get(app);
      if (!g || g.count !== w.count || g.ms_sum !== w.ms_sum || g.ms_min !== w.ms_min || g.ms_max !== w.ms_max || g.app !== app) {
        return false;
      }
    }
    return true;
  }

  it("keeps one document per group with count, sum, min and max, and counts nothing twice on replay", async () => {
    const topic = uniqueName("requests");
    await createTopic(topic, 4);
    const rows = Array.from({ length: 2000 }, (_, i) => ({ app: `app${i % 7}`, ms: (i * 37) % 1000 }));
    await produce(
      topic,
      rows.map((r, i) => ({ partition: i % 4, value: JSON.stringify(r) })),
    );

    const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
    const elastic = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
    const task = await api.post<Task>("/api/tasks", {
      name: uniqueName("agg task"),
      config: {
        source: { connectionId: kafka.id, topics: [topic], consumers: 2 },
        sink: { connectionId: elastic.id, index, aggregation: { groupBy: ["$.app"], metrics: [{ field: "$.ms", ops: ["sum", "min", "max"] }] } },
      },
    });
    await api.post(`/api/tasks/${task.id}/start`);
    await waitFor("the groups to match the produced rows", () => matches(rows), 120_000, 1000);

    // Replay everything: the documents' per-partition offsets make it a no-op.
    await api.post(`/api/tasks/${task.id}/stop`);
    await waitFor("stopped", async () => (await api.get<Task>(`/api/tasks/${task.id}`)).status === "stopped");
    const resets = async () =>
      (await api.get<{ items: { kind: string }[] }>(`/api/tasks/${task.id}/events?limit=500`)).items.filter((e) => e.kind === "offsets_reset").length;
    const resetsBefore = await resets();
    await api.post(`/api/tasks/${task.id}/reset-offsets`, { type: "earliest" });
    await api.post(`/api/tasks/${task.id}/start`);
    // Until the worker applies the reset the old commits equal the end offsets; only then is the replay under way.
    await waitFor("the offset reset to be applied", async () => (await resets()) > resetsBefore, 60_000);
    await waitFor(
      "the replay to be consumed",
      async () => {
        const offsets = await groupOffsets(task.consumerGroup, topic);
        return committedToEnd(offsets);
      },
      120_000,
    );
    expect(await matches(rows)).toBe(true);

    // New rows are added to the groups.
    const more = Array.from({ length: 300 }, (_, i) => ({ app: `app${i % 9}`, ms: 1000 + i }));
    await produce(
      topic,
      more.map((r, i) => ({ partition: i % 4, value: JSON.stringify(r) })),
    );
    await waitFor("the groups to include the new rows", () => matches([...rows, ...more]), 120_000, 1000);
  });

  /** Stops the task, resets it to earliest, starts it and waits until the replay has been consumed. */
  async function replayFromEarliest(taskId: string, consumerGroup: string, topic: string) {
    await outflow.stop(taskId);
    const resets = async () => (await outflow.events(taskId)).filter((e) => e.kind === "offsets_reset").length;
    const before = await resets();
    await api.post(`/api/tasks/${taskId}/reset-offsets`, { type: "earliest" });
    await outflow.start(taskId);
    await waitFor("the offset reset to be applied", async () => (await resets()) > before, 60_000);
    await waitFor("the replay to be consumed", async () => committedToEnd(await groupOffsets(consumerGroup, topic)), 120_000);
  }

  /** Waits until the index's documents (by ID) equal `want`, and returns them. */
  async function waitForDocs(idx: string, want: () => Record<string, Record<string, unknown>>, what: string) {
    let last: Record<string, Record<string, unknown>> = {};
    await waitFor(
      what,
      async () => {
        last = Object.fromEntries((await allDocs(es, idx)).map((d) => [d._id, d._source]));
        try {
          expect(last).toEqual(want());
          return true;
        } catch {
          return false;
        }
      },
      120_000,
      1000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; last documents: ${JSON.stringify(last).slice(0, 3000)}`);
    });
    return last;
  }

  it("named outputs, avg and first/last by event time stay exact after workers crash and after a reset to earliest", async () => {
    const topic = uniqueName("named");
    const idx = `${index}-named`;
    await createTopic(topic, 2);
    const T = Date.UTC(2026, 0, 1);
    type Row = { svc: string; ms?: number; seq: number; ts: number };
    // Event times run against the offsets in half the groups, so first/last by time differ from arrival order.
    const make = (from: number, n: number): Row[] =>
      Array.from({ length: n }, (_, k) => {
        const i = from + k;
        const row: Row = { svc: `s${i % 5}`, seq: i, ts: T + (i % 2 === 0 ? i : 100_000 - i) * 1000 };
        return i % 10 === 3 ? row : { ...row, ms: (i * 37) % 101 };
      });
    const expectedDocs = (rows: Row[]) => {
      const out: Record<string, Record<string, unknown>> = {};
      const acc = new Map<string, { n: number; timed: number; sum: number; max?: number; first: Row; last: Row }>();
      for (const r of rows) {
        const a = acc.get(r.svc) ?? { n: 0, timed: 0, sum: 0, first: r, last: r };
        a.n++;
        if (r.ms !== undefined) {
          a.timed++;
          a.sum += r.ms;
          a.max = Math.max(a.max ?? r.ms, r.ms);
        }
        a.first = r.ts < a.first.ts ? r : a.first;
        a.last = r.ts > a.last.ts ? r : a.last;
        acc.set(r.svc, a);
      }
      for (const [svc, a] of acc) {
        out[svc] = {
          service: svc,
          requests: a.n,
          avg_ms: a.sum / a.timed,
          total_ms: a.sum,
          timed: a.timed,
          ms_max: a.max,
          first_seq: a.first.seq,
          last_seq: a.last.seq,
          outflow_state: { avg_ms: { sum: a.sum, count: a.timed }, first_seq: { at: a.first.ts }, last_seq: { at: a.last.ts } },
          outflow_offsets: expect.any(Array),
        };
      }
      return out;
    };
    const send = (rows: Row[]) =>
      produce(
        topic,
        rows.map((r) => ({ partition: r.seq % 2, value: JSON.stringify(r) })),
      );
    const rows = make(0, 800);
    await send(rows);
    const task = await outflow.run({
      topics: [topic],
      index: idx,
      source: { consumers: 2 },
      sink: {
        aggregation: {
          groupBy: [{ field: "$.svc", as: "service" }],
          metrics: [
            { fn: "count", as: "requests" },
            { fn: "avg", field: "$.ms", as: "avg_ms" },
            { fn: "sum", field: "$.ms", as: "total_ms" },
            { fn: "count", field: "$.ms", as: "timed" },
            { fn: "max", field: "ms" },
            { fn: "first", field: "seq", as: "first_seq", by: { field: "ts", format: "epoch_millis" } },
            { fn: "last", field: "seq", as: "last_seq", by: { field: "ts", format: "epoch_millis" } },
          ],
        },
      },
    });
    await waitForDocs(idx, () => expectedDocs(rows), "the named outputs to match the first rows");

    // Both workers die without committing (kill -9) while new rows arrive; fresh workers take over and replay.
    await Promise.all(stack.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null).map((w) => stack.crashWorker(w)));
    const more = make(800, 400);
    await send(more);
    const fresh = [stack.startWorker(), stack.startWorker()];
    await Promise.all(fresh.map((w) => stack.waitStarted(w)));
    await waitForDocs(idx, () => expectedDocs([...rows, ...more]), "the groups to include the rows produced while the workers were down");

    await replayFromEarliest(task.id, task.consumerGroup, topic);
    await waitForDocs(idx, () => expectedDocs([...rows, ...more]), "the documents after the replay (nothing counted twice)");
  });

  it("tumbling windows: late and out-of-order messages over 2 partitions and 2 workers update their own window", async () => {
    const topic = uniqueName("windows");
    const idx = `${index}-win`;
    await createTopic(topic, 2);
    const T = Date.UTC(2026, 0, 1, 9, 57);
    type Row = { app: string; at: string; bytes: number };
    // Seven minutes (09:57-10:03) in a scrambled order, spread over both partitions.
    const make = (n: number, spanMs: number, seed: number): Row[] =>
      Array.from({ length: n }, (_, i) => {
        const t = T + ((i * 7919 + seed) % n) * Math.floor(spanMs / n);
        return { app: i % 3 === 0 ? "api" : "web", at: new Date(t).toISOString(), bytes: (i % 50) + 1 };
      });
    const expectedDocs = (rows: Row[]) => {
      const out: Record<string, Record<string, unknown>> = {};
      for (const r of rows) {
        const start = Math.floor(Date.parse(r.at) / 60_000) * 60_000;
        const ws = new Date(start).toISOString();
        const id = `${r.app}_${ws}`;
        const d = out[id] ?? {
          app: r.app,
          minute: ws,
          minute_end: new Date(start + 60_000).toISOString(),
          hits: 0,
          bytes_sum: 0,
          outflow_offsets: expect.any(Array),
        };
        out[id] = d;
        d.hits = (d.hits as number) + 1;
        d.bytes_sum = (d.bytes_sum as number) + r.bytes;
      }
      return out;
    };
    const send = (rows: Row[]) =>
      produce(
        topic,
        rows.map((r, i) => ({ partition: i % 2, value: JSON.stringify(r) })),
      );
    const rows = make(700, 7 * 60_000, 13);
    await send(rows);
    await outflow.run({
      topics: [topic],
      index: idx,
      source: { consumers: 2 },
      sink: {
        dateSplit: { format: "yyyy-MM-dd-HH", source: { type: "window_start" }, timeZone: "UTC" },
        aggregation: {
          groupBy: ["app"],
          metrics: [
            { fn: "count", as: "hits" },
            { fn: "sum", field: "bytes" },
          ],
          window: { size: "1m", time: { type: "field", field: "$.at", format: "iso" }, startAs: "minute", endAs: "minute_end" },
        },
      },
    });
    await waitForDocs(`${idx}_*`, () => expectedDocs(rows), "one document per app and minute");
    // Late messages (minutes already written) and a few for a new minute.
    const late = [...make(90, 2 * 60_000, 5), ...make(30, 60_000, 3).map((r) => ({ ...r, at: new Date(Date.parse(r.at) + 10 * 60_000).toISOString() }))];
    await send(late);
    const docs = await waitForDocs(`${idx}_*`, () => expectedDocs([...rows, ...late]), "the late messages in their own windows");
    const indices = new Map((await allDocs(es, `${idx}_*`)).map((d) => [d._id, d._index]));
    for (const id of Object.keys(docs)) {
      const hour = id.includes("T09:") ? "09" : "10";
      expect(indices.get(id)).toBe(`${idx}_2026-01-01-${hour}`);
    }
  });

  it.each(["full", "incremental"] as const)("write mode %s: what happens to fields written by something else", async (writeMode) => {
    const topic = uniqueName(`mode-${writeMode}`);
    const idx = `${index}-${writeMode}`;
    await createTopic(topic, 1);
    const rows = Array.from({ length: 30 }, (_, i) => ({ app: i % 2 ? "a" : "b", v: i }));
    await produce(
      topic,
      rows.map((r) => ({ value: JSON.stringify(r) })),
    );
    await outflow.run({
      topics: [topic],
      index: idx,
      sink: { writeMode, aggregation: { groupBy: ["app"], metrics: [{ fn: "sum", field: "v", as: "total" }] } },
    });
    const sum = (app: string, list: { app: string; v: number }[]) => list.filter((r) => r.app === app).reduce((s, r) => s + r.v, 0);
    const want = (list: { app: string; v: number }[], owner: boolean) => ({
      a: { app: "a", count: 15 + list.length - 30, total: sum("a", list), outflow_offsets: [{ partition: `${topic}/0`, offset: String(list.length - 1) }] },
      b: { app: "b", count: 15, total: sum("b", list), outflow_offsets: [{ partition: `${topic}/0`, offset: "28" }], ...(owner ? { owner: "team-x" } : {}) },
    });
    await waitForDocs(idx, () => want(rows, false), "the first sums");
    // Someone else annotates both documents; then only group a gets new messages.
    for (const id of ["a", "b"]) {
      await es.update({ index: idx, id, doc: { owner: "team-x" }, refresh: true });
    }
    const more = Array.from({ length: 5 }, (_, i) => ({ app: "a", v: 100 + i }));
    await produce(
      topic,
      more.map((r) => ({ value: JSON.stringify(r) })),
    );
    const all = [...rows, ...more];
    const docs = await waitForDocs(
      idx,
      () => {
        const w = want(all, true);
        return { ...w, a: { ...w.a, ...(writeMode === "incremental" ? { owner: "team-x" } : {}) } };
      },
      `group a rewritten in ${writeMode} mode`,
    );
    expect(docs.a?.owner).toBe(writeMode === "incremental" ? "team-x" : undefined);
  });
});
