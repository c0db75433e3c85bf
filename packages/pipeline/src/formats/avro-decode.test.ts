import { describe, expect, it } from "vitest";
import { actionToNdjson } from "../bulk";
import { processMessage } from "../process-message";
import { expectWrite, onlyDoc } from "../test-fixtures";
import { avroBody, decimalBytes, framed, nodeBytes, registryTask, withSchemas } from "./registry-test-helpers";

const LOGICAL = {
  type: "record",
  name: "Order",
  namespace: "shop",
  fields: [
    { name: "id", type: "string" },
    { name: "big", type: "long" },
    { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
    { name: "atMicros", type: { type: "long", logicalType: "timestamp-micros" } },
    { name: "localAt", type: { type: "long", logicalType: "local-timestamp-millis" } },
    { name: "day", type: { type: "int", logicalType: "date" } },
    { name: "time", type: { type: "int", logicalType: "time-millis" } },
    { name: "timeMicros", type: { type: "long", logicalType: "time-micros" } },
    { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 20, scale: 2 } },
    { name: "fee", type: { type: "fixed", name: "Fee", size: 4, logicalType: "decimal", precision: 9, scale: 3 } },
    { name: "uuid", type: { type: "string", logicalType: "uuid" } },
    { name: "status", type: { type: "enum", name: "Status", symbols: ["NEW", "PAID"] } },
    { name: "note", type: ["null", "string"] },
    { name: "payment", type: ["null", "string", { type: "record", name: "Card", fields: [{ name: "last4", type: "string" }] }] },
    { name: "tags", type: { type: "array", items: "string" } },
    { name: "counts", type: { type: "map", values: "long" } },
    { name: "raw", type: "bytes" },
    { name: "hash", type: { type: "fixed", name: "Hash", size: 2 } },
    {
      name: "lines",
      type: {
        type: "array",
        items: {
          type: "record",
          name: "Line",
          fields: [
            { name: "sku", type: "string" },
            { name: "qty", type: "int" },
          ],
        },
      },
    },
  ],
};

const AT = Date.UTC(2026, 11, 7, 10, 15, 0, 123);
const VALUE = {
  id: "o-1",
  big: 9007199254740993n,
  at: AT,
  atMicros: BigInt(AT) * 1000n + 456n,
  localAt: AT,
  day: 20_794,
  time: 36_900_123,
  timeMicros: 36_900_123_456n,
  amount: decimalBytes(1234567890123456789n),
  fee: decimalBytes(-1250n, 4),
  uuid: "5f0c6a7e-8f7e-4a1e-9a59-2b9c1f0e6d3a",
  status: "PAID",
  note: { string: "leave at door" },
  payment: { "shop.Card": { last4: "4242" } },
  tags: ["a", "b"],
  counts: { x: 1n, y: -9223372036854775808n },
  raw: nodeBytes(new Uint8Array([0xde, 0xad, 0xbe, 0xef])),
  hash: nodeBytes(new Uint8Array([1, 2])),
  lines: [{ sku: "s-1", qty: 2 }],
};
const SCHEMA = { schema: JSON.stringify(LOGICAL) };

function decode(parse: Record<string, unknown>, value: Record<string, unknown> = VALUE, schema = SCHEMA) {
  const task = registryTask({ format: { type: "avro", ...parse } as never });
  const [m] = withSchemas(task, [framed(7, avroBody(LOGICAL, value))], { 7: schema });
  return processMessage(task, m as never, 0);
}

describe("avro through the registry", () => {
  it("decodes every logical type as documents want it (ISO, exact decimals as strings, plain unions)", () => {
    const doc = onlyDoc(decode({}));
    expect(JSON.parse(JSON.stringify(doc))).toEqual({
      id: "o-1",
      big: 9007199254740992, // JSON.parse in this check rounds; the bulk line below holds the exact text
      at: "2026-12-07T10:15:00.123Z",
      atMicros: "2026-12-07T10:15:00.123456Z",
      localAt: "2026-12-07T10:15:00.123",
      day: "2026-12-07",
      time: "10:15:00.123",
      timeMicros: "10:15:00.123456",
      amount: "12345678901234567.89",
      fee: "-1.250",
      uuid: "5f0c6a7e-8f7e-4a1e-9a59-2b9c1f0e6d3a",
      status: "PAID",
      note: "leave at door",
      payment: { last4: "4242" },
      tags: ["a", "b"],
      counts: { x: 1, y: Number("-9223372036854775808") },
      raw: "3q2+7w==",
      hash: "AQI=",
      lines: [{ sku: "s-1", qty: 2 }],
    });
    const bulk = actionToNdjson(expectWrite(decode({}))[0] as never);
    expect(bulk).toContain('"big":9007199254740993');
    expect(bulk).toContain('"y":-9223372036854775808');
  });

  it("gives epoch milliseconds, decimal numbers (exact) and wrapped unions when asked", () => {
    const r = decode({ timestamps: "epoch_millis", decimals: "number", unions: "wrapped" });
    const doc = onlyDoc(r);
    expect(doc).toMatchObject({
      at: AT,
      atMicros: AT + 0.456,
      localAt: AT,
      day: 20_794 * 86_400_000,
      time: 36_900_123,
      timeMicros: 36_900_123.456,
      note: { string: "leave at door" },
      payment: { "shop.Card": { last4: "4242" } },
    });
    const bulk = actionToNdjson(expectWrite(r)[0] as never);
    expect(bulk).toContain('"amount":12345678901234567.89,');
    expect(bulk).toContain('"fee":-1.250,');
  });

  it("null union branches are null, in both union forms", () => {
    const value = { ...VALUE, note: null, payment: null };
    expect(onlyDoc(decode({}, value))).toMatchObject({ note: null, payment: null });
    expect(onlyDoc(decode({ unions: "wrapped" }, value))).toMatchObject({ note: null, payment: null });
  });

  it("reads names from a referenced schema", () => {
    const card = { type: "record", name: "Card", namespace: "shop", fields: [{ name: "last4", type: "string" }] };
    const order = { type: "record", name: "Pay", namespace: "shop", fields: [{ name: "card", type: "shop.Card" }] };
    const task = registryTask({ format: { type: "avro" } });
    const body = avroBody({ ...order, fields: [{ name: "card", type: card }] }, { card: { last4: "1111" } });
    const [m] = withSchemas(task, [framed(3, body)], {
      3: { schema: JSON.stringify(order), references: [{ name: "shop.Card", schema: JSON.stringify(card) }] },
    });
    expect(onlyDoc(processMessage(task, m as never, 0))).toEqual({ card: { last4: "1111" } });
  });

  it("decodes each message by its own schema id (a topic whose schema evolves)", () => {
    const v1 = { type: "record", name: "User", fields: [{ name: "name", type: "string" }] };
    const v2 = {
      type: "record",
      name: "User",
      fields: [
        { name: "name", type: "string" },
        { name: "age", type: "int", default: 0 },
      ],
    };
    const task = registryTask({ format: { type: "avro" } });
    const messages = withSchemas(
      task,
      [framed(1, avroBody(v1, { name: "ann" })), framed(2, avroBody(v2, { name: "bob", age: 41 })), framed(1, avroBody(v1, { name: "cy" }))],
      { 1: { schema: JSON.stringify(v1) }, 2: { schema: JSON.stringify(v2) } },
    );
    expect(messages.map((m) => onlyDoc(processMessage(task, m, 0)))).toEqual([{ name: "ann" }, { name: "bob", age: 41 }, { name: "cy" }]);
  });
});
