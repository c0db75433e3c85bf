import type { ApiClient } from "@outflow/testing/api-client";
import { recordCompatFigures } from "@outflow/testing/compat-report";
import { allDocs, countDocs, deleteIndices, testElastic } from "@outflow/testing/elastic";
import { committedToEnd, createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Task = { id: string; status: string; consumerGroup: string; metrics: { totals: Record<string, number>; lag: number | null } };

describe("the first end-to-end outflow", () => {
  let stack: Stack;
  let api: ApiClient;
  const es = testElastic();
  const topic = uniqueName("orders");
  const index = uniqueName("orders-idx");

  beforeAll(async () => {
    stack = await Stack.start({ workers: 1 });
    api = stack.api;
  });
  afterAll(async () => {
    await stack?.stop();
    await deleteIndices(es, index);
  });

  it("moves 10,000 JSON messages over 3 partitions into Elasticsearch, committing only what was indexed", async () => {
    const N = 10_000;
    await createTopic(topic, 3);
    await produce(
      topic,
      Array.from({ length: N }, (_, i) => ({
        key: `k${i}`,
        partition: i % 3,
        value: JSON.stringify({ orderId: `o-${i}`, amount: i * 1.5, customer: { id: i % 97, name: `customer ${i % 97}` }, tags: ["a", `t${i % 5}`] }),
      })),
    );

    const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
    const elastic = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
    const task = await api.post<Task>("/api/tasks", {
      name: uniqueName("orders task"),
      config: {
        source: { connectionId: kafka.id, topics: [topic], startPosition: { type: "earliest" } },
        sink: { connectionId: elastic.id, index, documentId: { type: "fields", fields: ["$.orderId"] } },
      },
    });
    expect(task.status).toBe("created");
    const startedAt = performance.now();
    const started = await api.post<Task>(`/api/tasks/${task.id}/start`);
    expect(started.status).toBe("starting");

    // Time from the start request to the first searchable document, then to all of them (the compat run's figures).
    const firstDocumentMs = await waitFor(
      "the first document",
      async () => ((await countDocs(es, index)) > 0 ? Math.round(performance.now() - startedAt) : null),
      120_000,
      50,
    );
    await waitFor("10,000 documents", async () => (await countDocs(es, index)) >= N, 120_000);
    const allDocumentsMs = Math.round(performance.now() - startedAt);
    const docs = await allDocs(es, index);
    expect(docs).toHaveLength(N);
    const byId = new Map(docs.map((d) => [d._id, d._source]));
    for (let i = 0; i < N; i++) {
      expect(byId.get(`o-${i}`)).toEqual({
        orderId: `o-${i}`,
        amount: i * 1.5,
        customer: { id: i % 97, name: `customer ${i % 97}` },
        tags: ["a", `t${i % 5}`],
      });
    }

    await waitFor("committed offsets to reach the end offsets", async () => {
      const offsets = await groupOffsets(task.consumerGroup, topic);
      return offsets.length === 3 && committedToEnd(offsets) ? offsets : null;
    });
    const ends = await groupOffsets(task.consumerGroup, topic);
    expect(ends.reduce((n, o) => n + Number(o.end), 0)).toBe(N);

    const running = await waitFor("metrics to show every message", async () => {
      const t = await api.get<Task>(`/api/tasks/${task.id}`);
      return t.metrics.totals.messagesIn === N && t.metrics.lag === 0 ? t : null;
    });
    expect(running.status).toBe("running");
    expect(running.metrics.totals).toMatchObject({ messagesIn: N, messagesWritten: N, documentsWritten: N, discarded: 0, deadLettered: 0 });
    recordCompatFigures("plain JSON, 10,000 messages with IDs over 3 partitions", {
      documents: docs.length,
      documentsWritten: running.metrics.totals.documentsWritten ?? "?",
      firstDocumentMs,
      allDocumentsMs,
    });

    await api.post(`/api/tasks/${task.id}/stop`);
    await waitFor("the task to stop", async () => (await api.get<Task>(`/api/tasks/${task.id}`)).status === "stopped", 60_000);
    const events = await api.get<{ items: { kind: string }[] }>(`/api/tasks/${task.id}/events`);
    expect(events.items.map((e) => e.kind)).toEqual(expect.arrayContaining(["created", "start_requested", "running", "stop_requested", "stopped"]));
  });
});
