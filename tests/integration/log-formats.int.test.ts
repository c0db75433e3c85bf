import type { ApiClient } from "@outflow/testing/api-client";
import { allDocs, countDocs, deleteIndices, testElastic } from "@outflow/testing/elastic";
import { startFlakyProxy } from "@outflow/testing/flaky-proxy";
import { createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Task = { id: string; consumerGroup: string; status: string; metrics: { totals: Record<string, number> } };

describe("log formats: grok presets, regex, JSON arrays", () => {
  let stack: Stack;
  let api: ApiClient;
  let kafkaId: string;
  let esId: string;
  const es = testElastic();
  const prefix = uniqueName("logs");

  beforeAll(async () => {
    stack = await Stack.start({ workers: 1 });
    api = stack.api;
    kafkaId = (await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers })).id;
    esId = (await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] })).id;
  });
  afterAll(async () => {
    await stack?.stop();
    await deleteIndices(es, `${prefix}-*`);
  });

  async function run(topic: string, config: Record<string, unknown>, esConnection = esId): Promise<Task> {
    const task = await api.post<Task>("/api/tasks", {
      name: uniqueName("t"),
      config: { ...config, source: { connectionId: kafkaId, topics: [topic] }, sink: { connectionId: esConnection, ...(config.sink as object) } },
    });
    await api.post(`/api/tasks/${task.id}/start`);
    return task;
  }

  it("parses an nginx access log with the grok preset into an index split by the request's date", async () => {
    const topic = uniqueName("nginx");
    await createTopic(topic, 1);
    const lines = [
      '203.0.113.9 - alice [23/Nov/2026:23:15:32 +0800] "GET /api/orders?id=7 HTTP/1.1" 200 5123 "https://shop.example/" "Mozilla/5.0 (X11)"',
      '198.51.100.4 - - [24/Nov/2026:00:01:02 +0800] "POST /api/pay HTTP/2.0" 502 0 "-" "curl/8.5.0"',
      "this line is not an access log",
    ];
    await produce(
      topic,
      lines.map((value) => ({ value })),
    );
    const task = await run(topic, {
      parse: { format: { type: "grok", pattern: "nginx_combined" } },
      sink: {
        index: `${prefix}-nginx`,
        dateSplit: { format: "yyyy.MM.dd", source: { type: "field", field: "$.timestamp", format: "dd/MMM/yyyy:HH:mm:ss Z" }, timeZone: "UTC" },
      },
      failure: { policy: "discard" },
    });
    await waitFor("two documents", async () => (await countDocs(es, `${prefix}-nginx_*`)) === 2, 60_000);
    const docs = await allDocs(es, `${prefix}-nginx_*`);
    // 23:15 and 00:01 at +08:00 are both 23 Nov in UTC (15:15 and 16:01)
    expect(docs.map((d) => d._index)).toEqual([`${prefix}-nginx_2026.11.23`, `${prefix}-nginx_2026.11.23`]);
    const pay = docs.find((d) => d._source.verb === "POST")?._source;
    expect(pay).toMatchObject({ clientip: "198.51.100.4", request: "/api/pay", httpversion: "2.0", response: 502, bytes: 0, agent: "curl/8.5.0" });
    await waitFor("the bad line discarded", async () => (await api.get<Task>(`/api/tasks/${task.id}`)).metrics.totals.discarded === 1);
  });

  it("extracts fields with a regex (linear-time engine), and a second parse of an embedded key-value field", async () => {
    const topic = uniqueName("app");
    await createTopic(topic, 1);
    await produce(topic, [{ value: "2026-11-23 10:00:01 WARN [billing] user=42&action=refund&amount=9.5" }]);
    await run(topic, {
      parse: { format: { type: "regex", pattern: "^(?<ts>\\S+ \\S+) (?<level>[A-Z]+) \\[(?<svc>[^\\]]+)\\] (?<kv>.*)$" } },
      rules: [
        { type: "parse", field: "kv", format: { type: "kv" }, to: "params" },
        { type: "cast", field: "params.amount", as: "number" },
        { type: "drop", fields: ["kv"] },
        { type: "parse_date", field: "ts", format: "yyyy-MM-dd HH:mm:ss", timeZone: "Asia/Shanghai" },
      ],
      sink: { index: `${prefix}-app` },
    });
    await waitFor("the document", async () => (await countDocs(es, `${prefix}-app`)) === 1, 60_000);
    const [doc] = await allDocs(es, `${prefix}-app`);
    expect(doc?._source).toEqual({ ts: "2026-11-23T02:00:01.000Z", level: "WARN", svc: "billing", params: { user: "42", action: "refund", amount: 9.5 } });
  });

  it("JSON arrays: N documents per message, and a message's offset is committed only once all N are acknowledged", async () => {
    const topic = uniqueName("arrays");
    await createTopic(topic, 1);
    const messages = 200;
    const perMessage = 5;
    await produce(
      topic,
      Array.from({ length: messages }, (_, m) => ({ value: JSON.stringify(Array.from({ length: perMessage }, (_, e) => ({ m, e, id: `${m}-${e}` }))) })),
    );
    // Every 2nd bulk request fails with 503 through a proxy, so some messages' documents are acknowledged in pieces.
    const proxy = await startFlakyProxy(SERVICES.elasticsearchUrl, 2);
    const flakyEs = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("flaky"), nodes: [proxy.url] });
    const index = `${prefix}-arrays`;
    try {
      const task = await run(
        topic,
        { parse: { format: { type: "json_array" } }, sink: { index, documentId: { type: "fields", fields: ["$.id"] } }, delivery: { bulkMaxDocs: 7 } },
        flakyEs.id,
      );
      let checks = 0;
      const deadline = Date.now() + 150_000;
      for (;;) {
        // Read the committed offset first, then the documents: every message before it must have all its documents.
        const [o] = await groupOffsets(task.consumerGroup, topic);
        const committed = Math.max(0, Number(o?.committed ?? -1));
        await es.indices.refresh({ index, ignore_unavailable: true });
        const present = committed === 0 ? 0 : (await es.count({ index, ignore_unavailable: true, query: { range: { m: { lt: committed } } } })).count;
        expect(present, `documents of the ${committed} committed messages`).toBe(committed * perMessage);
        checks++;
        if (committed === messages) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(`after 150 s only ${committed} of ${messages} messages were committed (${proxy.failed()} bulk requests failed by the proxy)`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(checks).toBeGreaterThan(1);
      expect(proxy.failed()).toBeGreaterThan(0);
      expect(await countDocs(es, index)).toBe(messages * perMessage);
    } finally {
      await proxy.close();
    }
  });
});
