import { describe, expect, it, vi } from "vitest";
import { actionToNdjson } from "../bulk";
import { safeCompileTask } from "../compile";
import { processMessage } from "../process-message";
import { rulesDocumentIssues } from "../rules-document";
import { bytes, config, expectWrite, message, onlyDoc } from "../test-fixtures";
import { avroBody, framed, registryTask, withSchemas } from "./registry-test-helpers";
import { frame, readFraming } from "./registry-wire";
import { resolveSchemas, schemaIdsNeeded } from "./schema-decoders";

const USER = { type: "record", name: "User", fields: [{ name: "name", type: "string" }] };
const AVRO_USER = { schema: JSON.stringify(USER) };

describe("registry framing", () => {
  it("reads the id big-endian and Protobuf's message indexes ([0] as a single 0 byte)", () => {
    const body = new Uint8Array([9, 9]);
    expect(readFraming(new Uint8Array([0, 0, 0, 1, 2, 9, 9]), false)).toEqual({ ok: true, id: 258, indexes: [], body });
    // The recipe's bytes from the Confluent serializer: 00, the id, 00 (message index), then the payload.
    expect(readFraming(new Uint8Array([0, 0, 0, 0, 7, 0, 9, 9]), true)).toEqual({ ok: true, id: 7, indexes: [0], body });
    // [1, 0]: count 2, then 1 and 0, each a zigzag varint (2 → 4, 1 → 2).
    expect(readFraming(new Uint8Array([0, 0, 0, 0, 7, 4, 2, 0, 9, 9]), true)).toEqual({ ok: true, id: 7, indexes: [1, 0], body });
    expect(frame(7, body, [1, 0])).toEqual(new Uint8Array([0, 0, 0, 0, 7, 4, 2, 0, 9, 9]));
    expect(frame(7, body, [0])).toEqual(new Uint8Array([0, 0, 0, 0, 7, 0, 9, 9]));
    expect(readFraming(new Uint8Array([0, 0xff, 0xff, 0xff, 0xfe]), false)).toMatchObject({ ok: true, id: 4294967294 });
    expect(readFraming(new Uint8Array([0, 0x77, 0x35, 0x94, 0x00]), false)).toMatchObject({ ok: true, id: 2_000_000_000 });
  });

  it("says what is wrong with bytes that are not framed", () => {
    expect(readFraming(bytes('{"a":1}'), false)).toEqual({
      ok: false,
      reason: "no magic byte: schema-registry framing starts with a 0 byte, it starts with 0x7b",
    });
    expect(readFraming(new Uint8Array([0, 0, 1]), false)).toEqual({ ok: false, reason: "the schema-registry header is cut short: 3 of 5 bytes" });
    expect(readFraming(new Uint8Array([0, 0, 0, 0, 1, 0x80]), true)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("message indexes are not readable"),
    });
  });
});

describe("registry formats: failures at stage parse, each with its reason", () => {
  const task = () => registryTask({ format: { type: "avro" } });

  it("no magic byte", () => {
    expect(processMessage(task(), message({ name: "plain json" }), 0)).toEqual({
      kind: "failed",
      stage: "parse",
      reason: "no magic byte: schema-registry framing starts with a 0 byte, it starts with 0x7b",
    });
  });

  it("unknown schema id", () => {
    const t = task();
    const [m] = withSchemas(t, [framed(99, avroBody(USER, { name: "x" }))], { 99: null });
    expect(processMessage(t, m as never, 0)).toEqual({
      kind: "failed",
      stage: "parse",
      reason: "unknown schema id 99: the schema registry has no schema with that id",
    });
  });

  it("a body that does not decode with its schema", () => {
    const t = task();
    const [m] = withSchemas(t, [framed(1, new Uint8Array([0x80]))], { 1: AVRO_USER });
    expect(processMessage(t, m as never, 0)).toMatchObject({
      kind: "failed",
      stage: "parse",
      reason: expect.stringMatching(/^the body does not decode as avro with schema 1: /),
    });
  });

  it("a schema of another type, or one that is not valid", () => {
    const t = task();
    const messages = withSchemas(t, [framed(1, new Uint8Array([2, 0x41])), framed(2, new Uint8Array([2, 0x41]))], {
      1: { schemaType: "PROTOBUF", schema: 'syntax = "proto3"; message A { string a = 1; }' },
      2: { schema: '{"type":"recrod"}' },
    });
    expect(messages.map((m) => processMessage(t, m, 0))).toEqual([
      { kind: "failed", stage: "parse", reason: "schema 1 is a PROTOBUF schema, not avro" },
      { kind: "failed", stage: "parse", reason: expect.stringMatching(/^schema 2 is not a usable avro schema: /) },
    ]);
  });

  it("a value that is not a record", () => {
    const t = task();
    const [m] = withSchemas(t, [framed(4, avroBody("string", "just text"))], { 4: { schema: '"string"' } });
    expect(processMessage(t, m as never, 0)).toEqual({ kind: "failed", stage: "parse", reason: "the value decodes to a string, not a record" });
  });

  it("follows nonJson drop like any other format", () => {
    const t = registryTask({ format: { type: "avro" }, nonJson: { action: "drop" } });
    expect(processMessage(t, message("x"), 0)).toMatchObject({ kind: "dropped", reason: expect.stringContaining("no magic byte") });
  });
});

describe("json_schema", () => {
  it("is JSON after the header, numbers exact", () => {
    const t = registryTask({ format: { type: "json_schema" } });
    const [m] = withSchemas(t, [framed(8, bytes('{"id":9007199254740993,"price":10.50}'))], { 8: { schemaType: "JSON", schema: '{"type":"object"}' } });
    const r = processMessage(t, m as never, 0);
    expect(actionToNdjson(expectWrite(r)[0] as never)).toContain('{"id":9007199254740993,"price":10.50}');
  });

  it("says why a body is not JSON", () => {
    const t = registryTask({ format: { type: "json_schema" } });
    const [m] = withSchemas(t, [framed(8, bytes("{oops"))], { 8: { schemaType: "JSON", schema: "{}" } });
    expect(processMessage(t, m as never, 0)).toMatchObject({
      reason: expect.stringMatching(/^the body does not decode as json_schema with schema 8: invalid JSON: /),
    });
  });
});

describe("registry-encoded keys", () => {
  const KEY = { type: "record", name: "Key", fields: [{ name: "id", type: "long" }] };

  it("decode to the key's text for document IDs (a one-field record gives its field)", () => {
    const t = registryTask({ format: { type: "avro" }, keyFormat: { type: "avro" } }, { sink: { documentId: { type: "kafka_key" } } });
    const [m] = withSchemas(t, [framed(1, avroBody(USER, { name: "ann" }), { key: frame(2, avroBody(KEY, { id: 9007199254740993n })) })], {
      1: AVRO_USER,
      2: { schema: JSON.stringify(KEY) },
    });
    expect(expectWrite(processMessage(t, m as never, 0))[0]).toMatchObject({ op: "index", id: "9007199254740993" });
  });

  it("fail at parse naming the key", () => {
    const t = registryTask({ format: { type: "json" }, keyFormat: { type: "avro" } });
    expect(processMessage(t, message({ a: 1 }, { key: "plain" }), 0)).toEqual({
      kind: "failed",
      stage: "parse",
      reason: "key: no magic byte: schema-registry framing starts with a 0 byte, it starts with 0x70",
    });
  });
});

describe("resolving schema ids at the edge", () => {
  it("asks the lookup once per id the task has not compiled, and again for one it did not know", async () => {
    const t = registryTask({ format: { type: "avro" } });
    const lookup = vi.fn(async (id: number) => (id === 1 ? AVRO_USER : null));
    const batch = [framed(1, avroBody(USER, { name: "a" })), framed(1, avroBody(USER, { name: "b" })), framed(5, new Uint8Array()), message("not framed")];
    expect(schemaIdsNeeded(t, batch)).toEqual([1, 5]);
    await resolveSchemas(t, batch, lookup);
    expect(lookup.mock.calls.map((c) => c[0])).toEqual([1, 5]);
    expect(onlyDoc(processMessage(t, batch[1] as never, 0))).toEqual({ name: "b" });
    expect(schemaIdsNeeded(t, batch)).toEqual([5]);
  });

  it("rejects when the registry does not answer, and leaves nothing compiled", async () => {
    const t = registryTask({ format: { type: "avro" } });
    const batch = [framed(1, avroBody(USER, { name: "a" }))];
    await expect(resolveSchemas(t, batch, async () => Promise.reject(new Error("ECONNREFUSED")))).rejects.toThrow("ECONNREFUSED");
    expect(schemaIdsNeeded(t, batch)).toEqual([1]);
  });
});

describe("config", () => {
  it("takes the registry formats with defaults, and refuses them in a parse rule", () => {
    const ok = safeCompileTask(config({ parse: { format: { type: "avro" } } }));
    expect(ok.ok && ok.task.config.parse.format).toEqual({ type: "avro", timestamps: "iso", decimals: "string", unions: "plain" });
    const bad = safeCompileTask(config({ rules: [{ type: "parse", field: "payload", format: { type: "protobuf" }, to: "p" }] as never }));
    expect(bad).toMatchObject({ ok: false, issues: [{ field: "rules.0.format.type", message: expect.stringContaining("use it as the task's parse format") }] });
    expect(rulesDocumentIssues({ version: 1, parse: { format: { type: "avro" } }, rules: [] } as never)).toEqual([]);
    const wrongOption = safeCompileTask(config({ parse: { format: { type: "avro", timestamps: "seconds" } as never } }));
    expect(wrongOption).toMatchObject({ ok: false, issues: [{ field: "parse.format.timestamps" }] });
  });
});
