import { getPrisma } from "@outflow/db/client";
import { allDocs } from "@outflow/testing/elastic";
import { produce, type TestMessage } from "@outflow/testing/kafka";
import { settledSum, type TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { waitFor } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const metricsOf = (t: TaskView) => t.metrics;

type Row = { id: number; name: string };
const debezium = (op: "c" | "u" | "d", before: Row | null, after: Row | null) => ({ before, after, op, source: { table: "customers" }, ts_ms: 1 });

/**
 * The counters say what users mean per mode, checked against what the index really holds (counted by
 * Elasticsearch, not by Outflow), and the ledger balances against the offsets Kafka committed.
 */
describe("counters per mode, against the index", () => {
  const suite = new OutflowSuite("it-counters");
  beforeAll(suite.start);
  afterAll(suite.stop);

  async function indexCount(index: string): Promise<number> {
    await suite.es.indices.refresh({ index });
    return (await suite.es.count({ index })).count;
  }

  /** Once every partition is settled and read from Kafka: balanced by the API's ledger. */
  function waitBalanced(id: string, n: number) {
    return waitFor(
      `${n} messages in, ledger balanced`,
      async () => {
        const t = await suite.outflow.task(id);
        const m = metricsOf(t);
        return m.totals.messagesIn >= n && m.balanced === true ? t : null;
      },
      60_000,
    );
  }

  it("CDC: rows indexed, updated and deleted as Elasticsearch did them; created - deleted is the index's count, across a replay", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const r = (id: number, name: string): Row => ({ id, name });
    const events = [
      debezium("c", null, r(1, "ann")),
      debezium("c", null, r(2, "bob")),
      debezium("c", null, r(3, "cid")),
      debezium("u", r(1, "ann"), r(1, "anna")),
      debezium("d", r(2, "bob"), null),
      debezium("d", r(99, "ghost"), null), // a row the index never had: no document deleted
      debezium("u", r(3, "cid"), r(3, "cyd")),
      debezium("c", null, r(2, "bob2")),
      debezium("d", r(3, "cyd"), null),
      debezium("u", r(1, "anna"), r(1, "anne")),
    ];
    const messages: TestMessage[] = events.map((e) => {
      const id = (e.after ?? e.before)?.id as number;
      return { key: JSON.stringify({ id }), partition: id % 2, value: JSON.stringify(e) };
    });
    await produce(topic, messages);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { cdc: { format: "debezium", primaryKey: ["$.id"] } } });
    const first = metricsOf(await waitBalanced(task.id, messages.length));
    expect(await indexCount(index)).toBe(2);
    expect(first.totals).toMatchObject({ messagesIn: 10, documentsCreated: 4, documentsUpdated: 3, documentsDeleted: 2 });
    expect(first.totals.documentsCreated - first.totals.documentsDeleted).toBe(await indexCount(index));

    // A replay from the beginning: the messages are counted again since the reset, the documents only as changed.
    await suite.outflow.stop(task.id);
    // The first start position is no reset.
    expect(metricsOf(await suite.outflow.task(task.id)).resetAt).toBeNull();
    await suite.api.post(`/api/tasks/${task.id}/reset-offsets`, { type: "earliest" });
    await suite.outflow.start(task.id);
    const replayed = await waitFor(
      "the replay counted and balanced",
      async () => {
        const m = metricsOf(await suite.outflow.task(task.id));
        return m.resetAt !== null && m.sinceReset.messagesIn >= messages.length && m.balanced === true ? m : null;
      },
      90_000,
    );
    expect(replayed.totals.messagesIn).toBe(20);
    expect(replayed.sinceReset).toMatchObject({ messagesIn: 10, messagesWritten: 10 });
    expect(await indexCount(index)).toBe(2);
    expect(replayed.totals.documentsCreated - replayed.totals.documentsDeleted).toBe(await indexCount(index));
    expect(replayed.partitions.every((p) => p.ledger.committed === p.ledger.settled)).toBe(true);
  });

  it("aggregation: messages aggregated and group documents, the groups being what the index holds", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const apps = ["api", "web", "db", "cache", "queue"];
    const rows = Array.from({ length: 400 }, (_, i) => ({ app: apps[i % apps.length] as string, ms: i % 17 }));
    await produce(
      topic,
      rows.map((row, i) => ({ partition: i % 2, value: JSON.stringify(row) })),
    );
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { aggregation: { groupBy: ["$.app"], metrics: [{ field: "$.ms", ops: ["sum"] }] } },
      delivery: { bulkMaxDocs: 50 },
    });
    const m = metricsOf(await waitBalanced(task.id, rows.length));
    const groups = await allDocs(suite.es, index);
    expect(groups).toHaveLength(apps.length);
    expect(m.totals.messagesWritten).toBe(rows.length);
    expect(m.totals.documentsCreated).toBe(groups.length);
    // Each later write of a group is an update: more writes than groups, and never counted as new documents.
    expect(m.totals.documentsUpdated).toBeGreaterThan(0);
    expect(settledSum(m.totals)).toBe(rows.length);
  });

  it("Postgres refusing one partition's counts for a while: every message counted once, the ledger balanced", async () => {
    const { topic, index } = await suite.freshTopic(4);
    const db = getPrisma(suite.stack.databaseUrl);
    await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS refuse_partitions (partition int PRIMARY KEY)`);
    await db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_listed() RETURNS trigger AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM refuse_partitions WHERE partition = NEW.partition) THEN
          RAISE EXCEPTION 'counter write of partition % refused', NEW.partition;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS refuse_listed ON task_partition_metrics`);
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_listed BEFORE INSERT OR UPDATE ON task_partition_metrics FOR EACH ROW EXECUTE FUNCTION refuse_listed()`);
    await db.$executeRawUnsafe(`INSERT INTO refuse_partitions VALUES (1) ON CONFLICT DO NOTHING`);
    const n = 800;
    await produce(
      topic,
      Array.from({ length: n }, (_, i) => ({ partition: i % 4, value: JSON.stringify({ id: i }) })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } }, delivery: { bulkMaxDocs: 25 } });
    // While partition 1's counts are refused none of its chunks is committed (the consumer restarts from the commits).
    await new Promise((r) => setTimeout(r, 8_000));
    const during = await suite.outflow.task(task.id);
    expect(during.metrics.partitions.find((x) => x.partition === 1)?.messagesIn ?? 0).toBe(0);
    await db.$executeRawUnsafe(`DELETE FROM refuse_partitions`);
    const done = metricsOf(await waitBalanced(task.id, n));
    expect(done.totals).toMatchObject({ messagesIn: n, messagesWritten: n, documentsWritten: n });
    expect(done.partitions.map((p) => p.messagesIn)).toEqual([n / 4, n / 4, n / 4, n / 4]);
    expect(await indexCount(index)).toBe(n);
    // Each counted message wrote its document once: partition 1's chunks, written while their counts were refused
    // and written again after the restart, are counted by their last write (an overwrite).
    expect(done.totals.documentsCreated + done.totals.documentsUpdated).toBe(n);
    expect(done.totals.documentsCreated).toBeGreaterThanOrEqual((3 * n) / 4);
  });

  it("a stopped task's lag follows the messages that arrive while it is stopped, with the offsets' age", async () => {
    const { topic, index } = await suite.freshTopic(1);
    await produce(
      topic,
      Array.from({ length: 20 }, (_, i) => ({ value: JSON.stringify({ i }) })),
    );
    const task = await suite.outflow.run({ topics: [topic], index });
    await suite.outflow.waitForMessagesIn(task.id, 20);
    await suite.outflow.waitForNoLag(task.id);
    await suite.outflow.stop(task.id);
    await produce(
      topic,
      Array.from({ length: 37 }, (_, i) => ({ value: JSON.stringify({ i: 20 + i }) })),
    );
    // No worker runs it: the console reads the offsets from Kafka while the task is looked at.
    const seen = await waitFor(
      "lag 37 on the stopped task",
      async () => {
        const t = await suite.outflow.task(task.id);
        return t.metrics.lag === 37 ? t : null;
      },
      30_000,
      500,
    );
    expect(seen.status).toBe("stopped");
    expect(metricsOf(seen).offsetsAge.stale).toBe(false);
    expect(metricsOf(seen).offsetsAge.ageSeconds).toBeLessThan(10);
  });
});
