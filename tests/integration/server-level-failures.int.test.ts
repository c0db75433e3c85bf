import { countDocs } from "@outflow/testing/elastic";
import { createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A server that cannot take a task's writes (here: an index with a write block, which answers every item with 403
 * `cluster_block_exception`, as a disk watermark or a closed index does) is the task's condition, never the messages':
 * under every failure policy nothing is discarded, dead-lettered or committed meanwhile, the task says why, and once
 * the block is lifted every message arrives. Before, each item was a permanent failure: discard committed the whole
 * stream away, dead_letter moved it to the dead-letter topic, retain stopped at the first message.
 */
describe.concurrent("server-level failures", () => {
  const suite = new OutflowSuite("it-srv");
  beforeAll(suite.start);
  afterAll(suite.stop);

  const N = 30;
  const blocked = { "index.blocks.write": true };

  async function blockedIndex(mappings?: Record<string, unknown>): Promise<{ topic: string; index: string; dlq: string }> {
    const topic = uniqueName(`${suite.prefix}-t`);
    const index = uniqueName(`${suite.prefix}-i`);
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await Promise.all([createTopic(topic, 1), createTopic(dlq, 1)]);
    await suite.es.indices.create({ index, settings: blocked, ...(mappings ? { mappings } : {}) });
    await produce(
      topic,
      Array.from({ length: N }, (_, i) => ({ value: JSON.stringify({ id: `m${i}`, app: `app${i % 3}`, ms: i }) })),
    );
    return { topic, index, dlq };
  }

  async function expectNothingLost(taskId: string, group: string, topic: string, dlq: string, index: string): Promise<void> {
    const retrying = await suite.outflow.waitForStatus(taskId, "retrying", 60_000);
    expect(retrying.statusReason).toMatch(/the server refuses writes to this index: cluster_block_exception/);
    // A few retries later: still nothing settled, nothing committed, nothing dead-lettered.
    await new Promise((r) => setTimeout(r, 4_000));
    const during = await suite.outflow.task(taskId);
    expect(during.status).toBe("retrying");
    expect(during.metrics.totals).toMatchObject({ discarded: 0, deadLettered: 0, failed: 0, messagesWritten: 0 });
    expect((await groupOffsets(group, topic))[0]?.committed).toBe("-1");
    expect((await groupOffsets(group, dlq))[0]?.end).toBe("0");
    expect(await countDocs(suite.es, index)).toBe(0);

    await suite.es.indices.putSettings({ index, settings: { "index.blocks.write": false } });
    const settled = await suite.outflow.waitForTotals(taskId, `${N} messages in`, (t) => t.messagesIn >= N, 90_000);
    expect(settled.metrics.totals).toMatchObject({ discarded: 0, deadLettered: 0, failed: 0 });
    await suite.outflow.waitForNoLag(taskId);
    expect((await suite.outflow.task(taskId)).status).toBe("running");
    expect((await groupOffsets(group, dlq))[0]?.end).toBe("0");
  }

  it.each(["discard", "dead_letter", "retain"] as const)(
    "a write-blocked index under %s: retrying, 0 discarded, 0 dead-lettered, then every document",
    async (policy) => {
      const { topic, index, dlq } = await blockedIndex();
      const failure = policy === "dead_letter" ? { policy, topic: dlq } : { policy };
      const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } }, failure });
      await expectNothingLost(task.id, task.consumerGroup, topic, dlq, index);
      expect(await countDocs(suite.es, index)).toBe(N);
    },
  );

  it("aggregation into a write-blocked index under discard: the same, and the groups count every message once", async () => {
    const { topic, index, dlq } = await blockedIndex();
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { aggregation: { groupBy: ["$.app"], metrics: [{ field: "$.ms", ops: ["sum"] }] } },
      failure: { policy: "discard" },
    });
    await expectNothingLost(task.id, task.consumerGroup, topic, dlq, index);
    await suite.es.indices.refresh({ index });
    const res = await suite.es.search<{ count: number }>({ index, size: 10 });
    expect(res.hits.hits.map((h) => h._source?.count ?? 0).reduce((a, b) => a + b, 0)).toBe(N);
  });
});
