import { allDocs, countDocs } from "@outflow/testing/elastic";
import { caughtUpGroupOffsets, groupOffsets, produce, type TestMessage } from "@outflow/testing/kafka";
import { setGroupOffsets } from "@outflow/testing/kafka-admin";
import { settledSum, type TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Source options: topics, start positions, consumers, and the Kafka metadata rules can read. */
describe.concurrent("source options", () => {
  const suite = new OutflowSuite("it-source");
  beforeAll(suite.start);
  afterAll(suite.stop);

  const json = (v: unknown, extra: Omit<TestMessage, "value"> = {}): TestMessage => ({ value: JSON.stringify(v), ...extra });

  /** The `n` field of every document, sorted. */
  async function ns(index: string): Promise<number[]> {
    return (await allDocs(suite.es, index)).map((d) => d._source.n as number).sort((a, b) => a - b);
  }

  /**
   * Starts a task at the latest offsets, then produces probe messages (n = 100, 101, …, with `probe`'s partition) until
   * one is indexed: the consumer looks up the end offset just after joining. Returns the task and the probes sent.
   */
  async function runFromLatest(topic: string, index: string, probe: Omit<TestMessage, "value"> = {}): Promise<{ task: TaskView; probes: number }> {
    const task = await suite.outflow.run({ topics: [topic], index, source: { startPosition: { type: "latest" } } });
    await suite.outflow.waitForStatus(task.id, "running");
    let probes = 0;
    await waitFor(
      "a probe message to be indexed",
      async () => {
        await produce(topic, [json({ n: 100 + probes, phase: "probe" }, probe)]);
        probes++;
        return (await countDocs(suite.es, index)) > 0;
      },
      60_000,
      500,
    );
    return { task, probes };
  }

  it("reads one to five topics in one task, and refuses a sixth (422, config.source.topics)", async () => {
    const topics = await Promise.all(Array.from({ length: 5 }, async () => (await suite.freshTopic()).topic));
    const index = uniqueName(`${suite.prefix}-i`);
    await Promise.all(
      topics.map((t, ti) =>
        produce(
          t,
          [0, 1, 2].map((i) => json({ topic: t, n: ti * 10 + i })),
        ),
      ),
    );

    const task = await suite.outflow.run({ topics, index, sink: { documentId: { type: "fields", fields: ["$.n"] } } });
    await waitFor("15 documents", async () => (await countDocs(suite.es, index)) >= 15);
    const docs = await allDocs(suite.es, index);
    expect(docs).toHaveLength(15);
    for (const [ti, t] of topics.entries()) {
      expect(docs.filter((d) => d._source.topic === t).map((d) => d._source.n as number)).toEqual(expect.arrayContaining([ti * 10, ti * 10 + 1, ti * 10 + 2]));
    }
    const settled = await suite.outflow.waitForMessagesIn(task.id, 15);
    expect(settled.metrics.totals).toMatchObject({ messagesIn: 15, messagesWritten: 15, documentsWritten: 15 });
    expect(new Set(settled.metrics.partitions.map((p) => p.topic))).toEqual(new Set(topics));

    const six = await suite.api.expectError("POST", "/api/tasks", {
      name: uniqueName("six"),
      config: suite.outflow.config({ topics: [...topics, `${topics[0]}-sixth`], index }),
    });
    expect(six.status).toBe(422);
    expect(six.body.error?.code).toBe("unprocessable_entity");
    expect(six.body.error?.field).toBe("config.source.topics");
  });

  it("earliest: reads what was produced before the task existed, then what comes after", async () => {
    const { topic, index } = await suite.freshTopic(2);
    await produce(
      topic,
      [0, 1, 2, 3, 4, 5].map((n) => json({ n }, { partition: n % 2 })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, source: { startPosition: { type: "earliest" } } });
    await suite.outflow.waitForMessagesIn(task.id, 6);
    await produce(
      topic,
      [6, 7, 8].map((n) => json({ n }, { partition: n % 2 })),
    );
    await suite.outflow.waitForMessagesIn(task.id, 9);
    expect(await ns(index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("latest: skips what was produced before the consumer joined, reads what comes after", async () => {
    const { topic, index } = await suite.freshTopic(1);
    await produce(
      topic,
      [0, 1, 2, 3, 4].map((n) => json({ n, phase: "before" })),
    );
    const { task, probes } = await runFromLatest(topic, index);
    await produce(
      topic,
      [10, 11, 12, 13, 14].map((n) => json({ n, phase: "after" })),
    );
    await waitFor("the 5 later messages", async () => (await allDocs(suite.es, index)).filter((d) => d._source.phase === "after").length === 5);
    const docs = await allDocs(suite.es, index);
    expect(docs.filter((d) => d._source.phase === "before")).toEqual([]);
    expect(
      docs
        .filter((d) => d._source.phase === "after")
        .map((d) => d._source.n as number)
        .sort((a, b) => a - b),
    ).toEqual([10, 11, 12, 13, 14]);
    const t = await suite.outflow.waitForMessagesIn(task.id, docs.length);
    // Only probes and later messages were taken in; the five earlier ones never were.
    expect(t.metrics.totals.messagesIn).toBe(docs.length);
    expect(t.metrics.totals.messagesIn).toBeLessThanOrEqual(probes + 5);
  });

  it("latest: a caught-up task reports lag 0, also on a partition that received nothing new", async () => {
    const { topic, index } = await suite.freshTopic(2);
    await produce(
      topic,
      [0, 1, 2, 3].map((n) => json({ n, phase: "before" }, { partition: n % 2 })),
    );
    const { task } = await runFromLatest(topic, index, { partition: 0 });
    // Nothing is waiting to be read: partition 1 only holds messages from before the start.
    const t = await suite.outflow.waitForNoLag(task.id);
    expect(t.metrics.lag).toBe(0);
    expect((await allDocs(suite.es, index)).filter((d) => d._source.phase === "before")).toEqual([]);
  });

  it("latest: after a stop and start, messages produced while stopped are read on every partition", async () => {
    const { topic, index } = await suite.freshTopic(2);
    await produce(
      topic,
      [0, 1].map((n) => json({ n, phase: "before" }, { partition: n })),
    );
    const { task } = await runFromLatest(topic, index, { partition: 0 });
    await suite.outflow.stop(task.id);
    await produce(
      topic,
      [10, 11, 12, 13].map((n) => json({ n, phase: "while stopped" }, { partition: n % 2 })),
    );
    await suite.outflow.start(task.id);
    await suite.outflow.waitForStatus(task.id, "running");
    await waitFor(
      "the 4 messages produced while stopped",
      async () => (await allDocs(suite.es, index)).filter((d) => d._source.phase === "while stopped").length === 4,
      30_000,
    ).catch(async (err: Error) => {
      const got = (await allDocs(suite.es, index)).filter((d) => d._source.phase === "while stopped").map((d) => d._source.n);
      const offsets = await groupOffsets(task.consumerGroup, topic);
      throw new Error(`${err.message}; indexed: ${JSON.stringify(got)}; group offsets: ${JSON.stringify(offsets)}`);
    });
  });

  it.each([
    ["an ISO date-time", (ms: number) => new Date(ms).toISOString()],
    ["epoch milliseconds", (ms: number) => ms],
  ])("timestamp given as %s: only messages at or after the time are read", async (_what, asPosition) => {
    const { topic, index } = await suite.freshTopic(2);
    const t0 = Date.now() - 3_600_000;
    // n = 0..9 one minute apart, alternating partitions; the start time is exactly n = 5's timestamp.
    await produce(
      topic,
      Array.from({ length: 10 }, (_, n) => json({ n }, { partition: n % 2, timestamp: String(t0 + n * 60_000) })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, source: { startPosition: { type: "timestamp", timestamp: asPosition(t0 + 5 * 60_000) } } });
    await suite.outflow.waitForMessagesIn(task.id, 5);
    await suite.outflow.waitForNoLag(task.id);
    expect(await ns(index)).toEqual([5, 6, 7, 8, 9]);
    expect((await suite.outflow.task(task.id)).metrics.totals.messagesIn).toBe(5);
    const events = await suite.outflow.events(task.id);
    expect(events.some((e) => e.kind === "offsets_reset")).toBe(true);
  });

  it("committed: starts at the consumer group's committed offsets, and at the beginning where it has none", async () => {
    const { topic, index } = await suite.freshTopic(2);
    await produce(
      topic,
      Array.from({ length: 20 }, (_, n) => json({ n }, { partition: n % 2 })),
    );
    const task = await suite.outflow.createTask(suite.outflow.config({ topics: [topic], index, source: { startPosition: { type: "committed" } } }));
    // Partition 0 holds n = 0, 2, ..., 18 at offsets 0..9; the group has read up to offset 4 there.
    await setGroupOffsets(task.consumerGroup, topic, [{ partition: 0, offset: "4" }]);
    await suite.outflow.start(task.id);
    const expected = [8, 10, 12, 14, 16, 18, ...Array.from({ length: 10 }, (_, i) => 2 * i + 1)].sort((a, b) => a - b);
    await suite.outflow.waitForMessagesIn(task.id, expected.length);
    await suite.outflow.waitForNoLag(task.id);
    expect(await ns(index)).toEqual(expected);
    expect(await caughtUpGroupOffsets(task.consumerGroup, topic)).toEqual([
      { partition: 0, committed: "10", end: "10" },
      { partition: 1, committed: "10", end: "10" },
    ]);
  });

  it("consumers: 2 on a 4-partition topic: both consumers take partitions and every document arrives", async () => {
    const { topic, index } = await suite.freshTopic(4);
    const N = 200;
    await produce(
      topic,
      Array.from({ length: N }, (_, n) => json({ n }, { key: `k${n}`, partition: n % 4 })),
    );
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: { consumers: 2 },
      sink: { documentId: { type: "fields", fields: ["$.n"] } },
    });
    await waitFor(`${N} documents`, async () => (await countDocs(suite.es, index)) >= N);
    expect(await ns(index)).toEqual(Array.from({ length: N }, (_, n) => n));
    // Lag can reach 0 a moment before the last slot flushes its counters; a chunk in flight while its partition
    // moved to the other slot is written, counted and read again (at least once), so the counts are lower bounds.
    const done = await suite.outflow.waitForTotals(
      task.id,
      `${N} messages counted, lag 0`,
      (t, v) => t.messagesIn >= N && v.metrics.lag === 0 && v.metrics.partitions.every((p) => p.lag === 0),
    );
    expect(done.metrics.totals.messagesIn).toBe(done.metrics.totals.messagesWritten);
    expect(done.metrics.totals.documentsWritten).toBeGreaterThanOrEqual(N);
    expect(done.metrics.partitions.map((p) => [p.partition, p.messagesIn >= 50, p.committedOffset])).toEqual([
      [0, true, "50"],
      [1, true, "50"],
      [2, true, "50"],
      [3, true, "50"],
    ]);
    // Both consumer slots join the group and are given partitions. Slot 0 may finish all 200 messages before
    // slot 1 joins, so the second join is awaited rather than expected at once.
    const slotsWithPartitions = async () =>
      new Set(
        (await suite.outflow.events(task.id))
          .filter((e) => e.kind === "running" || e.kind === "rebalanced")
          .filter((e) => Object.values((e.details?.assignment ?? {}) as Record<string, number[]>).some((ps) => ps.length > 0))
          .map((e) => e.details?.slot),
      );
    await waitFor("both consumer slots to hold partitions", async () => (await slotsWithPartitions()).size === 2).catch(() => {});
    expect(await slotsWithPartitions()).toEqual(new Set([0, 1]));
  });

  it("metadata rules read the message key, headers, partition, offset, timestamp and topic", async () => {
    const { topic, index } = await suite.freshTopic(3);
    const ts = Date.UTC(2024, 4, 17, 12, 0, 0);
    await produce(topic, [
      json({ n: 0 }, { key: "key-0", partition: 2, timestamp: String(ts), headers: { "trace-id": "trace-0", other: "x" } }),
      json({ n: 1 }, { key: "key-1", partition: 2, timestamp: String(ts + 1), headers: { "trace-id": Buffer.from("trace-1") } }),
      json({ n: 2 }, { key: "key-2", partition: 1, timestamp: String(ts + 2), headers: { "trace-id": "trace-2" } }),
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [
        { type: "metadata", field: "$.kafka.key", source: "key" },
        { type: "metadata", field: "$.kafka.trace", source: "header", header: "trace-id" },
        { type: "metadata", field: "$.kafka.partition", source: "partition" },
        { type: "metadata", field: "$.kafka.offset", source: "offset" },
        { type: "metadata", field: "$.kafka.timestamp", source: "timestamp" },
        { type: "metadata", field: "topic", source: "topic" },
      ],
      sink: { documentId: { type: "kafka_key" } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 3);
    const docs = await suite.docsById(index);
    expect(docs).toEqual({
      "key-0": { n: 0, kafka: { key: "key-0", trace: "trace-0", partition: 2, offset: 0, timestamp: ts }, topic },
      "key-1": { n: 1, kafka: { key: "key-1", trace: "trace-1", partition: 2, offset: 1, timestamp: ts + 1 }, topic },
      "key-2": { n: 2, kafka: { key: "key-2", trace: "trace-2", partition: 1, offset: 0, timestamp: ts + 2 }, topic },
    });
    const t = await suite.outflow.task(task.id);
    expect(settledSum(t.metrics.totals)).toBe(t.metrics.totals.messagesIn);
  });
});
