import { Client } from "@elastic/elasticsearch";
import { deleteIndices } from "@outflow/testing/elastic";
import { FAULTS_SHORT, lossAndDuplicates, reconcile, recordFigures } from "@outflow/testing/fault-report";
import { FAULT_PORTS, faultElasticsearch, TINY_QUEUE_ES } from "@outflow/testing/fault-services";
import { startFlakyProxy } from "@outflow/testing/flaky-proxy";
import { produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultStack, ids, logMessage, newTopic, type Task, waitCaughtUp } from "./driver";

describe("Elasticsearch rejecting writes", () => {
  let ctx: Awaited<ReturnType<typeof faultStack>>;
  const total = FAULTS_SHORT ? 10_000 : 50_000;

  beforeAll(async () => {
    ctx = await faultStack({ workers: 1 });
  });
  afterAll(async () => {
    await ctx?.stack.stop();
    await faultElasticsearch.stop(TINY_QUEUE_ES);
  });

  async function runTask(esUrl: string, index: string, shards = 1) {
    const { api, kafkaId } = ctx;
    await new Client({ node: esUrl }).indices.create({ index, settings: { number_of_shards: shards, number_of_replicas: 0 } });
    const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [esUrl] });
    const topic = await newTopic("reject", 4);
    await produce(
      topic,
      Array.from({ length: total }, (_, n) => ({ value: logMessage(n), partition: n % 4 })),
    );
    const task = await api.post<Task>("/api/tasks", {
      name: uniqueName("reject"),
      config: {
        source: { connectionId: kafkaId, topics: [topic], consumers: 2 },
        sink: { connectionId: es.id, index, documentId: { type: "fields", fields: ["$.id"] } },
        failure: { policy: "discard" },
        delivery: { bulkMaxDocs: 250, bulkConcurrency: 8, bulkMaxWaitMs: 0 },
      },
    });
    await api.post(`/api/tasks/${task.id}/start`);
    await waitCaughtUp(task.consumerGroup, topic, total, 600_000);
    const events = await api.get<{ items: { kind: string; message: string }[] }>(`/api/tasks/${task.id}/events?limit=500`);
    const final = await api.get<Task>(`/api/tasks/${task.id}`);
    return { task, topic, events: events.items, final };
  }

  it("429s from a tiny write queue, inside bulk responses whose status is 200: backed off and retried, 0 lost", async () => {
    await faultElasticsearch.up(TINY_QUEUE_ES);
    const url = `http://127.0.0.1:${FAULT_PORTS.esTiny}`;
    const es = new Client({ node: url });
    const index = uniqueName("tiny");
    // Through a pass-through proxy that only counts: 4 shards, so one bulk fans out and some shard writes are rejected.
    const watch = await startFlakyProxy(url, Number.POSITIVE_INFINITY);
    const { task, topic, events, final } = await runTask(watch.url, index, 4);
    await watch.close();
    const result = await lossAndDuplicates(es, index, ids(total));
    const rec = await reconcile(ctx.api, task.id, task.consumerGroup, topic);
    const retryEvents = events.filter((e) => e.kind === "retrying");
    const backoffs = events.filter((e) => e.kind === "write_backoff");
    recordFigures("Elasticsearch rejecting: 429 (tiny write queue)", {
      messages: total,
      faults: "thread_pool.write.size 1, queue_size 1; 2 consumers × 8 concurrent bulks of 250",
      lost: result.lost,
      duplicates: result.rewrites,
      retryingEvents: retryEvents.length,
      itemLevel429sIn200Responses: watch.itemRejections(),
      sample: retryEvents[0]?.message.slice(0, 200),
      writeBackoffEvents: backoffs.length,
      writePaceRestoredEvents: events.filter((e) => e.kind === "write_pace_restored").length,
      backoffSample: backoffs[0]?.message,
      discarded: final.metrics.totals.discarded,
      reconciliation: rec.rows,
    });
    await deleteIndices(es, index);
    expect(retryEvents.some((e) => e.message.includes("429"))).toBe(true);
    expect(watch.itemRejections()).toBeGreaterThan(0);
    // The slots paced themselves below 8 × 250 while the server pushed back.
    expect(backoffs.length).toBeGreaterThan(0);
    expect(backoffs[0]?.message).toMatch(/^Elasticsearch answered 429 \(too many requests\): slot \d now sends \d requests? of at most \d+ documents/);
    expect(result.lost).toBe(0);
    expect(final.metrics.totals.discarded).toBe(0);
    expect(rec.balanced && rec.caughtUp).toBe(true);
  });

  it("503s on whole bulk requests (every 3rd through a proxy): retried, 0 lost", async () => {
    const proxy = await startFlakyProxy(SERVICES.elasticsearchUrl, 3);
    const es = new Client({ node: SERVICES.elasticsearchUrl });
    const index = uniqueName("flaky");
    try {
      const { task, topic, final } = await runTask(proxy.url, index);
      const result = await lossAndDuplicates(es, index, ids(total));
      const rec = await reconcile(ctx.api, task.id, task.consumerGroup, topic);
      recordFigures("Elasticsearch rejecting: 503 (proxy fails every 3rd bulk)", {
        messages: total,
        faults: `${proxy.failed()} bulk requests answered 503`,
        lost: result.lost,
        duplicates: result.rewrites,
        discarded: final.metrics.totals.discarded,
        reconciliation: rec.rows,
      });
      expect(proxy.failed()).toBeGreaterThan(0);
      expect(result.lost).toBe(0);
      expect(final.metrics.totals.discarded).toBe(0);
      expect(rec.balanced && rec.caughtUp).toBe(true);
    } finally {
      await proxy.close();
      await deleteIndices(es, index);
    }
  });
});
