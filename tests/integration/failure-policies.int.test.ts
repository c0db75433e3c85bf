import { allDocs } from "@outflow/testing/elastic";
import { caughtUpGroupOffsets, createTopic, groupOffsets, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import { headersAsText } from "@outflow/testing/kafka-admin";
import { settledSum, type TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Failure policies with poison messages among good ones: discard, retain (and resume), dead_letter. */
describe.concurrent("failure policies", () => {
  const suite = new OutflowSuite("it-fail");
  beforeAll(suite.start);
  afterAll(suite.stop);

  /** A fresh topic, and an index whose mapping makes `amount` a long (so an object there is rejected with 400). */
  async function topicAndMappedIndex(partitions = 1): Promise<{ topic: string; index: string }> {
    const topic = uniqueName(`${suite.prefix}-t`);
    const index = uniqueName(`${suite.prefix}-i`);
    await createTopic(topic, partitions);
    await suite.es.indices.create({ index, mappings: { properties: { id: { type: "keyword" }, amount: { type: "long" } } } });
    return { topic, index };
  }

  const good = (id: string, extra: Omit<TestMessage, "value"> = {}): TestMessage => ({ value: JSON.stringify({ id, amount: id.length }), ...extra });
  const idsIn = async (index: string) => (await allDocs(suite.es, index)).map((d) => d._id).sort();
  const byId = { documentId: { type: "fields", fields: ["$.id"] } };

  function expectBalanced(t: TaskView): void {
    expect(settledSum(t.metrics.totals)).toBe(t.metrics.totals.messagesIn);
  }

  it("discard: poison messages are counted and skipped, the task keeps running, every good document arrives", async () => {
    const { topic, index } = await topicAndMappedIndex();
    await produce(topic, [
      good("g0"),
      good("g1"),
      { value: '{"id": "bad-json", ' },
      good("g3"),
      { value: JSON.stringify({ id: "bad-mapping", amount: { not: "a long" } }) },
      good("g5"),
      good("g6"),
    ]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: byId, failure: { policy: "discard" } });
    const done = await suite.outflow.waitForMessagesIn(task.id, 7);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 7, messagesWritten: 5, discarded: 2, deadLettered: 0, failed: 0 });
    expectBalanced(done);
    expect(done.status).toBe("running");
    expect(await idsIn(index)).toEqual(["g0", "g1", "g3", "g5", "g6"]);
    const settled = await suite.outflow.waitForNoLag(task.id);
    expect(settled.metrics.partitions[0]?.committedOffset).toBe("7");
    const discarded = await suite.outflow.waitForEvent(task.id, "message_discarded");
    expect(discarded.level).toBe("warn");
    expect(discarded.details).toMatchObject({ topic, partition: 0, offset: "2", stage: "parse" });
  });

  it("retain: stops at the poison message, commits nothing from it on; after switching to discard it resumes from it", async () => {
    const { topic, index } = await topicAndMappedIndex(2);
    // Partition 1: good at offsets 0..2, poison at 3, good at 4..6. Partition 0: good only.
    await produce(topic, [
      ...["p0-a", "p0-b", "p0-c"].map((id) => good(id, { partition: 0 })),
      ...["p1-0", "p1-1", "p1-2"].map((id) => good(id, { partition: 1 })),
      { value: "not json at all", partition: 1, key: "poison" },
      ...["p1-4", "p1-5", "p1-6"].map((id) => good(id, { partition: 1 })),
    ]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: byId, failure: { policy: "retain" } });
    const failed = await suite.outflow.waitForStatus(task.id, "failed");
    expect(failed.failurePoint).toMatchObject({ topic, partition: 1, offset: "3", stage: "parse" });
    expect(failed.failurePoint?.reason).toMatch(/invalid JSON/);
    expect(failed.statusReason).toMatch(/^parse: /);
    expect(failed.desiredState).toBe("stopped");

    const committed = (await groupOffsets(task.consumerGroup, topic)).find((o) => o.partition === 1);
    expect(committed).toEqual({ partition: 1, committed: "3", end: "7" });
    const indexed = await idsIn(index);
    expect(indexed).toEqual(expect.arrayContaining(["p1-0", "p1-1", "p1-2"]));
    const failedEvent = (await suite.outflow.events(task.id)).find((e) => e.kind === "failed");
    expect(failedEvent?.details).toMatchObject({ topic, partition: 1, offset: "3", stage: "parse" });
    const counted = await suite.outflow.waitForTotals(task.id, "the retained message to be counted", (t) => t.failed === 1, 30_000, true);
    expect(counted.metrics.partitions.find((p) => p.partition === 1)).toMatchObject({ messagesIn: 3, messagesWritten: 3, failed: 1 });

    const patched = await suite.api.patch<TaskView>(`/api/tasks/${task.id}`, { config: { failure: { policy: "discard" } } });
    expect(patched.config.failure).toEqual({ policy: "discard" });
    await suite.outflow.start(task.id);
    const resumed = await suite.outflow.waitForTotals(task.id, "partition 1 to finish", (_t, tv) => {
      const p1 = tv.metrics.partitions.find((p) => p.partition === 1);
      return p1?.messagesIn === 7;
    });
    expect(resumed.metrics.partitions.find((p) => p.partition === 1)).toMatchObject({ messagesIn: 7, messagesWritten: 6, discarded: 1 });
    await suite.outflow.waitForNoLag(task.id);
    expect(await idsIn(index)).toEqual(["p0-a", "p0-b", "p0-c", "p1-0", "p1-1", "p1-2", "p1-4", "p1-5", "p1-6"]);
    expect(await caughtUpGroupOffsets(task.consumerGroup, topic)).toEqual([
      { partition: 0, committed: "3", end: "3" },
      { partition: 1, committed: "7", end: "7" },
    ]);
    const final = await suite.outflow.waitForStatus(task.id, "running");
    expect(final.failurePoint).toBeNull();
  });

  it("retain at an Elasticsearch mapping rejection (stage index); after moving to another index it resumes with that message", async () => {
    const { topic, index } = await topicAndMappedIndex();
    await produce(topic, [good("a"), { value: JSON.stringify({ id: "b", amount: "lots" }) }, good("c")]);
    const task = await suite.outflow.run({ topics: [topic], index, sink: byId });
    const failed = await suite.outflow.waitForStatus(task.id, "failed");
    expect(failed.failurePoint).toMatchObject({ topic, partition: 0, offset: "1", stage: "index" });
    expect((await groupOffsets(task.consumerGroup, topic))[0]).toEqual({ partition: 0, committed: "1", end: "3" });

    // Started again without a fix, it stops at the same message.
    expect((await suite.outflow.start(task.id)).status).toBe("starting");
    const again = await suite.outflow.waitForStatus(task.id, "failed");
    expect(again.failurePoint).toEqual(failed.failurePoint);
    expect((await groupOffsets(task.consumerGroup, topic))[0]).toEqual({ partition: 0, committed: "1", end: "3" });

    // Fix the cause: write to an index without the strict mapping.
    const fixedIndex = `${index}-v2`;
    await suite.api.patch(`/api/tasks/${task.id}`, { config: { sink: { index: fixedIndex } } });
    await suite.outflow.start(task.id);
    await suite.outflow.waitForNoLag(task.id);
    // "c" was sent in the same bulk as "b" and may be in the old index too (at-least-once); "b" never is.
    expect(await idsIn(index)).toEqual(expect.arrayContaining(["a"]));
    expect(await idsIn(index)).not.toContain("b");
    const docs = await suite.docsById(fixedIndex);
    expect(docs).toEqual({ b: { id: "b", amount: "lots" }, c: { id: "c", amount: 1 } });
    expect((await groupOffsets(task.consumerGroup, topic))[0]).toEqual({ partition: 0, committed: "3", end: "3" });
  });

  it("dead_letter: failed messages go to the topic byte for byte, with key, headers and outflow.* headers", async () => {
    const { topic, index } = await topicAndMappedIndex();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1);
    const ts = String(Date.UTC(2024, 1, 2, 3, 4, 5));
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x80]);
    const poison: { offset: number; message: TestMessage; stage: string }[] = [
      {
        offset: 1,
        stage: "parse",
        message: { key: Buffer.from([0xde, 0xad]), value: binary, headers: { "x-trace": "t-1", bin: Buffer.from([1, 2, 3]) }, timestamp: ts },
      },
      {
        offset: 3,
        stage: "rule",
        message: { key: "k3", value: JSON.stringify({ id: "r", amount: 1, qty: "many" }), headers: { "x-trace": "t-3" }, timestamp: ts },
      },
      { offset: 5, stage: "route", message: { value: JSON.stringify({ amount: 1 }), timestamp: ts } }, // no key, no headers
      { offset: 6, stage: "index", message: { key: "k6", value: JSON.stringify({ id: "m", amount: { x: 1 } }), headers: { "x-trace": "t-6" }, timestamp: ts } },
    ];
    const messages: TestMessage[] = [];
    for (let offset = 0; offset < 9; offset++) {
      messages.push(poison.find((p) => p.offset === offset)?.message ?? good(`g${offset}`, { key: `k${offset}` }));
    }
    await produce(topic, messages);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [{ type: "cast", field: "$.qty", as: "integer" }],
      sink: byId,
      failure: { policy: "dead_letter", topic: dlq },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 9);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 9, messagesWritten: 5, deadLettered: 4, discarded: 0, failed: 0 });
    expectBalanced(done);
    expect(done.status).toBe("running");
    expect(await idsIn(index)).toEqual(["g0", "g2", "g4", "g7", "g8"]);

    const dead = await readAll(dlq, 4, 30_000);
    expect(dead).toHaveLength(4);
    for (const [i, p] of poison.entries()) {
      const d = dead[i];
      const original = p.message;
      expect(d?.value?.equals(Buffer.from(original.value as string | Buffer))).toBe(true);
      if (original.key === undefined) {
        expect(d?.key).toBeNull();
      } else {
        expect(d?.key?.equals(Buffer.from(original.key as string | Buffer))).toBe(true);
      }
      const h = headersAsText(d?.headers ?? {});
      expect(h).toMatchObject({
        "outflow.task.id": task.id,
        "outflow.source.topic": topic,
        "outflow.source.partition": "0",
        "outflow.source.offset": String(p.offset),
        "outflow.source.timestamp": ts,
        "outflow.stage": p.stage,
      });
      expect(h["outflow.reason"]?.length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(original.headers ?? {})) {
        expect(Buffer.from(d?.headers[name] as Buffer).equals(Buffer.from(value as string | Buffer))).toBe(true);
      }
      if (p.stage === "index") {
        expect(h["outflow.error.status"]).toBe("400");
        expect(h["outflow.error.type"]).toMatch(/parsing_exception/);
      } else {
        expect(h["outflow.error.status"]).toBeUndefined();
        expect(h["outflow.error.type"]).toBeUndefined();
      }
    }
    const event = await suite.outflow.waitForEvent(task.id, "message_dead_lettered");
    expect(event.details).toMatchObject({ topic, partition: 0, offset: "1", stage: "parse" });
    expect((await suite.outflow.waitForNoLag(task.id)).metrics.partitions[0]?.committedOffset).toBe("9");
  });

  it("dead_letter with its own Kafka connection (failure.connectionId)", async () => {
    const { topic, index } = await topicAndMappedIndex();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1);
    const dlqConnection = await suite.api.post<{ id: string }>("/api/connections", {
      kind: "kafka",
      name: uniqueName("dlq kafka"),
      brokers: SERVICES.kafkaBrokers,
    });
    await produce(topic, [good("a"), { key: "bad", value: "{oops" }, good("c")]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: byId,
      failure: { policy: "dead_letter", topic: dlq, connectionId: dlqConnection.id },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 2, deadLettered: 1 });
    const [dead] = await readAll(dlq, 1);
    expect(dead?.value?.toString()).toBe("{oops");
    expect(headersAsText(dead?.headers ?? {})).toMatchObject({
      "outflow.task.id": task.id,
      "outflow.source.offset": "1",
      "outflow.stage": "parse",
    });
  });
});
