import { allDocs } from "@outflow/testing/elastic";
import { produce, type TestMessage } from "@outflow/testing/kafka";
import { settledSum } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Routing: index templates with field references, invalid rendered names, and date-split indices. */
describe.concurrent("routing", () => {
  const suite = new OutflowSuite("it-route");
  beforeAll(suite.start);
  afterAll(suite.stop);

  /** Which documents (by `n`) landed in which index, for every index matching `pattern`. */
  async function placement(pattern: string): Promise<Record<string, number[]>> {
    const out: Record<string, number[]> = {};
    for (const d of await allDocs(suite.es, pattern)) {
      out[d._index] = [...(out[d._index] ?? []), d._source.n as number];
    }
    for (const ns of Object.values(out)) {
      ns.sort((a, b) => a - b);
    }
    return out;
  }

  const json = (v: unknown, extra: Omit<TestMessage, "value"> = {}): TestMessage => ({ value: JSON.stringify(v), ...extra });

  it("an index template {$.app} writes each message to its own index", async () => {
    const { topic, index } = await suite.freshTopic();
    const apps = ["billing", "search", "billing", "auth", "search", "billing"];
    await produce(
      topic,
      apps.map((app, n) => json({ n, app, env: { name: "prod" } })),
    );
    const task = await suite.outflow.run({ topics: [topic], index: `${index}-{$.app}-{env.name}` });
    await suite.outflow.waitForMessagesIn(task.id, apps.length);
    expect(await placement(`${index}-*`)).toEqual({
      [`${index}-billing-prod`]: [0, 2, 5],
      [`${index}-search-prod`]: [1, 4],
      [`${index}-auth-prod`]: [3],
    });
  });

  it("a rendered index name that is invalid (uppercase, '*', missing field) follows the failure policy: discard", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      json({ n: 0, app: "good" }),
      json({ n: 1, app: "Upper" }),
      json({ n: 2, app: "st*r" }),
      json({ n: 3 }),
      json({ n: 4, app: "with space" }),
      json({ n: 5, app: "good" }),
    ]);
    const task = await suite.outflow.run({ topics: [topic], index: `${index}-{$.app}`, failure: { policy: "discard" } });
    const done = await suite.outflow.waitForMessagesIn(task.id, 6);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 6, messagesWritten: 2, discarded: 4, deadLettered: 0 });
    expect(settledSum(done.metrics.totals)).toBe(6);
    expect(done.status).toBe("running");
    expect(await placement(`${index}-*`)).toEqual({ [`${index}-good`]: [0, 5] });
    const discarded = await suite.outflow.waitForEvent(task.id, "message_discarded");
    expect(discarded.details).toMatchObject({ topic, partition: 0, offset: "1", stage: "route" });
    expect(String(discarded.details?.reason)).toContain("lowercase");
  });

  it("date split from a field in Asia/Shanghai: ISO values, day boundary at 16:00 UTC", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      json({ n: 0, ts: "2024-03-01T15:59:59Z" }), // 23:59:59 in Shanghai
      json({ n: 1, ts: "2024-03-01T16:00:00Z" }), // 00:00:00 on 2 March in Shanghai
      json({ n: 2, ts: "2024-03-02T08:00:00+08:00" }),
      json({ n: 3, ts: "2024-02-29T16:30:00.123Z" }),
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { dateSplit: { format: "yyyy.MM.dd", source: { type: "field", field: "$.ts", format: "iso" }, timeZone: "Asia/Shanghai" } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(await placement(`${index}_*`)).toEqual({
      [`${index}_2024.03.01`]: [0, 3],
      [`${index}_2024.03.02`]: [1, 2],
    });
  });

  it("date split from a field with a pattern, in America/New_York (offset in the value, or wall time in the zone)", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      json({ n: 0, at: "2024-03-02 03:00:00+0000" }), // 22:00 on 1 March in New York
      json({ n: 1, at: "2024-03-02 05:00:00+0000" }), // 00:00 on 2 March in New York
      json({ n: 2, at: "2024-03-01 23:30:00-0500" }),
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "at", format: "yyyy-MM-dd HH:mm:ssZ" }, timeZone: "America/New_York" } },
    });
    const local = await suite.freshTopic();
    await produce(local.topic, [
      json({ n: 10, at: "2024-03-01 23:59:59" }), // no offset: read as New York wall time
      json({ n: 11, at: "2024-03-02 00:00:00" }),
    ]);
    const localTask = await suite.outflow.run({
      topics: [local.topic],
      index: local.index,
      sink: { dateSplit: { format: "yyyy-MM-dd-HH", source: { type: "field", field: "at", format: "yyyy-MM-dd HH:mm:ss" }, timeZone: "America/New_York" } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 3);
    await suite.outflow.waitForMessagesIn(localTask.id, 2);
    expect(await placement(`${index}_*`)).toEqual({
      [`${index}_20240301`]: [0, 2],
      [`${index}_20240302`]: [1],
    });
    expect(await placement(`${local.index}_*`)).toEqual({
      [`${local.index}_2024-03-01-23`]: [10],
      [`${local.index}_2024-03-02-00`]: [11],
    });
  });

  it("date split from the Kafka timestamp in Europe/Berlin (UTC+2 in summer): month boundary", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [
      json({ n: 0 }, { timestamp: String(Date.UTC(2024, 5, 30, 21, 30)) }), // 23:30 on 30 June in Berlin
      json({ n: 1 }, { timestamp: String(Date.UTC(2024, 5, 30, 22, 30)) }), // 00:30 on 1 July in Berlin
      json({ n: 2 }, { timestamp: String(Date.UTC(2024, 6, 15, 12, 0)) }),
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { dateSplit: { format: "yyyy-MM", source: { type: "kafka_timestamp" }, timeZone: "Europe/Berlin" } },
    });
    const offsetTopic = await suite.freshTopic();
    await produce(offsetTopic.topic, [
      json({ n: 10 }, { timestamp: String(Date.UTC(2024, 0, 1, 18, 29)) }), // 23:59 at +05:30
      json({ n: 11 }, { timestamp: String(Date.UTC(2024, 0, 1, 18, 30)) }), // 00:00 on 2 January at +05:30
    ]);
    const offsetTask = await suite.outflow.run({
      topics: [offsetTopic.topic],
      index: offsetTopic.index,
      sink: { dateSplit: { format: "yyyyMMdd", source: { type: "kafka_timestamp" }, timeZone: "+05:30" } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 3);
    await suite.outflow.waitForMessagesIn(offsetTask.id, 2);
    expect(await placement(`${index}_*`)).toEqual({
      [`${index}_2024-06`]: [0],
      [`${index}_2024-07`]: [1, 2],
    });
    expect(await placement(`${offsetTopic.index}_*`)).toEqual({
      [`${offsetTopic.index}_20240101`]: [10],
      [`${offsetTopic.index}_20240102`]: [11],
    });
  });
});
