import { createTopic, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import { headersAsText } from "@outflow/testing/kafka-admin";
import { settledSum } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Parse formats other than JSON objects (json_array, delimited, kv) and the document size limit. */
describe.concurrent("parse formats", () => {
  const suite = new OutflowSuite("it-formats");
  beforeAll(suite.start);
  afterAll(suite.stop);

  const text = (value: string, extra: Omit<TestMessage, "value"> = {}): TestMessage => ({ value, ...extra });

  it("json_array each: one document per element (kafka_coordinates IDs get -<n>); a plain object is one document", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [text('[{"n":1},{"n":2},{"n":3}]'), text('{"n":4}'), text('[{"n":5}]')]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { format: { type: "json_array" } },
      sink: { documentId: { type: "kafka_coordinates" } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 3, documentsWritten: 5 });
    expect(await suite.docsById(index)).toEqual({
      [`${topic}-0-0-0`]: { n: 1 },
      [`${topic}-0-0-1`]: { n: 2 },
      [`${topic}-0-0-2`]: { n: 3 },
      [`${topic}-0-1`]: { n: 4 },
      [`${topic}-0-2`]: { n: 5 },
    });
  });

  it("json_array first: only the first element; an empty array or a scalar element cannot be parsed (nonJson drop)", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [text('[{"n":1},{"n":2}]'), text("[]"), text('[{"n":3}]'), text("[1,2]")]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { format: { type: "json_array", elements: "first" }, nonJson: { action: "drop" } },
      sink: { documentId: { type: "fields", fields: ["n"] } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 2, documentsWritten: 2, dropped: 2 });
    expect(await suite.docsById(index)).toEqual({ "1": { n: 1 }, "3": { n: 3 } });
  });

  it("delimited: separator, quotes, column names and trim; a line with the wrong column count follows nonJson (wrap)", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      text('2024-01-01T00:00:00Z, INFO ,"hello, world"'),
      text('2024-01-02T00:00:00Z,WARN,"say ""hi"""'),
      text("2024-01-03T00:00:00Z,ERROR"),
      text("2024-01-04T00:00:00Z,DEBUG,,\n"),
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: {
        format: { type: "delimited", separator: ",", quote: '"', columns: ["ts", "level", "msg"], trim: true },
        nonJson: { action: "wrap", key: "line" },
      },
      sink: { documentId: { type: "kafka_coordinates" } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 4 });
    const id = (o: number) => `${topic}-0-${o}`;
    expect(await suite.docsById(index)).toEqual({
      [id(0)]: { ts: "2024-01-01T00:00:00Z", level: "INFO", msg: "hello, world" },
      [id(1)]: { ts: "2024-01-02T00:00:00Z", level: "WARN", msg: 'say "hi"' },
      [id(2)]: { line: "2024-01-03T00:00:00Z,ERROR" },
      [id(3)]: { line: "2024-01-04T00:00:00Z,DEBUG,,\n" },
    });
  });

  it("delimited without columns: fields _1, _2, …; tab separator", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [text("a\tb\tc"), text("x\t\ty")]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { format: { type: "delimited", separator: "\t" } },
      sink: { documentId: { type: "kafka_coordinates" } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 2);
    expect(await suite.docsById(index)).toEqual({
      [`${topic}-0-0`]: { _1: "a", _2: "b", _3: "c" },
      [`${topic}-0-1`]: { _1: "x", _2: "", _3: "y" },
    });
  });

  it("kv: pair and key-value separators, trim and prefix; a pair without a separator cannot be parsed (fail → discard)", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [text("user=ann; action = login ;ok=true;url=/a?b=c"), text("user=bob;broken"), text("user=cid")]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { format: { type: "kv", pairSeparator: ";", kvSeparator: "=", prefix: "kv_" } },
      rules: [{ type: "cast", field: "kv_ok", as: "boolean" }],
      sink: { documentId: { type: "fields", fields: ["kv_user"] } },
      failure: { policy: "discard" },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 2, discarded: 1 });
    expect(await suite.docsById(index)).toEqual({
      ann: { kv_user: "ann", kv_action: "login", kv_ok: true, kv_url: "/a?b=c" },
      cid: { kv_user: "cid" },
    });
    expect((await suite.outflow.waitForEvent(task.id, "message_discarded")).details).toMatchObject({ offset: "1", stage: "parse" });
  });

  it("delivery.maxDocumentBytes: a larger document fails at stage index (document_too_large) and is dead-lettered", async () => {
    const { topic, index } = await suite.freshTopic();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1);
    const big = JSON.stringify({ id: "big", blob: "x".repeat(3000) });
    await produce(topic, [text(JSON.stringify({ id: "small" })), text(big, { key: "big-key" }), text(JSON.stringify({ id: "small2" }))]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { documentId: { type: "fields", fields: ["id"] } },
      delivery: { maxDocumentBytes: 2048 },
      failure: { policy: "dead_letter", topic: dlq },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 2, deadLettered: 1 });
    expect(settledSum(done.metrics.totals)).toBe(3);
    expect(Object.keys(await suite.docsById(index)).sort()).toEqual(["small", "small2"]);
    const [dead] = await readAll(dlq, 1);
    expect(dead?.value?.toString()).toBe(big);
    expect(dead?.key?.toString()).toBe("big-key");
    expect(headersAsText(dead?.headers ?? {})).toMatchObject({
      "outflow.stage": "index",
      "outflow.error.type": "document_too_large",
      "outflow.source.offset": "1",
    });
  });
});
