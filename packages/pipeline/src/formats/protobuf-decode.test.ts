import protobuf from "protobufjs";
import descriptor from "protobufjs/ext/descriptor/index.js";
import { describe, expect, it } from "vitest";
import { actionToNdjson } from "../bulk";
import { toBase64 } from "../decode-value";
import { processMessage } from "../process-message";
import { expectWrite, onlyDoc } from "../test-fixtures";
import { framed, protobufBody, protoRoot, registryTask, withSchemas } from "./registry-test-helpers";

const PROTO = `syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";

message Order {
  string id = 1;
  int64 big = 2;
  uint64 ubig = 3;
  Status status = 4;
  oneof payment { string card = 5; int32 cash = 6; }
  Customer customer = 7;
  google.protobuf.Timestamp at = 8;
  map<string, int64> counts = 9;
  repeated Line lines = 10;
  bytes raw = 11;
  sint64 neg = 12;
  int32 zero = 13;
  message Line { string sku = 1; int32 qty = 2; }
}
enum Status { NEW = 0; PAID = 1; }
message Customer { string name = 1; }
message Ping { string text = 1; }
`;

const ORDER = {
  id: "o-1",
  big: "9007199254740993",
  ubig: "18446744073709551615",
  status: "PAID",
  cash: 12,
  customer: { name: "ann" },
  at: { seconds: 1_796_638_500, nanos: 123_000_000 },
  counts: { x: "-9223372036854775808" },
  lines: [{ sku: "s-1", qty: 2 }],
  raw: toBase64(new Uint8Array([0xde, 0xad])),
  neg: "-5",
};

function decode(indexes: number[] | undefined, type: string, value: Record<string, unknown>, timestamps?: "epoch_millis", schema = PROTO) {
  const task = registryTask({ format: { type: "protobuf", ...(timestamps ? { timestamps } : {}) } });
  const [m] = withSchemas(task, [framed(5, protobufBody(PROTO, type, value), {}, indexes ?? [0])], { 5: { schemaType: "PROTOBUF", schema } });
  return processMessage(task, m as never, 0);
}

describe("protobuf through the registry", () => {
  it("decodes the first message type (index list [0] as one 0 byte): 64-bit integers exact, enums by name, the set oneof member only", () => {
    const r = decode([0], "shop.Order", ORDER);
    expect(JSON.parse(JSON.stringify(onlyDoc(r)))).toEqual({
      id: "o-1",
      big: 9007199254740992,
      ubig: Number("18446744073709551615"),
      status: "PAID",
      cash: 12,
      customer: { name: "ann" },
      at: "2026-12-07T10:15:00.123Z",
      counts: { x: Number("-9223372036854775808") },
      lines: [{ sku: "s-1", qty: 2 }],
      raw: "3q0=",
      neg: -5,
      zero: 0,
    });
    const bulk = actionToNdjson(expectWrite(r)[0] as never);
    expect(bulk).toContain('"big":9007199254740993,');
    expect(bulk).toContain('"ubig":18446744073709551615,');
    expect(bulk).toContain('"x":-9223372036854775808');
  });

  it("picks a later top-level message by its index, and a nested one by its path", () => {
    expect(onlyDoc(decode([2], "shop.Ping", { text: "hi" }))).toEqual({ text: "hi" });
    expect(onlyDoc(decode([0, 0], "shop.Order.Line", { sku: "s-9", qty: 3 }))).toEqual({ sku: "s-9", qty: 3 });
  });

  it("gives the Timestamp as epoch milliseconds when asked, and an unset message as null", () => {
    expect(onlyDoc(decode([0], "shop.Order", { id: "x", at: { seconds: 1, nanos: 500_000 } }, "epoch_millis"))).toMatchObject({ at: 1000.5, customer: null });
  });

  it("reads a schema the registry keeps as a base64 FileDescriptorProto", () => {
    const root = protoRoot(PROTO);
    const set = (root as unknown as { toDescriptor(v: string): { file: unknown[] } }).toDescriptor("proto3");
    const file = set.file.find((f) => (f as { package?: string }).package === "shop");
    const FileDescriptorProto = (descriptor as unknown as { FileDescriptorProto: protobuf.Type }).FileDescriptorProto;
    // As registries keep it: the file names what it imports.
    const withImports = { ...(file as object), dependency: ["google/protobuf/timestamp.proto"] };
    const b64 = toBase64(FileDescriptorProto.encode(FileDescriptorProto.fromObject(withImports)).finish());
    expect(onlyDoc(decode([1], "shop.Customer", { name: "bo" }, undefined, b64))).toEqual({ name: "bo" });
  });

  it("resolves types from a referenced file (the registry's references)", () => {
    const common = 'syntax = "proto3"; package common; message Money { int64 units = 1; string currency = 2; }';
    const main = 'syntax = "proto3"; package shop; import "common.proto"; message Price { common.Money amount = 1; }';
    const root = new protobuf.Root();
    protobuf.parse(common, root, { keepCase: true });
    protobuf.parse(main, root, { keepCase: true });
    const type = root.lookupType("shop.Price");
    const body = type.encode(type.fromObject({ amount: { units: "9007199254740993", currency: "EUR" } })).finish();
    const task = registryTask({ format: { type: "protobuf" } });
    const [m] = withSchemas(task, [framed(6, body, {}, [0])], {
      6: { schemaType: "PROTOBUF", schema: main, references: [{ name: "common.proto", schema: common }] },
    });
    const r = processMessage(task, m as never, 0);
    expect(actionToNdjson(expectWrite(r)[0] as never)).toContain('{"amount":{"units":9007199254740993,"currency":"EUR"}}');
  });

  it("names message indexes that point at no message type", () => {
    expect(decode([7], "shop.Ping", { text: "hi" })).toEqual({
      kind: "failed",
      stage: "parse",
      reason: expect.stringContaining("message indexes [7] name no message type of the schema"),
    });
  });
});
