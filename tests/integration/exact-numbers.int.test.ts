import { parseJsonExact } from "@outflow/pipeline/exact-number";
import { searchText, sourceText } from "@outflow/testing/elastic";
import { produce } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Hit = { _index: string; _id: string; _source: Record<string, unknown> };

/** Debezium int64 keys (MySQL BIGINT, snowflake IDs): all past 2^53, two pairs a double cannot tell apart. */
const KEYS = ["9007199254740992", "9007199254740993", "1234567890123456789", "1234567890123456788"];

/** Every document of the index, its numbers kept as their text (the ES client's JSON.parse would round them). */
async function exactHits(suite: OutflowSuite, index: string): Promise<Hit[]> {
  const body = parseJsonExact(await searchText(suite.es, index)) as { hits: { hits: Hit[] } };
  return body.hits.hits.sort((a, b) => (a._id < b._id ? -1 : 1));
}

/** 64-bit numbers and decimals from Kafka to Elasticsearch, on the real services. */
describe.concurrent("exact numbers", () => {
  const suite = new OutflowSuite("it-exact");
  beforeAll(suite.start);
  afterAll(suite.stop);

  it("Debezium BIGINT keys: 4 rows → 4 documents; an update and a delete hit the right one", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const row = (id: string, name: string) => `{"id":${id},"name":"${name}","balance":2140.0}`;
    const event = (op: string, before: string | null, after: string | null) => `{"before":${before},"after":${after},"op":"${op}","ts_ms":1700000000000}`;
    const messages = [
      ...KEYS.map((id, i) => event("c", null, row(id, `row${i}`))),
      event("u", row(KEYS[1] as string, "row1"), row(KEYS[1] as string, "updated")),
      event("d", row(KEYS[3] as string, "row3"), null),
    ];
    await produce(
      topic,
      messages.map((value) => ({ value })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, sink: { cdc: { format: "debezium", primaryKey: ["$.id"] } } });
    const done = await suite.outflow.waitForMessagesIn(task.id, messages.length);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 6, messagesWritten: 6, failed: 0, discarded: 0 });
    const hits = await exactHits(suite, index);
    expect(hits.map((h) => [h._id, JSON.stringify(h._source)])).toEqual([
      [KEYS[2], row(KEYS[2] as string, "row2")],
      [KEYS[0], row(KEYS[0] as string, "row0")],
      [KEYS[1], row(KEYS[1] as string, "updated")],
    ]);
  });

  it("a document ID from an int64 field; unchanged messages are stored byte for byte", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const values = KEYS.map((id, i) => `{"order_id": ${id}, "total": 10.50, "qty": ${i}, "ratio": 1e-7, "zero": -0}`);
    await produce(
      topic,
      values.map((value) => ({ value })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.order_id"] } } });
    await suite.outflow.waitForMessagesIn(task.id, values.length);
    const hits = await exactHits(suite, index);
    expect(hits.map((h) => h._id).sort()).toEqual([...KEYS].sort());
    for (const [i, id] of KEYS.entries()) {
      expect(await sourceText(index, id)).toBe(values[i]);
    }
  });

  it("a date split from epoch milliseconds written as big numbers", async () => {
    const { topic, index } = await suite.freshTopic(1);
    // 2023-11-14T22:13:20.123Z and 2023-11-16T02:00:00Z, in forms a double would not print back.
    const values = [`{"id":${KEYS[0]},"ts":1.700000000123e12}`, `{"id":${KEYS[1]},"ts":1700100000000.000}`, `{"id":${KEYS[2]},"ts":1700000000123.0}`];
    await produce(
      topic,
      values.map((value) => ({ value })),
    );
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: {
        documentId: { type: "fields", fields: ["$.id"] },
        dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "$.ts", format: "epoch_millis" }, timeZone: "UTC" },
      },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, values.length);
    expect(done.metrics.totals).toMatchObject({ messagesWritten: 3, failed: 0 });
    const hits = await exactHits(suite, `${index}_*`);
    expect(hits.map((h) => [h._index, h._id, JSON.stringify(h._source)])).toEqual([
      [`${index}_20231114`, KEYS[2], values[2]],
      [`${index}_20231114`, KEYS[0], values[0]],
      [`${index}_20231116`, KEYS[1], values[1]],
    ]);
  });

  it("the preview's bulk line keeps the message's numbers", async () => {
    const value = `{"id": ${KEYS[1]}, "price": 10.50}`;
    const config = suite.outflow.config({
      topics: ["unused"],
      index: "orders",
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
      rules: [{ type: "add", field: "seen", value: true }],
    });
    const r = await suite.api.post<{ rows: { bulk: string }[] }>("/api/preview", { config, messages: [{ value }] });
    expect(r.rows[0]?.bulk).toBe(`{"index":{"_index":"orders","_id":"${KEYS[1]}"}}\n{"id":${KEYS[1]},"price":10.50,"seen":true}\n`);
  });

  it("aggregation grouped by an int64: groups a double cannot tell apart stay apart", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const rows: [string, number][] = [
      [KEYS[0] as string, 5],
      [KEYS[1] as string, 7],
      [KEYS[1] as string, 11],
      [KEYS[0] as string, 13],
      [KEYS[1] as string, 17],
    ];
    await produce(
      topic,
      rows.map(([user, ms]) => ({ value: `{"user_id":${user},"ms":${ms}}` })),
    );
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { aggregation: { groupBy: ["$.user_id"], metrics: [{ field: "$.ms", ops: ["sum", "max"] }] } },
    });
    await suite.outflow.waitForMessagesIn(task.id, rows.length);
    const hits = await exactHits(suite, index);
    expect(hits.map((h) => [h._id, JSON.stringify(h._source.user_id), h._source.count, h._source.ms_sum, h._source.ms_max])).toEqual([
      [KEYS[0], KEYS[0], 2, 18, 13],
      [KEYS[1], KEYS[1], 3, 35, 17],
    ]);
  });

  it("aggregation first/last: int64 and decimal values keep their text through several writes of one group", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: {
        aggregation: {
          groupBy: ["$.g"],
          metrics: [
            { fn: "count" },
            { fn: "first", field: "$.v", as: "v_first" },
            { fn: "last", field: "$.v", as: "v_last" },
            { fn: "first", field: "$.p", as: "p_first" },
            { fn: "last", field: "$.p", as: "p_last" },
          ],
        },
      },
    });
    // Each message is its own write of group "a": the group's document is read back and rewritten three times.
    const values: [string, string][] = [
      [KEYS[2] as string, "10.50"],
      [KEYS[1] as string, "2140.0"],
      ["7", "1e-7"],
    ];
    for (const [i, [v, p]] of values.entries()) {
      await produce(topic, [{ value: `{"g":"a","v":${v},"p":${p}}` }]);
      await suite.outflow.waitForMessagesIn(task.id, i + 1);
      const doc = parseJsonExact((await sourceText(index, "a")) ?? "{}") as Record<string, unknown>;
      const text = (k: string) => JSON.stringify(doc[k]);
      expect([text("count"), text("v_first"), text("v_last"), text("p_first"), text("p_last")]).toEqual([String(i + 1), KEYS[2], v, "10.50", p]);
    }
  });

  it("a filter bound past 2^53: as a JSON number the API refuses it (422 naming the field), as a string it compares exactly", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const ids = ["9007199254740992", "9007199254740993", "9007199254740994"];
    await produce(
      topic,
      ids.map((id) => ({ value: `{"id":${id}}` })),
    );
    const rule = (value: string) => `[{"type":"filter","action":"keep","conditions":[{"field":"$.id","op":"gt","value":${value}}]}]`;
    const config = (value: string) =>
      JSON.stringify(suite.outflow.config({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } } })).replace(
        /}$/,
        `,"rules":${rule(value)}}`,
      );
    const accepted = await suite.api.send("POST", "/api/tasks", {
      headers: { "content-type": "application/json" },
      body: `{"name":"exact-bound-number","config":${config("9007199254740992")}}`,
    });
    // 9007199254740992 itself is a double; its neighbour 9007199254740993 is not.
    expect(accepted.status).toBe(201);
    const inexact = await suite.api.send("POST", "/api/tasks", {
      headers: { "content-type": "application/json" },
      body: `{"name":"exact-bound-inexact","config":${config("9007199254740993")}}`,
    });
    expect(inexact.status).toBe(422);
    const err = (await inexact.json()) as { error: { field: string; message: string } };
    expect(err.error.field).toBe("config.rules.0.conditions.0.value");
    expect(err.error.message).toContain("9007199254740993 has more digits than a 64-bit floating-point number holds exactly");

    const task = await suite.outflow.createTask(JSON.parse(config('"9007199254740992"')));
    await suite.outflow.start(task.id);
    const done = await suite.outflow.waitForMessagesIn(task.id, ids.length);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, filtered: 1, documentsWritten: 2 });
    expect((await exactHits(suite, index)).map((h) => h._id)).toEqual(["9007199254740993", "9007199254740994"]);
  });
});
