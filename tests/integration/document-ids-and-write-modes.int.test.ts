import { allDocs, countDocs } from "@outflow/testing/elastic";
import { caughtUpGroupOffsets, produce, type TestMessage } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Document IDs (fields, Kafka key, Kafka coordinates, auto) and write modes (full, incremental). */
describe.concurrent("document IDs and write modes", () => {
  const suite = new OutflowSuite("it-ids");
  beforeAll(suite.start);
  afterAll(suite.stop);

  const json = (v: unknown, extra: Omit<TestMessage, "value"> = {}): TestMessage => ({ value: JSON.stringify(v), ...extra });

  it("fields: several fields joined by the delimiter; a later message with the same fields overwrites", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      json({ tenant: "acme", order: { id: 7 }, v: 1 }),
      json({ tenant: "acme", order: { id: 8 }, v: 1 }),
      json({ tenant: "globex", order: { id: 7 }, v: 1 }),
      json({ tenant: "acme", order: { id: 7 }, v: 2 }),
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { documentId: { type: "fields", fields: ["$.tenant", "order.id"], delimiter: "::" } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 4, documentsWritten: 4 });
    expect(await suite.docsById(index)).toEqual({
      "acme::7": { tenant: "acme", order: { id: 7 }, v: 2 },
      "acme::8": { tenant: "acme", order: { id: 8 }, v: 1 },
      "globex::7": { tenant: "globex", order: { id: 7 }, v: 1 },
    });
  });

  it("kafka_key: the message key is the document ID", async () => {
    const { topic, index } = await suite.freshTopic(2);
    await produce(topic, [
      json({ v: 1 }, { key: "user/1", partition: 0 }),
      json({ v: 1 }, { key: "user:2", partition: 1 }),
      json({ v: 2 }, { key: "user/1", partition: 0 }),
      json({ v: 1 }, { key: "ключ", partition: 1 }),
    ]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "kafka_key" } } });
    await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(await suite.docsById(index)).toEqual({ "user/1": { v: 2 }, "user:2": { v: 1 }, ключ: { v: 1 } });
  });

  it("kafka_coordinates: topic-partition-offset; re-reading from earliest overwrites instead of duplicating", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const N = 20;
    await produce(
      topic,
      Array.from({ length: N }, (_, n) => json({ n }, { partition: n % 2 })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "kafka_coordinates" } } });
    await suite.outflow.waitForMessagesIn(task.id, N);
    const first = await suite.docsById(index);
    expect(Object.keys(first)).toHaveLength(N);
    for (let n = 0; n < N; n++) {
      expect(first[`${topic}-${n % 2}-${Math.floor(n / 2)}`]).toEqual({ n });
    }

    const whileRunning = await suite.api.expectError("POST", `/api/tasks/${task.id}/reset-offsets`, { type: "earliest" });
    expect(whileRunning.status).toBe(409);
    await suite.outflow.stop(task.id);
    const reset = await suite.api.post<{ pendingOffsetReset: unknown }>(`/api/tasks/${task.id}/reset-offsets`, { type: "earliest" });
    expect(reset.pendingOffsetReset).toEqual({ type: "earliest" });
    await suite.outflow.start(task.id);

    const again = await suite.outflow.waitForMessagesIn(task.id, 2 * N);
    expect(again.metrics.totals).toMatchObject({ messagesIn: 2 * N, messagesWritten: 2 * N });
    expect(await countDocs(suite.es, index)).toBe(N);
    expect(await suite.docsById(index)).toEqual(first);
    // Every document was written twice: version 2.
    const versions = await Promise.all(Object.keys(first).map(async (id) => (await suite.es.get({ index, id }))._version));
    expect(new Set(versions)).toEqual(new Set([2]));
    expect((await suite.outflow.events(task.id)).some((e) => e.kind === "offsets_reset")).toBe(true);
    expect(await caughtUpGroupOffsets(task.consumerGroup, topic)).toEqual([
      { partition: 0, committed: "10", end: "10" },
      { partition: 1, committed: "10", end: "10" },
    ]);
  });

  it("auto: Elasticsearch generates IDs; identical messages become separate documents", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [json({ same: true }), json({ same: true }), json({ other: 1 })]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "auto" } } });
    await suite.outflow.waitForMessagesIn(task.id, 3);
    const docs = await allDocs(suite.es, index);
    expect(docs.map((d) => d._source)).toEqual(expect.arrayContaining([{ same: true }, { same: true }, { other: 1 }]));
    expect(docs).toHaveLength(3);
    expect(new Set(docs.map((d) => d._id)).size).toBe(3);
  });

  it("writeMode full: a second message for the same ID replaces the document (absent fields are gone)", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      json({ id: "a", name: "Ann", age: 30, address: { city: "Oslo", zip: "0150" } }),
      json({ id: "a", age: 31, address: { city: "Bergen" } }),
    ]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] }, writeMode: "full" } });
    await suite.outflow.waitForMessagesIn(task.id, 2);
    expect(await suite.docsById(index)).toEqual({ a: { id: "a", age: 31, address: { city: "Bergen" } } });
  });

  it("writeMode incremental: partial update with upsert; only the given fields change", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      json({ id: "a", name: "Ann", age: 30, address: { city: "Oslo", zip: "0150" } }, { key: "a" }),
      json({ id: "a", age: 31, address: { city: "Bergen" } }, { key: "a" }),
      json({ id: "b", name: "Bob" }, { key: "b" }),
      json({ id: "a", tags: ["x"] }, { key: "a" }),
    ]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "kafka_key" }, writeMode: "incremental" } });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 4, discarded: 0, failed: 0 });
    expect(await suite.docsById(index)).toEqual({
      a: { id: "a", name: "Ann", age: 31, address: { city: "Bergen", zip: "0150" }, tags: ["x"] },
      b: { id: "b", name: "Bob" },
    });
  });
});
