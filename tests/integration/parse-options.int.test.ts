import { produce, type TestMessage } from "@outflow/testing/kafka";
import { settledSum } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Parse options: nested objects, flatten, non-JSON values (drop / wrap) and tombstones (skip / delete). */
describe.concurrent("parse options", () => {
  const suite = new OutflowSuite("it-parse");
  beforeAll(suite.start);
  afterAll(suite.stop);

  /** Every kind of value that is not a JSON object, at offsets 1..6 between two good messages (0 and 7). */
  const NON_JSON: { what: string; value: string | Buffer }[] = [
    { what: "invalid JSON", value: '{"broken": ' },
    { what: "a JSON array", value: "[1,2,3]" },
    { what: "a JSON number", value: "42" },
    { what: "a JSON string", value: '"just text"' },
    { what: "an empty value", value: "" },
    { what: "invalid UTF-8", value: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]) },
  ];
  const withNonJson = (): TestMessage[] => [
    { value: JSON.stringify({ good: 0 }) },
    ...NON_JSON.map((m) => ({ value: m.value })),
    { value: JSON.stringify({ good: 7 }) },
  ];

  it("keeps nested objects and arrays as they are", async () => {
    const { topic, index } = await suite.freshTopic();
    const doc = {
      id: "a",
      user: { name: "Ann", address: { city: "Oslo", geo: { lat: 59.9, lon: 10.7 } } },
      items: [{ sku: "x", qty: 2 }],
      tags: ["t1", "t2"],
      nothing: null,
    };
    await produce(topic, [{ value: JSON.stringify(doc) }]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } } });
    await suite.outflow.waitForMessagesIn(task.id, 1);
    expect(await suite.docsById(index)).toEqual({ a: doc });
  });

  it("flatten with a separator shapes the written document; rules and routing still see the nested message", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      { value: JSON.stringify({ id: 1, app: { name: "shop", env: { region: "eu", zone: "b" } }, list: [{ deep: { x: 1 } }], plain: "p" }) },
      { value: JSON.stringify({ id: 2, app: { name: "blog", env: { region: "us" } }, plain: "q" }) },
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index: `${index}-{$.app.name}`,
      parse: { flatten: { separator: "__" } },
      rules: [{ type: "copy", from: "$.app.env.region", to: "$.meta.region" }],
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 2);
    expect(await suite.docsById(`${index}-shop`)).toEqual({
      "1": { id: 1, app__name: "shop", app__env__region: "eu", app__env__zone: "b", list: [{ deep: { x: 1 } }], plain: "p", meta__region: "eu" },
    });
    expect(await suite.docsById(`${index}-blog`)).toEqual({
      "2": { id: 2, app__name: "blog", app__env__region: "us", plain: "q", meta__region: "us" },
    });
  });

  it("flatten maxDepth: a message nested deeper fails at stage parse (here: discarded); others are flattened", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      { value: JSON.stringify({ id: "ok", a: { b: "two levels" } }) },
      { value: JSON.stringify({ id: "deep", a: { b: { c: "three levels" } } }) },
      { value: JSON.stringify({ id: "ok2", x: { y: [{ c: { d: 1 } }] } }) },
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { flatten: { maxDepth: 2 } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 2, discarded: 1 });
    expect(await suite.docsById(index)).toEqual({ ok: { id: "ok", "a.b": "two levels" }, ok2: { id: "ok2", "x.y": [{ c: { d: 1 } }] } });
    expect((await suite.outflow.waitForEvent(task.id, "message_discarded")).details).toMatchObject({ offset: "1", stage: "parse" });
  });

  it("nonJson drop: every non-object value is skipped, counted as dropped, with a message_dropped event", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, withNonJson());
    // retain (the default policy) would stop the task if a dropped message went through the failure policy.
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { nonJson: { action: "drop" } },
      sink: { documentId: { type: "kafka_coordinates" } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 8);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 8, messagesWritten: 2, dropped: NON_JSON.length, discarded: 0, failed: 0 });
    expect(settledSum(done.metrics.totals)).toBe(8);
    expect(await suite.docsById(index)).toEqual({ [`${topic}-0-0`]: { good: 0 }, [`${topic}-0-7`]: { good: 7 } });
    const dropped = await suite.outflow.waitForEvent(task.id, "message_dropped");
    expect(dropped.details).toMatchObject({ topic, partition: 0, offset: "1" });
    expect((await suite.outflow.task(task.id)).status).toBe("running");
    expect((await suite.outflow.waitForNoLag(task.id)).metrics.partitions[0]?.committedOffset).toBe("8");
  });

  it("nonJson wrap: non-object values are indexed as { <key>: raw text }, binary as base64 with <key>_encoding", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, withNonJson());
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { nonJson: { action: "wrap", key: "raw" } },
      sink: { documentId: { type: "kafka_coordinates" } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 8);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 8, messagesWritten: 8, dropped: 0, discarded: 0 });
    const id = (offset: number) => `${topic}-0-${offset}`;
    expect(await suite.docsById(index)).toEqual({
      [id(0)]: { good: 0 },
      [id(1)]: { raw: '{"broken": ' },
      [id(2)]: { raw: "[1,2,3]" },
      [id(3)]: { raw: "42" },
      [id(4)]: { raw: '"just text"' },
      [id(5)]: { raw: "" },
      [id(6)]: { raw: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]).toString("base64"), raw_encoding: "base64" },
      [id(7)]: { good: 7 },
    });
  });

  it("tombstones skip: null values are skipped and counted as filtered", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      { key: "k1", value: JSON.stringify({ v: 1 }) },
      { key: "k2", value: JSON.stringify({ v: 2 }) },
      { key: "k1", value: null },
      { key: "k3", value: JSON.stringify({ v: 3 }) },
    ]);
    const task = await suite.outflow.run({ topics: [topic], index, parse: { tombstones: "skip" }, sink: { documentId: { type: "kafka_key" } } });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 3, filtered: 1, discarded: 0, failed: 0 });
    expect(await suite.docsById(index)).toEqual({ k1: { v: 1 }, k2: { v: 2 }, k3: { v: 3 } });
  });

  it("tombstones delete: a null value deletes the document whose ID is the key; a missing one is no error", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      { key: "k1", value: JSON.stringify({ v: 1 }) },
      { key: "k2", value: JSON.stringify({ v: 2 }) },
      { key: "k3", value: JSON.stringify({ v: 3 }) },
      { key: "k2", value: null },
      { key: "never-written", value: null },
      { key: "k3", value: null },
      { key: "k3", value: JSON.stringify({ v: 33 }) },
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { tombstones: "delete" },
      sink: { documentId: { type: "kafka_key" } },
      failure: { policy: "retain" },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 7);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 7, messagesWritten: 7, discarded: 0, failed: 0 });
    expect(done.status).toBe("running");
    expect(await suite.docsById(index)).toEqual({ k1: { v: 1 }, k3: { v: 33 } });
  });
});
