import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Row = {
  offset: string;
  steps: { step: string; record?: unknown; outcome?: string }[];
  result: { kind: string; reason?: string };
  bulk: string;
  note?: string;
};

describe("preview and samples", () => {
  let stack: Stack;
  let api: ApiClient;
  let kafkaId: string;
  let esId: string;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    api = stack.api;
    kafkaId = (await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers })).id;
    esId = (await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] })).id;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("samples the first messages of a topic, binary values as base64", async () => {
    const topic = uniqueName("sample");
    await createTopic(topic, 1);
    await produce(topic, [
      { key: "a", value: JSON.stringify({ n: 1 }), headers: { trace: "t-1" } },
      { key: null, value: Buffer.from([0xff, 0xfe, 0x00]) },
      { key: "c", value: "plain text" },
    ]);
    const r = await api.get<{ items: { offset: string; key: string | null; value: string; valueEncoding: string; headers: Record<string, string> }[] }>(
      `/api/connections/${kafkaId}/sample?topics=${topic}&limit=2`,
    );
    expect(r.items.map((m) => [m.offset, m.key, m.value, m.valueEncoding])).toEqual([
      ["0", "a", '{"n":1}', "utf8"],
      ["1", null, Buffer.from([0xff, 0xfe, 0x00]).toString("base64"), "base64"],
    ]);
    expect(r.items[0]?.headers).toEqual({ trace: "t-1" });
    const latest = await api.get<{ items: { offset: string }[] }>(`/api/connections/${kafkaId}/sample?topics=${topic}&limit=1&position=latest`);
    expect(latest.items.map((m) => m.offset)).toEqual(["2"]);
    const bad = await api.expectError("GET", `/api/connections/${kafkaId}/sample?topics=${uniqueName("missing")}`);
    expect(bad.status).toBe(422);
    expect(bad.body.error?.field).toBe("topics");
  });

  it("previews sampled messages step by step, with the exact bulk lines the worker would send", async () => {
    const topic = uniqueName("preview");
    await createTopic(topic, 1);
    await produce(topic, [{ key: "k1", value: JSON.stringify({ id: 7, App: "Billing", msg: "hi" }) }, { value: "{broken" }]);
    const config = {
      source: { connectionId: kafkaId, topics: [topic] },
      rules: [
        { type: "rename", from: "App", to: "app" },
        { type: "lowercase", field: "app" },
      ],
      sink: { connectionId: esId, index: "logs-{$.app}", documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    };
    const r = await api.post<{ rows: Row[] }>("/api/preview", { config, limit: 5 });
    expect(r.rows).toHaveLength(2);
    const [good, broken] = r.rows as [Row, Row];
    expect(good.steps.map((s) => s.step)).toEqual(["parse", "rule 1 rename", "rule 2 lowercase", "result"]);
    expect(good.steps[2]?.record).toEqual({ id: 7, app: "billing", msg: "hi" });
    expect(good.bulk).toBe(`${JSON.stringify({ index: { _index: "logs-billing", _id: "7" } })}\n${JSON.stringify({ id: 7, msg: "hi", app: "billing" })}\n`);
    expect(broken.result).toMatchObject({ kind: "failed", stage: "parse" });

    const given = await api.post<{ rows: Row[] }>("/api/preview", { config, messages: [{ value: JSON.stringify({ id: 1, App: "X" }) }] });
    expect(given.rows[0]?.bulk).toContain('"_index":"logs-x"');

    const invalid = await api.expectError("POST", "/api/preview", { config: { ...config, sink: { ...config.sink, index: "Logs" } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error?.field).toBe("config.sink.index");
  });

  it("in aggregation mode, previews the writes the worker would send against an empty index, with a note", async () => {
    const config = {
      source: { connectionId: kafkaId, topics: [uniqueName("unused")] },
      sink: {
        connectionId: esId,
        index: "per-minute",
        aggregation: {
          groupBy: [{ field: "$.svc", as: "service" }],
          metrics: [{ fn: "avg", field: "$.ms", as: "avg_ms" }],
          window: { size: "1m", time: { type: "field", field: "$.ts" } },
        },
      },
    };
    const r = await api.post<{ rows: Row[] }>("/api/preview", {
      config,
      messages: [{ value: JSON.stringify({ svc: "api", ms: 8, ts: "2026-01-01T10:00:30Z" }) }],
    });
    expect(r.rows[0]?.note).toContain("against an empty index");
    expect(r.rows[0]?.bulk).toBe(
      `${JSON.stringify({ create: { _index: "per-minute", _id: "api_2026-01-01T10:00:00.000Z" } })}\n${JSON.stringify({
        service: "api",
        window_start: "2026-01-01T10:00:00.000Z",
        window_end: "2026-01-01T10:01:00.000Z",
        count: 1,
        avg_ms: 8,
        outflow_state: { avg_ms: { sum: 8, count: 1 } },
        outflow_offsets: [{ partition: "preview/0", offset: "0" }],
      })}\n`,
    );
  });
});
