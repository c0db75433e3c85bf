import { createConnection, createServer, type Server, type Socket } from "node:net";
import { avroBody, decimalBytes, protobufBody } from "@outflow/pipeline/formats/registry-test-helpers";
import { frame } from "@outflow/pipeline/formats/registry-wire";
import { sourceText } from "@outflow/testing/elastic";
import { createTopic, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import { headersAsText } from "@outflow/testing/kafka-admin";
import { settledSum } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { freePort, SERVICES, uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Registers a schema under `subject` on the real registry (Apicurio, Confluent-compatible API); its id. */
async function register(
  subject: string,
  schema: string,
  schemaType?: "PROTOBUF" | "JSON",
  references?: { name: string; subject: string; version: number }[],
): Promise<number> {
  const res = await fetch(`${SERVICES.schemaRegistryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: "POST",
    headers: { "Content-Type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schema, ...(schemaType ? { schemaType } : {}), ...(references ? { references } : {}) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: number }).id;
}

const framed = (id: number, body: Uint8Array, indexes?: number[]): Buffer => Buffer.from(frame(id, body, indexes));

const ORDER = {
  type: "record",
  name: "Order",
  namespace: "outflow.it",
  fields: [
    { name: "id", type: "string" },
    { name: "big", type: "long" },
    { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 20, scale: 2 } },
    { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
    { name: "status", type: { type: "enum", name: "Status", symbols: ["NEW", "PAID"] } },
    { name: "note", type: ["null", "string"], default: null },
  ],
};
const AT = Date.UTC(2026, 11, 7, 10, 15, 0, 123);

/** A TCP relay to the registry that a test can cut and restore (the shared registry itself keeps running). */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}
  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
        s.on("error", () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((done) => this.server?.listen(this.port, "127.0.0.1", done));
  }
  async close(): Promise<void> {
    for (const s of this.sockets) {
      s.destroy();
    }
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
    this.server = null;
  }
}

/** avro, protobuf and json_schema tasks on the real registry, Kafka and Elasticsearch. */
describe.concurrent("registry formats", () => {
  const suite = new OutflowSuite("it-reg");
  let kafkaId = "";
  beforeAll(async () => {
    await suite.start();
    const registry = await suite.api.post<{ id: string }>("/api/connections", {
      kind: "schema_registry",
      name: uniqueName("registry"),
      urls: [SERVICES.schemaRegistryUrl],
      auth: { type: "none" },
    });
    kafkaId = (
      await suite.api.post<{ id: string }>("/api/connections", {
        kind: "kafka",
        name: uniqueName("kafka-sr"),
        brokers: SERVICES.kafkaBrokers,
        schemaRegistryId: registry.id,
      })
    ).id;
  });
  afterAll(suite.stop);

  const source = () => ({ connectionId: kafkaId });

  it("avro end to end: documents exact (a decimal, a long past 2^53), ISO timestamps, enums by name, plain unions, the key as document ID", async () => {
    const { topic, index } = await suite.freshTopic();
    const subject = `${topic}-value`;
    const id = await register(subject, JSON.stringify(ORDER));
    const keyId = await register(`${topic}-key`, JSON.stringify({ type: "record", name: "Key", fields: [{ name: "id", type: "long" }] }));
    const order = (n: bigint, note: string | null) =>
      framed(
        id,
        avroBody(ORDER, {
          id: `o-${n}`,
          big: 9007199254740993n + n,
          amount: decimalBytes(1234567890123456789n + n),
          at: AT,
          status: "PAID",
          note: note === null ? null : { string: note },
        }),
      );
    const key = (n: bigint) => framed(keyId, avroBody({ type: "record", name: "Key", fields: [{ name: "id", type: "long" }] }, { id: 9007199254740993n + n }));
    await produce(topic, [
      { key: key(0n), value: order(0n, "ring twice") },
      { key: key(1n), value: order(1n, null) },
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro" }, keyFormat: { type: "avro" } },
      sink: { documentId: { type: "kafka_key" } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 2);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 2, messagesWritten: 2, failed: 0, discarded: 0 });
    expect(await sourceText(index, "9007199254740993")).toBe(
      '{"id":"o-0","big":9007199254740993,"amount":"12345678901234567.89","at":"2026-12-07T10:15:00.123Z","status":"PAID","note":"ring twice"}',
    );
    expect(await sourceText(index, "9007199254740994")).toBe(
      '{"id":"o-1","big":9007199254740994,"amount":"12345678901234567.90","at":"2026-12-07T10:15:00.123Z","status":"PAID","note":null}',
    );
  });

  it("avro with a schema reference: the referenced subject's types are fetched with the schema", async () => {
    const { topic, index } = await suite.freshTopic();
    const card = { type: "record", name: "Card", namespace: "outflow.it", fields: [{ name: "last4", type: "string" }] };
    const pay = {
      type: "record",
      name: "Pay",
      namespace: "outflow.it",
      fields: [
        { name: "id", type: "string" },
        { name: "card", type: "outflow.it.Card" },
      ],
    };
    const cardSubject = `${topic}-card`;
    await register(cardSubject, JSON.stringify(card));
    const id = await register(`${topic}-value`, JSON.stringify(pay), undefined, [{ name: "outflow.it.Card", subject: cardSubject, version: 1 }]);
    const body = avroBody({ ...pay, fields: [pay.fields[0], { name: "card", type: card }] }, { id: "p1", card: { last4: "4242" } });
    await produce(topic, [{ value: framed(id, body) }]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 1);
    expect(done.metrics.totals).toMatchObject({ messagesWritten: 1, failed: 0, discarded: 0 });
    expect(await sourceText(index, "p1")).toBe('{"id":"p1","card":{"last4":"4242"}}');
  });

  it("avro decimals as exact numbers and timestamps as epoch milliseconds when asked", async () => {
    const { topic, index } = await suite.freshTopic();
    const id = await register(`${topic}-value`, JSON.stringify(ORDER));
    await produce(topic, [{ value: framed(id, avroBody(ORDER, { id: "o", big: 1n, amount: decimalBytes(-1050n), at: AT, status: "NEW", note: null })) }]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro", decimals: "number", timestamps: "epoch_millis" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 1);
    expect(await sourceText(index, "o")).toBe(`{"id":"o","big":1,"amount":-10.50,"at":${AT},"status":"NEW","note":null}`);
  });

  it("a topic whose schema evolves mid-stream: each message decodes by its own schema id", async () => {
    const { topic, index } = await suite.freshTopic();
    const v1 = { type: "record", name: "User", fields: [{ name: "id", type: "string" }] };
    const v2 = {
      type: "record",
      name: "User",
      fields: [
        { name: "id", type: "string" },
        { name: "age", type: "int", default: 0 },
      ],
    };
    const id1 = await register(`${topic}-value`, JSON.stringify(v1));
    const id2 = await register(`${topic}-value`, JSON.stringify(v2));
    expect(id2).not.toBe(id1);
    await produce(topic, [
      { value: framed(id1, avroBody(v1, { id: "a" })) },
      { value: framed(id2, avroBody(v2, { id: "b", age: 41 })) },
      { value: framed(id1, avroBody(v1, { id: "c" })) },
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(await suite.docsById(index)).toEqual({ a: { id: "a" }, b: { id: "b", age: 41 }, c: { id: "c" } });
  });

  it("protobuf: the message indexes pick the type; 64-bit integers exact, enums by name", async () => {
    const { topic, index } = await suite.freshTopic();
    const proto = `syntax = "proto3";
package it;
message Ping { string text = 1; }
message Order { string id = 1; int64 big = 2; Status status = 3; oneof pay { string card = 4; int32 cash = 5; } }
enum Status { NEW = 0; PAID = 1; }
`;
    const id = await register(`${topic}-value`, proto, "PROTOBUF");
    await produce(topic, [
      { value: framed(id, protobufBody(proto, "it.Order", { id: "p1", big: "9007199254740993", status: "PAID", card: "4242" }), [1]) },
      { value: framed(id, protobufBody(proto, "it.Ping", { text: "hi" }), [0]) },
    ]);
    const task = await suite.outflow.run({ topics: [topic], index, source: source(), parse: { format: { type: "protobuf" } } });
    await suite.outflow.waitForMessagesIn(task.id, 2);
    const docs = Object.values(await suite.docsById(index));
    expect(docs).toContainEqual({ text: "hi" });
    const hit = (await suite.es.search({ index, query: { term: { id: "p1" } } })).hits.hits[0];
    expect(await sourceText(index, hit?._id as string)).toBe('{"id":"p1","big":9007199254740993,"status":"PAID","card":"4242"}');
  });

  it("json_schema: JSON after the registry's header", async () => {
    const { topic, index } = await suite.freshTopic();
    const id = await register(`${topic}-value`, JSON.stringify({ type: "object", properties: { id: { type: "string" } } }), "JSON");
    await produce(topic, [{ value: framed(id, new TextEncoder().encode('{"id":"j1","n":10.50}')) }]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "json_schema" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
    });
    await suite.outflow.waitForMessagesIn(task.id, 1);
    expect(await sourceText(index, "j1")).toBe('{"id":"j1","n":10.50}');
  });

  it("Debezium CDC on Avro envelopes: create, update, delete by the primary key, BIGINT and DECIMAL exact, tombstones skipped", async () => {
    const { topic, index } = await suite.freshTopic();
    const value = {
      type: "record",
      name: "Value",
      namespace: "db.shop.accounts",
      fields: [
        { name: "id", type: { type: "long", "connect.name": "long" } },
        { name: "balance", type: { type: "bytes", scale: 2, precision: 20, "connect.name": "org.apache.kafka.connect.data.Decimal", logicalType: "decimal" } },
      ],
    };
    const envelope = {
      type: "record",
      name: "Envelope",
      namespace: "db.shop.accounts",
      fields: [
        { name: "before", type: ["null", value], default: null },
        { name: "after", type: ["null", "db.shop.accounts.Value"], default: null },
        { name: "op", type: "string" },
      ],
    };
    const keySchema = { type: "record", name: "Key", namespace: "db.shop.accounts", fields: [{ name: "id", type: "long" }] };
    const id = await register(`${topic}-value`, JSON.stringify(envelope));
    const keyId = await register(`${topic}-key`, JSON.stringify(keySchema));
    const row = (n: bigint, cents: bigint) => ({ "db.shop.accounts.Value": { id: n, balance: decimalBytes(cents) } });
    const ev = (op: string, before: object | null, after: object | null) => framed(id, avroBody(envelope, { before, after, op }));
    const key = (n: bigint) => framed(keyId, avroBody(keySchema, { id: n }));
    const [a, b] = [9007199254740993n, 1234567890123456789n];
    await produce(topic, [
      { key: key(a), value: ev("c", null, row(a, 1234567890123456789n)) },
      { key: key(b), value: ev("c", null, row(b, 100n)) },
      { key: key(a), value: ev("u", row(a, 1234567890123456789n), row(a, 1050n)) },
      { key: key(b), value: ev("d", row(b, 100n), null) },
      { key: key(b), value: null },
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro" }, keyFormat: { type: "avro" } },
      sink: { cdc: { format: "debezium", primaryKey: ["$.id"] } },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 5);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 5, failed: 0, discarded: 0, filtered: 1 });
    expect(await sourceText(index, "9007199254740993")).toBe('{"id":9007199254740993,"balance":"10.50"}');
    expect(await sourceText(index, "1234567890123456789")).toBeNull();
  });

  it("the preview and the dry run decode through the Kafka connection's registry", async () => {
    const { topic, index } = await suite.freshTopic();
    const user = {
      type: "record",
      name: "User",
      fields: [
        { name: "id", type: "string" },
        { name: "big", type: "long" },
      ],
    };
    const id = await register(`${topic}-value`, JSON.stringify(user));
    await produce(topic, [{ value: framed(id, avroBody(user, { id: "u1", big: 9007199254740993n })) }, { value: "plain" }]);
    const config = suite.outflow.config({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    });
    const preview = await suite.api.post<{ rows: { result: { kind: string; reason?: string }; bulk: string }[] }>("/api/preview", { config, limit: 5 });
    expect(preview.rows.map((r) => r.result.kind)).toEqual(["write", "failed"]);
    expect(preview.rows[0]?.bulk).toContain('{"id":"u1","big":9007199254740993}');
    expect(preview.rows[1]?.result.reason).toMatch(/^no magic byte/);
    const dry = await suite.api.post<{ read: number; wouldWrite: number; failed: number; groups: { stage: string | null; reason: string }[] }>(
      "/api/preview/dry-run",
      { config, limit: 2 },
    );
    expect(dry).toMatchObject({ read: 2, wouldWrite: 1, failed: 1 });
    expect(dry.groups[0]).toMatchObject({ stage: "parse", reason: expect.stringMatching(/^no magic byte/) });
  });

  it("a schema id through the Kafka connection: where it is registered and the schema with its references (the wizard proposes types and fields from it); an unknown id: neither", async () => {
    const { topic } = await suite.freshTopic();
    const card = { type: "record", name: "Card", namespace: "outflow.it", fields: [{ name: "last4", type: "string" }] };
    const pay = { type: "record", name: "Pay", namespace: "outflow.it", fields: [{ name: "card", type: "outflow.it.Card" }] };
    await register(`${topic}-card`, JSON.stringify(card));
    const id = await register(`${topic}-value`, JSON.stringify(pay), undefined, [{ name: "outflow.it.Card", subject: `${topic}-card`, version: 1 }]);
    type Answer = {
      id: number;
      items: { subject: string; version: number }[];
      schema: { schemaType?: string; schema: string; references?: { name: string; schema: string }[] } | null;
    };
    const found = await suite.api.get<Answer>(`/api/connections/${kafkaId}/schemas/${id}`);
    expect(found).toMatchObject({ id, items: [{ subject: `${topic}-value`, version: 1 }] });
    expect(JSON.parse(found.schema?.schema ?? "null")).toEqual(pay);
    expect(found.schema?.references?.map((r) => ({ name: r.name, schema: JSON.parse(r.schema) }))).toEqual([{ name: "outflow.it.Card", schema: card }]);
    expect(await suite.api.get<Answer>(`/api/connections/${kafkaId}/schemas/987654321`)).toEqual({ id: 987654321, items: [], schema: null });
  });

  /** Good avro messages around a plain JSON one (no magic byte) and one naming an id the registry does not have. */
  async function poisonTopic(): Promise<{ topic: string; index: string; messages: TestMessage[] }> {
    const { topic, index } = await suite.freshTopic();
    const user = { type: "record", name: "User", fields: [{ name: "id", type: "string" }] };
    const id = await register(`${topic}-value`, JSON.stringify(user));
    const messages: TestMessage[] = [
      { value: framed(id, avroBody(user, { id: "g0" })) },
      { value: '{"id":"plain json"}' },
      { value: framed(2_000_000_000, avroBody(user, { id: "lost" })) },
      { value: framed(id, avroBody(user, { id: "g3" })) },
    ];
    await produce(topic, messages);
    return { topic, index, messages };
  }
  const REASONS = [
    "no magic byte: schema-registry framing starts with a 0 byte, it starts with 0x7b",
    "unknown schema id 2000000000: the schema registry has no schema with that id",
  ];

  it("poison messages under discard: no magic byte and an unknown id fail at parse with their reasons, the rest is written", async () => {
    const { topic, index } = await poisonTopic();
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 2, discarded: 2 });
    expect(settledSum(done.metrics.totals)).toBe(4);
    expect(Object.keys(await suite.docsById(index)).sort()).toEqual(["g0", "g3"]);
    await suite.outflow.waitForEvent(task.id, "message_discarded");
  });

  it("poison messages under dead_letter: each letter carries stage parse and the reason that says which", async () => {
    const { topic, index, messages } = await poisonTopic();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: source(),
      parse: { format: { type: "avro" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "dead_letter", topic: dlq },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 2, deadLettered: 2 });
    const dead = await readAll(dlq, 2, 30_000);
    expect(dead.map((d) => headersAsText(d.headers ?? {})["outflow.stage"])).toEqual(["parse", "parse"]);
    expect(dead.map((d) => headersAsText(d.headers ?? {})["outflow.reason"])).toEqual(REASONS);
    expect(dead.map((d) => d.value?.equals(Buffer.from(messages[d === dead[0] ? 1 : 2]?.value as string | Buffer)))).toEqual([true, true]);
  });

  it("a registry that stops answering mid-run: the task retries, nothing is discarded, and it resumes when the registry is back", async () => {
    const { topic, index } = await suite.freshTopic();
    const target = new URL(SERVICES.schemaRegistryUrl);
    const relay = new Relay(await freePort(), { host: target.hostname, port: Number(target.port) });
    await relay.open();
    const relayed = `http://127.0.0.1:${relay.port}${target.pathname}`;
    const registry = await suite.api.post<{ id: string }>("/api/connections", {
      kind: "schema_registry",
      name: uniqueName("relay"),
      urls: [relayed],
      auth: { type: "none" },
    });
    const kafka = await suite.api.post<{ id: string }>("/api/connections", {
      kind: "kafka",
      name: uniqueName("k"),
      brokers: SERVICES.kafkaBrokers,
      schemaRegistryId: registry.id,
    });
    const v1 = { type: "record", name: "User", fields: [{ name: "id", type: "string" }] };
    const v2 = {
      type: "record",
      name: "User",
      fields: [
        { name: "id", type: "string" },
        { name: "n", type: "int", default: 0 },
      ],
    };
    const id1 = await register(`${topic}-value`, JSON.stringify(v1));
    await produce(topic, [{ value: framed(id1, avroBody(v1, { id: "before" })) }]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      source: { connectionId: kafka.id },
      parse: { format: { type: "avro" } },
      sink: { documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    });
    await suite.outflow.waitForMessagesIn(task.id, 1);
    // A new schema version the worker has not seen, while its registry is away.
    await relay.close();
    const id2 = await register(`${topic}-value`, JSON.stringify(v2));
    await produce(topic, [{ value: framed(id2, avroBody(v2, { id: "during", n: 2 })) }]);
    const retrying = await suite.outflow.waitForStatus(task.id, "retrying", 60_000);
    expect(retrying.statusReason).toMatch(/Schema registry connection/);
    expect(retrying.metrics.totals).toMatchObject({ messagesIn: 1, discarded: 0 });
    await relay.open();
    const done = await suite.outflow.waitForMessagesIn(task.id, 2, 90_000);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 2, messagesWritten: 2, discarded: 0 });
    expect(await suite.docsById(index)).toEqual({ before: { id: "before" }, during: { id: "during", n: 2 } });
    await suite.outflow.waitForStatus(task.id, "running");
    await relay.close();
  });
});
