import { plainReason } from "@outflow/schemas/reason-values";
import { DATE_SPLIT_FORMATS, Sink } from "@outflow/schemas/task-config";
import { describe, expect, it } from "vitest";
import { IssueList } from "./compile-issues";
import { compileRouter, type Routed, type Router } from "./route";
import { bytes, message } from "./test-fixtures";

type SinkInput = Record<string, unknown>;

function router(sink: SinkInput): Router {
  const issues = new IssueList();
  const r = compileRouter(Sink.parse({ connectionId: "es", index: "logs", ...sink }), issues);
  if (!r) {
    throw new Error(JSON.stringify(issues.items));
  }
  expect(issues.items).toEqual([]);
  return r;
}

function issuesOf(sink: SinkInput) {
  const issues = new IssueList();
  const r = compileRouter(Sink.parse({ connectionId: "es", index: "logs", ...sink }), issues);
  expect(r).toBeUndefined();
  return issues.items.map(({ field, message }) => ({ field, message }));
}

const route = (r: Router, record: Record<string, unknown>, over: Parameters<typeof message>[1] = {}, ordinal = 0, count = 1): Routed =>
  r.route({ record, message: message(record, over), ordinal, count });

const ok = (index: string, id?: string): Routed => ({ ok: true, index, id });

describe("index name", () => {
  it("is the fixed name, or the template rendered from the record", () => {
    expect(route(router({ index: "logs" }), { app: "x" })).toEqual(ok("logs"));
    expect(route(router({ index: "logs-{$.app}" }), { app: "shop" })).toEqual(ok("logs-shop"));
    expect(route(router({ index: "{env}-{$.app}" }), { app: "shop", env: "prod" })).toEqual(ok("prod-shop"));
  });

  it.each([
    [{ app: "Shop" }, "must be lowercase"],
    [{ app: "a b" }, "must not contain a space"],
    [{ app: "a/b" }, "must not contain '/'"],
    [{}, "index name: field $.app is missing"],
    [{ app: { x: 1 } }, "index name: field $.app is an object"],
    [{ app: "x".repeat(300) }, "longer than 255 bytes"],
  ])("fails a message whose field makes a bad name: %j", (record, reason) => {
    const r = route(router({ index: "logs-{$.app}" }), record);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : plainReason(r.reason)).toContain(reason);
  });

  it("fails a template that renders to a name starting with '_'", () => {
    const r = route(router({ index: "{app}" }), { app: "_x" });
    expect(r).toEqual({ ok: false, reason: expect.stringContaining("must not start with") });
  });

  it.each([
    ["Logs", "must be lowercase"],
    ["Logs-{app}", "must be lowercase"],
    ["logs-{app", "unclosed '{'"],
    ["logs/{app}", "must not contain '/'"],
    ["logs {app}", "must not contain a space"],
    ["logs#", "must not contain '#'"],
    ["_logs", "must not start with"],
    ["-{app}", "must not start with"],
    [".", 'must not be "."'],
  ])("reports a bad index %j on sink.index", (index, reason) => {
    const issues = issuesOf({ index });
    expect(issues).toEqual([{ field: "sink.index", message: expect.stringContaining(reason) }]);
  });
});

describe("date split", () => {
  // 2024-03-05T17:30:00Z: still the 5th in UTC and New York, already the 6th (01:30) in Shanghai.
  const ts = String(Date.UTC(2024, 2, 5, 17, 30));
  const kafkaSplit = (format: string, timeZone: string) => router({ dateSplit: { format, source: { type: "kafka_timestamp" }, timeZone } });

  it.each([
    ["yyyyMMdd", "logs_20240306"],
    ["yyyy-MM-dd", "logs_2024-03-06"],
    ["yyyy.MM.dd", "logs_2024.03.06"],
    ["yyyyMM", "logs_202403"],
    ["yyyy-MM", "logs_2024-03"],
    ["yyyy.MM", "logs_2024.03"],
    ["yyyy", "logs_2024"],
    ["yyyyMMddHH", "logs_2024030601"],
    ["yyyy-MM-dd-HH", "logs_2024-03-06-01"],
    ["yyyy.MM.dd.HH", "logs_2024.03.06.01"],
  ])("%s from the Kafka timestamp in Asia/Shanghai → %s", (format, expected) => {
    expect(route(kafkaSplit(format, "Asia/Shanghai"), {}, { timestamp: ts })).toEqual(ok(expected));
  });

  it("covers every allowed split format", () => {
    expect(DATE_SPLIT_FORMATS).toHaveLength(10);
  });

  it.each([
    ["UTC", "logs_20240305"],
    ["+08:00", "logs_20240306"],
    ["America/New_York", "logs_20240305"],
    ["-12:00", "logs_20240305"],
    ["+14:00", "logs_20240306"],
  ])("the Kafka timestamp is split in zone %s", (timeZone, expected) => {
    expect(route(kafkaSplit("yyyyMMdd", timeZone), {}, { timestamp: ts })).toEqual(ok(expected));
  });

  it("splits by a date field in its format, read in the zone", () => {
    const r = router({
      index: "logs-{app}",
      dateSplit: { format: "yyyy.MM.dd", source: { type: "field", field: "$.at", format: "yyyy-MM-dd HH:mm:ss" }, timeZone: "Asia/Shanghai" },
    });
    expect(route(r, { app: "shop", at: "2024-03-05 23:30:00" })).toEqual(ok("logs-shop_2024.03.05"));
    expect(route(r, { app: "shop", at: "2024-03-05 23:30:00" }, { timestamp: "0" })).toEqual(ok("logs-shop_2024.03.05"));
  });

  it("splits by an ISO field with an offset in another zone", () => {
    const r = router({ dateSplit: { format: "yyyy-MM-dd", source: { type: "field", field: "at" }, timeZone: "UTC" } });
    expect(route(r, { at: "2024-03-06T01:30:00+08:00" })).toEqual(ok("logs_2024-03-05"));
    expect(route(r, { at: "2024-03-06" })).toEqual(ok("logs_2024-03-06"));
  });

  it("splits by an epoch field", () => {
    const r = router({ dateSplit: { format: "yyyyMMddHH", source: { type: "field", field: "ts", format: "epoch_millis" }, timeZone: "UTC" } });
    expect(route(r, { ts: Date.UTC(2024, 2, 5, 17, 30) })).toEqual(ok("logs_2024030517"));
    expect(route(r, { ts: String(Date.UTC(2024, 2, 5, 17, 30)) })).toEqual(ok("logs_2024030517"));
  });

  it.each([
    [{}, "date field at is missing"],
    [{ at: null }, "date field at is missing"],
    [{ at: "yesterday" }, 'date field at: "yesterday" is not an ISO-8601 date'],
    [{ at: "2024-02-30" }, "date field at: "],
    [{ at: 1709622489045 }, "date field at: expected an ISO-8601 date string"],
  ])("fails a message whose date field is unusable: %j", (record, reason) => {
    const r = route(router({ dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "at" }, timeZone: "UTC" } }), record);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : plainReason(r.reason)).toContain(reason);
  });

  it.each(["not-a-number", "", "9e15"])("fails (does not throw) on a Kafka timestamp %j that is not a usable instant", (timestamp) => {
    const r = route(kafkaSplit("yyyyMMdd", "Asia/Shanghai"), {}, { timestamp });
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toContain("timestamp");
  });

  it.each([
    [{ format: "yyyyMMdd", source: { type: "kafka_timestamp" }, timeZone: "Mars/Olympus" }, "sink.dateSplit.timeZone", "unknown time zone"],
    [{ format: "yyyyMMdd", source: { type: "kafka_timestamp" }, timeZone: "+25:00" }, "sink.dateSplit.timeZone", "out of range"],
    [{ format: "yyyyMMdd", source: { type: "field", field: "a..b" } }, "sink.dateSplit.source.field", "expected a field name"],
    [{ format: "yyyyMMdd", source: { type: "field", field: "at", format: "yyyy-QQ" } }, "sink.dateSplit.source.format", "unsupported letter 'Q'"],
    [{ format: "yyyyMMdd", source: { type: "field", field: "at", format: "MM-dd" } }, "sink.dateSplit.source.format", "has no year"],
  ])("reports a bad date split %j on %s", (dateSplit, field, reason) => {
    expect(issuesOf({ dateSplit })).toEqual([{ field, message: expect.stringContaining(reason) }]);
  });
});

describe("document IDs", () => {
  it("auto: Elasticsearch makes the ID", () => {
    const r = router({ documentId: { type: "auto" } });
    expect(r.hasIds).toBe(false);
    expect(route(r, { id: 1 })).toEqual(ok("logs", undefined));
  });

  it.each([
    [["id"], "_", { id: 7 }, "7"],
    [["id"], "_", { id: "a-1" }, "a-1"],
    [["id"], "_", { id: true }, "true"],
    [["$.tenant", "$.id"], "_", { tenant: "t1", id: 7 }, "t1_7"],
    [["tenant", "id"], "|", { tenant: "t1", id: 7 }, "t1|7"],
    [["tenant", "id"], "", { tenant: "t1", id: 7 }, "t17"],
    [["a.b", "c[0]"], "-", { a: { b: "x" }, c: [5] }, "x-5"],
    [["id"], "_", { id: 0 }, "0"],
  ])("fields %j joined by %j from %j → %s", (fields, delimiter, record, id) => {
    const r = router({ documentId: { type: "fields", fields, delimiter } });
    expect(r.hasIds).toBe(true);
    expect(route(r, record)).toEqual(ok("logs", id));
  });

  it.each([
    [{ tenant: "t1" }, "document ID field id is missing"],
    [{ tenant: "t1", id: null }, "document ID field id is missing"],
    [{ tenant: "t1", id: "" }, "document ID field id is missing"],
    [{ id: 1 }, "document ID field tenant is missing"],
    [{ tenant: "t1", id: { x: 1 } }, "document ID field id is an object, not a value"],
    [{ tenant: "t1", id: [1] }, "document ID field id is an array, not a value"],
    [{ tenant: "t", id: "x".repeat(600) }, "Elasticsearch allows 512"],
    [{ tenant: "t", id: "日".repeat(171) }, "bytes; Elasticsearch allows 512"],
  ])("fails a message without a usable ID field: %j", (record, reason) => {
    const r = route(router({ documentId: { type: "fields", fields: ["tenant", "id"] } }), record);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : plainReason(r.reason)).toContain(reason);
  });

  it("kafka_key: the key as text", () => {
    const r = router({ documentId: { type: "kafka_key" } });
    expect(route(r, {}, { key: "user-1" })).toEqual(ok("logs", "user-1"));
    expect(route(r, {}, { key: bytes("ключ") })).toEqual(ok("logs", "ключ"));
    for (const key of [null, ""]) {
      expect(route(r, {}, { key })).toEqual({ ok: false, reason: "message has no key for the document ID" });
    }
    expect(route(r, {}, { key: "k".repeat(513) })).toEqual({ ok: false, reason: expect.stringContaining("513 bytes") });
  });

  it("kafka_coordinates: topic-partition-offset, plus the row number when a message has several rows", () => {
    const r = router({ documentId: { type: "kafka_coordinates" } });
    expect(route(r, {}, { topic: "orders", partition: 3, offset: "42" })).toEqual(ok("logs", "orders-3-42"));
    expect(route(r, {}, { topic: "orders", partition: 3, offset: "9223372036854775807" })).toEqual(ok("logs", "orders-3-9223372036854775807"));
    expect(route(r, {}, { topic: "orders", partition: 3, offset: "42" }, 1, 2)).toEqual(ok("logs", "orders-3-42-1"));
  });

  it("CDC: the primary key, joined by the CDC delimiter", () => {
    const r = router({ cdc: { format: "debezium", primaryKey: ["tenant", "id"], delimiter: ":" } });
    expect(route(r, { tenant: "t", id: 9 })).toEqual(ok("logs", "t:9"));
    expect(route(r, { tenant: "t" })).toEqual({ ok: false, reason: "primary key field id is missing" });
  });

  it.each([
    [{ documentId: { type: "fields", fields: ["ok", "a..b"] } }, "sink.documentId.fields.1"],
    [{ cdc: { format: "canal", primaryKey: ["$."] } }, "sink.cdc.primaryKey.0"],
    [{ writeMode: "incremental" }, "sink.writeMode"],
  ])("reports %j on %s", (sink, field) => {
    expect(issuesOf(sink)).toEqual([{ field, message: expect.any(String) }]);
  });

  it("incremental writes are fine with any ID source", () => {
    for (const documentId of [{ type: "kafka_key" }, { type: "kafka_coordinates" }, { type: "fields", fields: ["id"] }]) {
      expect(router({ writeMode: "incremental", documentId }).hasIds).toBe(true);
    }
  });
});
