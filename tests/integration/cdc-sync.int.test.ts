import { produce, type TestMessage } from "@outflow/testing/kafka";
import { settledSum } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Row = Record<string, unknown>;
type Change = { op: "upsert" | "delete"; row: Row };

/** The source table after a sequence of row changes, keyed like the documents: what the index must equal. */
function tableAfter(changes: Change[], key: (row: Row) => string): Record<string, Row> {
  const table: Record<string, Row> = {};
  for (const c of changes) {
    if (c.op === "upsert") {
      table[key(c.row)] = c.row;
    } else {
      delete table[key(c.row)];
    }
  }
  return table;
}

/** A Debezium change event; `wrapped` puts it under `payload` as the JSON converter with schemas does. */
function debezium(op: "c" | "r" | "u" | "d", before: Row | null, after: Row | null, wrapped = false): Row {
  const envelope = { before, after, source: { connector: "postgresql", db: "shop", schema: "public", table: "customers" }, op, ts_ms: 1_700_000_000_000 };
  return wrapped ? { schema: { type: "struct", name: "shop.public.customers.Envelope", optional: false, fields: [] }, payload: envelope } : envelope;
}

function canal(type: string, data: Row[] | null, old: Row[] | null = null): Row {
  return { data, database: "shop", table: "stock", type, isDdl: false, old, pkNames: ["region", "id"], es: 1_700_000_000_000, ts: 1_700_000_000_001, sql: "" };
}

function maxwell(type: string, data: Row | null, old: Row | null = null): Row {
  return { database: "shop", table: "users", type, ts: 1_700_000_000, xid: 42, commit: true, ...(data ? { data } : {}), ...(old ? { old } : {}) };
}

/** CDC sync: Debezium, Canal and Maxwell change events keep an index equal to the source table. */
describe.concurrent("CDC sync", () => {
  const suite = new OutflowSuite("it-cdc");
  beforeAll(suite.start);
  afterAll(suite.stop);

  it("Debezium: c/r/u/d (plain and payload-wrapped) over two partitions; the index equals the table", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const c = (id: number, name: string, email = `${name}@example.com`) => ({ id, name, email });
    // [event, row change it stands for]; the partition is id % 2, as Debezium keys by primary key.
    const events: [Row, Change][] = [
      [debezium("r", null, c(1, "ann")), { op: "upsert", row: c(1, "ann") }],
      [debezium("r", null, c(2, "bob")), { op: "upsert", row: c(2, "bob") }],
      [debezium("c", null, c(3, "cid")), { op: "upsert", row: c(3, "cid") }],
      [debezium("u", c(1, "ann"), c(1, "anna")), { op: "upsert", row: c(1, "anna") }],
      [debezium("d", c(2, "bob"), null), { op: "delete", row: c(2, "bob") }],
      [debezium("c", null, c(4, "dan"), true), { op: "upsert", row: c(4, "dan") }],
      [debezium("u", c(4, "dan"), c(4, "dan", "dan@new.example"), true), { op: "upsert", row: c(4, "dan", "dan@new.example") }],
      [debezium("d", c(99, "ghost"), null), { op: "delete", row: c(99, "ghost") }],
      [debezium("c", null, c(2, "bob", "bob@again.example")), { op: "upsert", row: c(2, "bob", "bob@again.example") }],
      [debezium("u", c(3, "cid"), c(3, "cyd")), { op: "upsert", row: c(3, "cyd") }],
      [debezium("d", c(3, "cyd"), null, true), { op: "delete", row: c(3, "cyd") }],
      [debezium("u", c(1, "anna"), c(1, "anne")), { op: "upsert", row: c(1, "anne") }],
    ];
    const messages: TestMessage[] = [];
    for (const [event, change] of events) {
      const id = change.row.id as number;
      messages.push({ key: JSON.stringify({ id }), partition: id % 2, value: JSON.stringify(event) });
      if (change.op === "delete") {
        // Debezium follows a delete with a tombstone for log compaction: skipped by default with CDC.
        messages.push({ key: JSON.stringify({ id }), partition: id % 2, value: null });
      }
    }
    await produce(topic, messages);
    const task = await suite.outflow.run({ topics: [topic], index, sink: { cdc: { format: "debezium", primaryKey: ["$.id"] } } });
    const done = await suite.outflow.waitForMessagesIn(task.id, messages.length);
    const deletes = events.filter(([, ch]) => ch.op === "delete").length;
    expect(done.metrics.totals).toMatchObject({ messagesIn: messages.length, messagesWritten: events.length, filtered: deletes, discarded: 0, failed: 0 });
    expect(settledSum(done.metrics.totals)).toBe(messages.length);
    expect(done.status).toBe("running");
    const expected = tableAfter(
      events.map(([, ch]) => ch),
      (r) => String(r.id),
    );
    expect(expected).toEqual({ "1": c(1, "anne"), "2": c(2, "bob", "bob@again.example"), "4": c(4, "dan", "dan@new.example") });
    expect(await suite.docsById(index)).toEqual(expected);
  });

  it("Canal: multi-row INSERT, UPDATE, DELETE with a composite key; a DDL event is skipped", async () => {
    const { topic, index } = await suite.freshTopic(1);
    // Canal sends column values as strings.
    const s = (region: string, id: string, qty: string) => ({ region, id, qty });
    const events: [Row, Change[]][] = [
      [
        canal("INSERT", [s("eu", "1", "1"), s("eu", "2", "2"), s("us", "1", "3")]),
        [s("eu", "1", "1"), s("eu", "2", "2"), s("us", "1", "3")].map((row) => ({ op: "upsert", row })),
      ],
      [
        canal("UPDATE", [s("eu", "1", "15"), s("us", "1", "30")], [{ qty: "1" }, { qty: "3" }]),
        [s("eu", "1", "15"), s("us", "1", "30")].map((row) => ({ op: "upsert", row })),
      ],
      [{ data: null, database: "shop", table: "stock", type: "ALTER", isDdl: true, sql: "ALTER TABLE stock ADD COLUMN note text", es: 1, ts: 2 }, []],
      [canal("DELETE", [s("eu", "2", "2")]), [{ op: "delete", row: s("eu", "2", "2") }]],
      [canal("DELETE", [s("eu", "42", "0")]), [{ op: "delete", row: s("eu", "42", "0") }]],
      [canal("INSERT", [s("eu", "3", "7")]), [{ op: "upsert", row: s("eu", "3", "7") }]],
      [
        canal("UPDATE", [s("eu", "3", "8"), s("eu", "1", "16")], [{ qty: "7" }, { qty: "15" }]),
        [s("eu", "3", "8"), s("eu", "1", "16")].map((row) => ({ op: "upsert", row }) as Change),
      ],
      [canal("DELETE", [s("us", "1", "30"), s("eu", "3", "8")]), [s("us", "1", "30"), s("eu", "3", "8")].map((row) => ({ op: "delete", row }) as Change)],
    ] as [Row, Change[]][];
    await produce(
      topic,
      events.map(([e]) => ({ value: JSON.stringify(e) })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, sink: { cdc: { format: "canal", primaryKey: ["$.region", "$.id"], delimiter: "-" } } });
    const done = await suite.outflow.waitForMessagesIn(task.id, events.length);
    const rows = events.flatMap(([, chs]) => chs);
    expect(done.metrics.totals).toMatchObject({
      messagesIn: events.length,
      messagesWritten: events.length - 1,
      documentsWritten: rows.length,
      filtered: 1,
      discarded: 0,
      failed: 0,
    });
    const expected = tableAfter(rows, (r) => `${r.region}-${r.id}`);
    expect(Object.keys(expected).sort()).toEqual(["eu-1"]);
    expect(await suite.docsById(index)).toEqual(expected);
  });

  it("Maxwell: insert/update/delete (and bootstrap rows); bootstrap markers are skipped", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const u = (id: number, name: string, plan = "free") => ({ id, name, plan });
    const events: [Row, Change | null][] = [
      [maxwell("insert", u(1, "ann")), { op: "upsert", row: u(1, "ann") }],
      [maxwell("insert", u(2, "bob")), { op: "upsert", row: u(2, "bob") }],
      [maxwell("insert", u(3, "cid")), { op: "upsert", row: u(3, "cid") }],
      [maxwell("update", u(2, "bob", "pro"), { plan: "free" }), { op: "upsert", row: u(2, "bob", "pro") }],
      [maxwell("delete", u(1, "ann")), { op: "delete", row: u(1, "ann") }],
      [maxwell("delete", u(77, "nobody")), { op: "delete", row: u(77, "nobody") }],
      [maxwell("bootstrap-start", null), null],
      [maxwell("bootstrap-insert", u(4, "dee")), { op: "upsert", row: u(4, "dee") }],
      [maxwell("bootstrap-complete", null), null],
      [maxwell("insert", u(1, "ann", "team")), { op: "upsert", row: u(1, "ann", "team") }],
      [maxwell("update", u(3, "cyd"), { name: "cid" }), { op: "upsert", row: u(3, "cyd") }],
      [maxwell("delete", u(2, "bob", "pro")), { op: "delete", row: u(2, "bob", "pro") }],
    ];
    await produce(
      topic,
      events.map(([e]) => ({ key: JSON.stringify({ database: "shop", table: "users" }), value: JSON.stringify(e) })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, sink: { cdc: { format: "maxwell", primaryKey: ["id"] } } });
    const done = await suite.outflow.waitForMessagesIn(task.id, events.length);
    const changes = events.flatMap(([, ch]) => (ch ? [ch] : []));
    expect(done.metrics.totals).toMatchObject({ messagesIn: events.length, messagesWritten: changes.length, filtered: 2, discarded: 0, failed: 0 });
    const expected = tableAfter(changes, (r) => String(r.id));
    expect(expected).toEqual({ "1": u(1, "ann", "team"), "3": u(3, "cyd"), "4": u(4, "dee") });
    expect(await suite.docsById(index)).toEqual(expected);
  });
});
