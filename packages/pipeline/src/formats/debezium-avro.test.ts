import { describe, expect, it } from "vitest";
import { actionToNdjson } from "../bulk";
import { processMessage } from "../process-message";
import { expectWrite, message } from "../test-fixtures";
import { avroBody, decimalBytes, framed, registryTask, withSchemas } from "./registry-test-helpers";
import { frame } from "./registry-wire";

/** A Debezium envelope as the Avro converter writes it (MySQL: BIGINT id, DECIMAL(20,2) balance). */
const VALUE = {
  type: "record",
  name: "Value",
  namespace: "db.shop.accounts",
  fields: [
    { name: "id", type: { type: "long", "connect.name": "long" } },
    { name: "name", type: ["null", "string"], default: null },
    {
      name: "balance",
      type: { type: "bytes", scale: 2, precision: 20, "connect.version": 1, "connect.name": "org.apache.kafka.connect.data.Decimal", logicalType: "decimal" },
    },
  ],
};
const ENVELOPE = {
  type: "record",
  name: "Envelope",
  namespace: "db.shop.accounts",
  fields: [
    { name: "before", type: ["null", VALUE], default: null },
    { name: "after", type: ["null", "db.shop.accounts.Value"], default: null },
    { name: "op", type: "string" },
    { name: "ts_ms", type: ["null", "long"], default: null },
  ],
};
const KEY = { type: "record", name: "Key", namespace: "db.shop.accounts", fields: [{ name: "id", type: "long" }] };

const row = (id: bigint, name: string, cents: bigint) => ({ id, name: { string: name }, balance: decimalBytes(cents) });
const wrap = (r: ReturnType<typeof row> | null) => (r === null ? null : { "db.shop.accounts.Value": r });
const event = (op: string, before: ReturnType<typeof row> | null, after: ReturnType<typeof row> | null) =>
  avroBody(ENVELOPE, { before: wrap(before), after: wrap(after), op, ts_ms: { long: 1_700_000_000_000n } });

describe("Debezium CDC with the Avro converter", () => {
  it("creates, updates and deletes by the primary key, BIGINT and DECIMAL exact; tombstones skipped", () => {
    const task = registryTask({ format: { type: "avro" }, keyFormat: { type: "avro" } }, { sink: { cdc: { format: "debezium", primaryKey: ["$.id"] } } });
    const big = 9007199254740993n;
    const key = (id: bigint) => frame(2, avroBody(KEY, { id }));
    const messages = withSchemas(
      task,
      [
        framed(1, event("c", null, row(big, "ann", 1234567890123456789n)), { key: key(big) }),
        framed(1, event("u", row(big, "ann", 1n), row(big, "ann b", 1050n)), { key: key(big) }),
        framed(1, event("d", row(big, "ann b", 1050n), null), { key: key(big) }),
        message(null, { key: key(big) }),
      ],
      { 1: { schema: JSON.stringify(ENVELOPE) }, 2: { schema: JSON.stringify(KEY) } },
    );
    const [create, update, del, tombstone] = messages.map((m) => processMessage(task, m, 0));
    expect(actionToNdjson(expectWrite(create as never)[0] as never)).toBe(
      '{"index":{"_index":"orders","_id":"9007199254740993"}}\n{"id":9007199254740993,"name":"ann","balance":"12345678901234567.89"}\n',
    );
    expect(actionToNdjson(expectWrite(update as never)[0] as never)).toContain('{"id":9007199254740993,"name":"ann b","balance":"10.50"}');
    expect(expectWrite(del as never)).toEqual([{ op: "delete", index: "orders", id: "9007199254740993" }]);
    expect(tombstone).toEqual({ kind: "filtered", reason: "null value (tombstone) skipped" });
  });
});
