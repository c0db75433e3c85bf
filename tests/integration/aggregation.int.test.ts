import type { ApiClient } from "@outflow/testing/api-client";
import { allDocs, deleteIndices, testElastic } from "@outflow/testing/elastic";
import { committedToEnd, createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Task = { id: string; status: string; consumerGroup: string; metrics: { totals: Record<string, number> } };

describe("aggregation mode", () => {
  let stack: Stack;
  let api: ApiClient;
  const es = testElastic();
  const index = uniqueName("agg");

  beforeAll(async () => {
    stack = await Stack.start({ workers: 2 });
    api = stack.api;
  });
  afterAll(async () => {
    await stack?.stop();
    await deleteIndices(es, index);
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
});
