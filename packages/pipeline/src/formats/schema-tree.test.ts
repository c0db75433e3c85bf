import { describe, expect, it } from "vitest";
import { compileAvroDecoder } from "./avro-decode";
import { avroBody } from "./registry-test-helpers";
import { type SchemaNode, schemaTree } from "./schema-tree";

type AvroOptions = { type: "avro"; timestamps: "iso" | "epoch_millis"; decimals: "string" | "number"; unions: "plain" | "wrapped" };
const AVRO: AvroOptions = { type: "avro", timestamps: "iso", decimals: "string", unions: "plain" };
const avro = (schema: unknown, opts: Partial<AvroOptions> = {}) => schemaTree({ schema: JSON.stringify(schema) }, { ...AVRO, ...opts });
const record = (fields: { name: string; type: unknown }[]) => ({ type: "record", name: "R", namespace: "shop", fields });
const fieldsOf = (n: SchemaNode) => (n.kind === "record" ? Object.fromEntries(n.fields.map((f) => [f.name, f.node])) : {});
const s = (type: string, more: object = {}) => ({ kind: "scalar", type, ...more });

describe("schemaTree: Avro", () => {
  it("primitives, logical types, enums, fixed and bytes as the decoder writes them", () => {
    const t = avro(
      record([
        { name: "i", type: "int" },
        { name: "l", type: "long" },
        { name: "lj", type: { type: "long" } },
        { name: "f", type: "float" },
        { name: "d", type: "double" },
        { name: "b", type: "boolean" },
        { name: "s", type: "string" },
        { name: "raw", type: "bytes" },
        { name: "hash", type: { type: "fixed", name: "Hash", size: 2 } },
        { name: "status", type: { type: "enum", name: "Status", symbols: ["NEW"] } },
        { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
        { name: "atMicros", type: { type: "long", logicalType: "timestamp-micros" } },
        { name: "localAt", type: { type: "long", logicalType: "local-timestamp-millis" } },
        { name: "day", type: { type: "int", logicalType: "date" } },
        { name: "time", type: { type: "int", logicalType: "time-millis" } },
        { name: "timeMicros", type: { type: "long", logicalType: "time-micros" } },
        { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 20, scale: 2 } },
        { name: "fee", type: { type: "fixed", name: "Fee", size: 4, logicalType: "decimal", precision: 9, scale: 3 } },
        { name: "uuid", type: { type: "string", logicalType: "uuid" } },
        { name: "wrong", type: { type: "string", logicalType: "timestamp-millis" } },
        { name: "nothing", type: "null" },
      ]),
    );
    expect(fieldsOf(t)).toEqual({
      i: s("integer"),
      l: s("long"),
      lj: s("long"),
      f: s("float"),
      d: s("double"),
      b: s("boolean"),
      s: s("string"),
      raw: s("bytes"),
      hash: s("bytes"),
      status: s("enum"),
      at: s("timestamp"),
      atMicros: s("timestamp", { micros: true }),
      localAt: s("timestamp"),
      day: s("date"),
      time: s("time"),
      timeMicros: s("time", { micros: true }),
      amount: s("decimal", { precision: 20 }),
      fee: s("decimal", { precision: 9 }),
      uuid: s("string"),
      wrong: s("string"),
      nothing: { kind: "null" },
    });
  });

  it("records nest, arrays hold their items, maps are data; a union with null is its other branch, several branches mixed", () => {
    const t = avro(
      record([
        { name: "customer", type: { type: "record", name: "Customer", fields: [{ name: "name", type: "string" }] } },
        { name: "again", type: "Customer" },
        { name: "qualified", type: "shop.Customer" },
        { name: "lines", type: { type: "array", items: { type: "record", name: "Line", fields: [{ name: "qty", type: "int" }] } } },
        { name: "counts", type: { type: "map", values: "long" } },
        { name: "note", type: ["null", "string"] },
        { name: "either", type: ["null", "string", "long"] },
        { name: "unknownName", type: "NoSuchType" },
      ]),
    );
    const customer = { kind: "record", fields: [{ name: "name", node: s("string") }] };
    expect(fieldsOf(t)).toEqual({
      customer,
      again: customer,
      qualified: customer,
      lines: { kind: "array", items: { kind: "record", fields: [{ name: "qty", node: s("integer") }] } },
      counts: { kind: "map" },
      note: s("string"),
      either: { kind: "mixed" },
      unknownName: { kind: "mixed" },
    });
  });

  it("a record that holds itself stops at the nesting limit", () => {
    const t = avro({ type: "record", name: "Node", fields: [{ name: "next", type: ["null", "Node"] }] });
    let depth = 0;
    let at: SchemaNode = t;
    while (at.kind === "record") {
      at = (at.fields[0] as { node: SchemaNode }).node;
      depth++;
    }
    expect(at).toEqual({ kind: "mixed" });
    expect(depth).toBe(13);
  });

  it("a named type from a reference", () => {
    const ref = {
      name: "shop.Customer",
      schema: JSON.stringify({ type: "record", name: "Customer", namespace: "shop", fields: [{ name: "id", type: "long" }] }),
    };
    const t = schemaTree({ schema: JSON.stringify(record([{ name: "c", type: "shop.Customer" }])), references: [ref] }, AVRO);
    expect(fieldsOf(t).c).toEqual({ kind: "record", fields: [{ name: "id", node: s("long") }] });
  });

  it("wrapped unions: a field per branch, named as the decoder names them", () => {
    const schema: { fields: { name: string; type: unknown }[] } = record([
      {
        name: "pay",
        type: [
          "null",
          "string",
          { type: "long", logicalType: "timestamp-millis" },
          { type: "record", name: "Card", fields: [{ name: "last4", type: "string" }] },
        ],
      },
    ]);
    schema.fields.push({ name: "again", type: ["null", "Card"] });
    const t = avro(schema, { unions: "wrapped" });
    const names = (fieldsOf(t).pay as Extract<SchemaNode, { kind: "record" }>).fields.map((f) => f.name);
    expect(names).toEqual(["string", "long", "shop.Card"]);
    expect(fieldsOf(t).again).toEqual({
      kind: "record",
      fields: [{ name: "shop.Card", node: { kind: "record", fields: [{ name: "last4", node: s("string") }] } }],
    });
    // The decoder's keys for each branch.
    const decode = compileAvroDecoder({ schema: JSON.stringify(schema) }, { ...AVRO, unions: "wrapped" });
    const card = { "shop.Card": { last4: "1234" } };
    const decoded = [{ string: "x" }, { long: 5n }, card].map((pay) => decode(avroBody(schema, { pay, again: card }), []) as Record<string, object>);
    expect(decoded.map((d) => Object.keys(d.pay as object)[0])).toEqual(names);
    expect(Object.keys(decoded[0]?.again as object)).toEqual(["shop.Card"]);
  });
});

const PROTO = `syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
message Order {
  string id = 1;
  int64 big = 2;
  uint64 ubig = 3;
  int32 small = 4;
  uint32 usmall = 5;
  sint64 neg = 6;
  fixed64 f64 = 7;
  sfixed32 sf32 = 8;
  double d = 9;
  float f = 10;
  bool ok = 11;
  bytes raw = 12;
  Status status = 13;
  google.protobuf.Timestamp at = 14;
  map<string, int64> counts = 15;
  repeated Line lines = 16;
  Customer customer = 17;
  oneof payment { string card = 18; int32 cash = 19; }
  message Line { string sku = 1; }
}
enum Status { NEW = 0; }
message Customer { string name = 1; }
`;

describe("schemaTree: Protobuf", () => {
  const proto = (indexes?: number[]) => schemaTree({ schemaType: "PROTOBUF", schema: PROTO }, { type: "protobuf", timestamps: "iso" }, indexes);

  it("scalars by their width and sign, enums, timestamps, messages, repeated and map fields, oneof members", () => {
    expect(fieldsOf(proto())).toEqual({
      id: s("string"),
      big: s("long"),
      ubig: s("unsigned_long"),
      small: s("integer"),
      usmall: s("long"),
      neg: s("long"),
      f64: s("unsigned_long"),
      sf32: s("integer"),
      d: s("double"),
      f: s("float"),
      ok: s("boolean"),
      raw: s("bytes"),
      status: s("enum"),
      at: s("timestamp"),
      counts: { kind: "map" },
      lines: { kind: "array", items: { kind: "record", fields: [{ name: "sku", node: s("string") }] } },
      customer: { kind: "record", fields: [{ name: "name", node: s("string") }] },
      card: s("string"),
      cash: s("integer"),
    });
  });

  it("the message indexes pick the message type", () => {
    expect(proto([1])).toEqual({ kind: "record", fields: [{ name: "name", node: s("string") }] });
    expect(proto([0, 0])).toEqual({ kind: "record", fields: [{ name: "sku", node: s("string") }] });
    expect(proto([])).toEqual(proto([0]));
  });
});

describe("schemaTree: JSON Schema", () => {
  const json = (schema: unknown, references?: { name: string; schema: string }[]) =>
    schemaTree({ schemaType: "JSON", schema: JSON.stringify(schema), ...(references ? { references } : {}) }, { type: "json_schema" });

  it("types and string formats; nullable types, anyOf with null, local and referenced $refs, allOf", () => {
    const t = json(
      {
        type: "object",
        $defs: { Money: { type: "object", properties: { cents: { type: "integer" } } } },
        properties: {
          n: { type: "integer" },
          x: { type: "number" },
          ok: { type: "boolean" },
          name: { type: "string" },
          at: { type: "string", format: "date-time" },
          day: { type: "string", format: "date" },
          ip: { type: "string", format: "ipv4" },
          status: { type: "string", enum: ["A", "B"] },
          maybe: { type: ["null", "integer"] },
          either: { type: ["string", "integer"] },
          alt: { anyOf: [{ type: "null" }, { type: "number" }] },
          price: { $ref: "#/$defs/Money" },
          other: { $ref: "other.json" },
          missing: { $ref: "#/$defs/Nope" },
          both: { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { properties: { b: { type: "integer" } } }] },
          tags: { type: "array", items: { type: "string" } },
          attrs: { type: "object", additionalProperties: { type: "string" } },
          anything: {},
        },
      },
      [{ name: "other.json", schema: JSON.stringify({ type: "string", format: "date-time" }) }],
    );
    expect(fieldsOf(t)).toEqual({
      n: s("long"),
      x: s("double"),
      ok: s("boolean"),
      name: s("string"),
      at: s("timestamp"),
      day: s("date"),
      ip: s("ip"),
      status: s("enum"),
      maybe: s("long"),
      either: { kind: "mixed" },
      alt: s("double"),
      price: { kind: "record", fields: [{ name: "cents", node: s("long") }] },
      other: s("timestamp"),
      missing: { kind: "mixed" },
      both: {
        kind: "record",
        fields: [
          { name: "a", node: s("string") },
          { name: "b", node: s("long") },
        ],
      },
      tags: { kind: "array", items: s("string") },
      attrs: { kind: "map" },
      anything: { kind: "mixed" },
    });
  });
});
