import { countDocs } from "@outflow/testing/elastic";
import { createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { SERVICES, uniqueName } from "@outflow/testing/services";
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
  beforeAll(async () => {
    await suite.start();
    // Only this prefix: every other index of the shared server may still be created on first write.
    await suite.es.cluster.putSettings({ persistent: { "action.auto_create_index": `-${suite.prefix}-noauto-*,+*` } });
  });
  afterAll(async () => {
    await suite.es.cluster.putSettings({ persistent: { "action.auto_create_index": null } });
    await suite.stop();
  });

  const N = 30;
  const blocked = { "index.blocks.write": true };

  /** A topic of N messages and a dead-letter topic. */
  async function stream(): Promise<{ topic: string; dlq: string }> {
    const topic = uniqueName(`${suite.prefix}-t`);
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await Promise.all([createTopic(topic, 1), createTopic(dlq, 1)]);
    await produce(
      topic,
      Array.from({ length: N }, (_, i) => ({ value: JSON.stringify({ id: `m${i}`, app: `app${i % 3}`, ms: i }) })),
    );
    return { topic, dlq };
  }

  async function blockedIndex(): Promise<{ topic: string; index: string; dlq: string }> {
    const index = uniqueName(`${suite.prefix}-i`);
    await suite.es.indices.create({ index, settings: blocked });
    return { ...(await stream()), index };
  }

  type Condition = { reason: RegExp; lift: () => Promise<void> };
  const writeBlock = (index: string): Condition => ({
    reason: /the server refuses writes to this index: cluster_block_exception/,
    lift: async () => {
      await suite.es.indices.putSettings({ index, settings: { "index.blocks.write": false } });
    },
  });

  /** Retrying for the condition's reason with nothing settled, committed or dead-lettered; all of it once lifted. */
  async function expectNothingLost(taskId: string, group: string, topic: string, dlq: string, index: string, condition: Condition): Promise<void> {
    const retrying = await suite.outflow.waitForStatus(taskId, "retrying", 60_000);
    expect(retrying.statusReason).toMatch(condition.reason);
    // A few retries later: still nothing settled, nothing committed, nothing dead-lettered.
    await new Promise((r) => setTimeout(r, 4_000));
    const during = await suite.outflow.task(taskId);
    expect(during.status).toBe("retrying");
    expect(during.metrics.totals).toMatchObject({ discarded: 0, deadLettered: 0, failed: 0, messagesWritten: 0 });
    expect((await groupOffsets(group, topic))[0]?.committed).toBe("-1");
    expect((await groupOffsets(group, dlq))[0]?.end).toBe("0");
    expect(await countDocs(suite.es, index)).toBe(0);

    await condition.lift();
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
      await expectNothingLost(task.id, task.consumerGroup, topic, dlq, index, writeBlock(index));
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
    await expectNothingLost(task.id, task.consumerGroup, topic, dlq, index, writeBlock(index));
    await suite.es.indices.refresh({ index });
    const res = await suite.es.search<{ count: number }>({ index, size: 10 });
    expect(res.hits.hits.map((h) => h._source?.count ?? 0).reduce((a, b) => a + b, 0)).toBe(N);
  });

  // The server forbids creating indices of this prefix (action.auto_create_index): the first write answers 404
  // index_not_found_exception for every item, which no message can fix; creating the index lets the task go on.
  it.each(["discard", "dead_letter", "retain"] as const)(
    "a missing index the server may not create under %s: retrying, 0 discarded, 0 dead-lettered, then every document",
    async (policy) => {
      const { topic, dlq } = await stream();
      const index = uniqueName(`${suite.prefix}-noauto`);
      const failure = policy === "dead_letter" ? { policy, topic: dlq } : { policy };
      const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } }, failure });
      await expectNothingLost(task.id, task.consumerGroup, topic, dlq, index, {
        reason: /the server refuses writes to this index: index_not_found_exception/,
        lift: async () => {
          await suite.es.indices.create({ index });
        },
      });
      expect(await countDocs(suite.es, index)).toBe(N);
    },
  );

  // A node address whose path has no search API under it (a reverse proxy's wrong prefix): `_bulk` is not there,
  // which no message can change. Before, the whole request's HTTP 400 was each message's failure: discard threw the
  // stream away with the task running, retain failed at the first message.
  it.each(["discard", "dead_letter", "retain"] as const)(
    "a node address without _bulk under %s: the task fails saying so, nothing discarded, dead-lettered or committed; fixed, it delivers every document",
    async (policy) => {
      const { topic, dlq } = await stream();
      const index = uniqueName(`${suite.prefix}-nobulk`);
      const es = await suite.api.post<{ id: string }>("/api/connections", {
        kind: "elasticsearch",
        name: uniqueName("es wrong path"),
        nodes: [`${SERVICES.elasticsearchUrl}/no/such/prefix`],
      });
      const failure = policy === "dead_letter" ? { policy, topic: dlq } : { policy };
      const task = await suite.outflow.createTask({ ...suite.outflow.config({ topics: [topic], index, failure }), sink: { connectionId: es.id, index } });
      await suite.outflow.start(task.id);
      const failed = await suite.outflow.waitForStatus(task.id, "failed", 60_000);
      expect(failed.statusReason).toMatch(/not Elasticsearch or OpenSearch: the endpoint is missing \(HTTP 400\)/);
      expect(failed.metrics.totals).toMatchObject({ discarded: 0, deadLettered: 0, messagesWritten: 0 });
      expect((await groupOffsets(task.consumerGroup, topic))[0]?.committed).toBe("-1");
      expect((await groupOffsets(task.consumerGroup, dlq))[0]?.end).toBe("0");

      await suite.api.patch(`/api/connections/${es.id}`, { nodes: [SERVICES.elasticsearchUrl] });
      await suite.outflow.start(task.id);
      const settled = await suite.outflow.waitForTotals(task.id, `${N} messages in`, (t) => t.messagesIn >= N, 90_000);
      expect(settled.metrics.totals).toMatchObject({ discarded: 0, deadLettered: 0, failed: 0 });
      expect(await countDocs(suite.es, index)).toBe(N);
    },
  );
});
