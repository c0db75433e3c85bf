import { createElastic } from "@outflow/connectors/elasticsearch";
import { allDocs, deleteIndices } from "@outflow/testing/elastic";
import { faultElasticsearch, SMALL_REQUESTS_ES } from "@outflow/testing/fault-services";
import { createTopic, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import { headersAsText } from "@outflow/testing/kafka-admin";
import { settledSum } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { startRecordingProxy } from "@outflow/testing/recording-proxy";
import { uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** SMALL_REQUESTS_ES's http.max_content_length. */
const SERVER_LIMIT = 16 * 1024;

/**
 * What the worker sends, seen on the wire by a counting proxy in front of a real Elasticsearch 8.19 whose
 * `http.max_content_length` is 16 KiB (its own instance on port 29202, started here): bulkMaxBytes bounds a request's
 * NDJSON bytes and bulkMaxDocs its actions, a chunk split to fit; a 413 splits the request, so only a document that
 * alone is over the server's limit fails.
 */
describe("bulk request sizes", () => {
  const suite = new OutflowSuite("it-bulksize");
  const es = createElastic(
    { kind: "elasticsearch", name: "small requests", nodes: [`http://127.0.0.1:${SMALL_REQUESTS_ES.port}`], auth: { type: "none" } },
    { requestTimeoutMs: 30_000, maxRetries: 3 },
  );
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let connectionId = "";

  beforeAll(async () => {
    await Promise.all([faultElasticsearch.up(SMALL_REQUESTS_ES), suite.start()]);
    proxy = await startRecordingProxy(`http://127.0.0.1:${SMALL_REQUESTS_ES.port}`);
    const conn = await suite.api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("small es"), nodes: [proxy.url] });
    connectionId = conn.id;
  });
  afterAll(async () => {
    await suite.stop();
    await proxy?.close();
    await deleteIndices(es, `${suite.prefix}-*`).catch(() => {});
    await es.close();
    await faultElasticsearch.stop(SMALL_REQUESTS_ES);
  });

  const idsIn = async (index: string) => (await allDocs(es, index)).map((d) => d._id).sort();
  const doc = (id: string, size: number) => ({ id, s: "x".repeat(size) });

  it("bulkMaxDocs bounds a request's actions and bulkMaxBytes its bytes, however many documents a message holds", async () => {
    const { topic, index } = await suite.freshTopic();
    // json_array: 6 messages of 12 small documents each, then 3 of 6 documents of ~600 bytes.
    const small = Array.from({ length: 6 }, (_, m) => JSON.stringify(Array.from({ length: 12 }, (_, i) => doc(`s${m}-${i}`, 20))));
    const large = Array.from({ length: 3 }, (_, m) => JSON.stringify(Array.from({ length: 6 }, (_, i) => doc(`l${m}-${i}`, 600))));
    await produce(
      topic,
      [...small, ...large].map((value) => ({ value })),
    );
    const before = proxy.bulks().length;
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { format: { type: "json_array" } },
      sink: { connectionId, documentId: { type: "fields", fields: ["$.id"] } },
      delivery: { bulkMaxDocs: 5, bulkMaxBytes: 2_048, bulkConcurrency: 2 },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 9, 90_000);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 9, messagesWritten: 9, documentsWritten: 90 });
    expect((await idsIn(index)).length).toBe(90);
    const seen = proxy.bulks().slice(before);
    console.log(`[bulk sizes] ${seen.length} requests: actions ${seen.map((b) => b.documents).join(",")}; bytes ${seen.map((b) => b.bytes).join(",")}`);
    expect(seen.every((b) => b.status === 200)).toBe(true);
    expect(Math.max(...seen.map((b) => b.documents))).toBeLessThanOrEqual(5);
    expect(Math.max(...seen.map((b) => b.bytes))).toBeLessThanOrEqual(2_048);
    expect(seen.reduce((n, b) => n + b.documents, 0)).toBe(90);
    // Both bounds bind: requests of 5 small documents, and of fewer large ones by bytes.
    expect(seen.some((b) => b.documents === 5)).toBe(true);
    expect(seen.some((b) => b.documents < 5 && b.bytes > 1_500)).toBe(true);
  });

  /** 20 messages of ~1 KiB around one of ~20 KiB (offset 10): together over the server's 16 KiB, each but one under it. */
  function messagesAroundAHugeOne(): TestMessage[] {
    return Array.from({ length: 21 }, (_, i) =>
      i === 10 ? { key: "huge", value: JSON.stringify(doc("huge", 20_000)) } : { key: `g${i}`, value: JSON.stringify(doc(`g${i}`, 1_000)) },
    );
  }
  const goodIds = Array.from({ length: 21 }, (_, i) => `g${i}`)
    .filter((id) => id !== "g10")
    .sort();

  function expectSplitOn413(before: number): void {
    const seen = proxy.bulks().slice(before);
    console.log(`[bulk sizes] ${seen.map((b) => `${b.documents}/${b.bytes}B→${b.status}`).join(" ")}`);
    // A request of several actions was refused as a whole and sent again in parts; only the huge one alone stays refused.
    expect(seen.some((b) => b.status === 413 && b.documents > 1)).toBe(true);
    expect(seen.filter((b) => b.status === 413 && b.documents === 1)).toHaveLength(1);
    expect(seen.filter((b) => b.status === 200).every((b) => b.bytes <= SERVER_LIMIT)).toBe(true);
  }

  it("discard: a 413 splits the request; only the document that alone exceeds the server's limit is discarded (document_too_large)", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, messagesAroundAHugeOne());
    const before = proxy.bulks().length;
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { connectionId, documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 21, 90_000);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 21, messagesWritten: 20, discarded: 1, deadLettered: 0 });
    expect(settledSum(done.metrics.totals)).toBe(21);
    expect(await idsIn(index)).toEqual(goodIds);
    const discarded = await suite.outflow.waitForEvent(task.id, "message_discarded");
    expect(discarded.details).toMatchObject({ offset: "10", stage: "index", status: 413, errorType: "document_too_large" });
    expect(String(discarded.details?.reason)).toMatch(/^the server refused a request of this document alone \(19\.\d KiB of NDJSON\) as too large/);
    expectSplitOn413(before);
  });

  it("dead_letter: only the document that alone exceeds the server's limit is dead-lettered; its neighbours are written", async () => {
    const { topic, index } = await suite.freshTopic();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1);
    await produce(topic, messagesAroundAHugeOne());
    const before = proxy.bulks().length;
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { connectionId, documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "dead_letter", topic: dlq },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 21, 90_000);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 21, messagesWritten: 20, discarded: 0, deadLettered: 1 });
    expect(await idsIn(index)).toEqual(goodIds);
    const dead = await readAll(dlq, 1, 30_000);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.key?.toString()).toBe("huge");
    expect(headersAsText(dead[0]?.headers ?? {})).toMatchObject({
      "outflow.source.offset": "10",
      "outflow.stage": "index",
      "outflow.error.status": "413",
      "outflow.error.type": "document_too_large",
    });
    expectSplitOn413(before);
  });
});
