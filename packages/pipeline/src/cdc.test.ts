import { mapStrings, plainReason } from "@outflow/schemas/reason-values";
import { describe, expect, it } from "vitest";
import { type CdcFormat, decodeCdc } from "./cdc";
import { processMessage } from "./process-message";
import { compiled, message } from "./test-fixtures";

const row = { id: 1, name: "Ada" };
const old = { id: 1, name: "Ad" };

describe("Debezium", () => {
  it.each([
    ["c", { op: "c", before: null, after: row }, [{ op: "upsert", row }]],
    ["r (snapshot)", { op: "r", before: null, after: row }, [{ op: "upsert", row }]],
    ["u", { op: "u", before: old, after: row }, [{ op: "upsert", row }]],
    ["d", { op: "d", before: row, after: null }, [{ op: "delete", row }]],
    ["c under payload (JSON converter with schemas)", { schema: { type: "struct" }, payload: { op: "c", after: row } }, [{ op: "upsert", row }]],
    ["d under payload", { schema: {}, payload: { op: "d", before: row } }, [{ op: "delete", row }]],
  ])("%s", (_, value, changes) => {
    expect(mapStrings(decodeCdc("debezium", value), plainReason)).toEqual({ ok: true, changes });
  });

  it("a row field named payload is not mistaken for the envelope", () => {
    const value = { op: "c", after: { id: 1, payload: "x" }, payload: { text: "hello" } };
    expect(mapStrings(decodeCdc("debezium", value), plainReason)).toEqual({ ok: true, changes: [{ op: "upsert", row: { id: 1, payload: "x" } }] });
  });

  it.each([
    ["t", "truncate"],
    ["m", "message"],
  ])("skips op %s (%s)", (op, what) => {
    const r = decodeCdc("debezium", { op, before: null, after: null });
    expect(r).toEqual({ ok: true, changes: [], skipped: expect.stringContaining(what) });
  });

  it.each([
    [{ before: null, after: row }, 'field "op" is missing'],
    [{ op: 1, after: row }, 'field "op" is missing'],
    [{ payload: null }, 'field "op" is missing'],
    [{ op: "c", after: null }, 'Debezium "c" event has no "after" row'],
    [{ op: "u" }, 'Debezium "u" event has no "after" row'],
    [{ op: "c", after: [row] }, 'Debezium "c" event has no "after" row'],
    [{ op: "d", before: null }, 'Debezium "d" event has no "before" row'],
    [{ op: "x", after: row }, 'unknown Debezium op "x"'],
  ])("fails %j with a reason", (value, reason) => {
    expect(mapStrings(decodeCdc("debezium", value), plainReason)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe("Canal", () => {
  it.each([
    ["INSERT", "upsert"],
    ["UPDATE", "upsert"],
    ["DELETE", "delete"],
    ["insert", "upsert"],
    ["delete", "delete"],
  ])("%s with several rows → one %s per row", (type, op) => {
    const rows = [row, { id: 2, name: "Bob" }];
    const r = decodeCdc("canal", { type, isDdl: false, data: rows, old: null, table: "users" });
    expect(r).toEqual({ ok: true, changes: rows.map((x) => ({ op, row: x })) });
  });

  it.each([
    [{ type: "ALTER", isDdl: true, data: null, sql: "alter table users add x int" }],
    [{ type: "CREATE", isDdl: true }],
    [{ type: "TRUNCATE", isDdl: false }],
    [{ type: "QUERY", isDdl: false }],
    [{ type: "INSERT", isDdl: true, data: [row] }],
  ])("skips DDL and non-row events: %j", (value) => {
    expect(decodeCdc("canal", value)).toEqual({ ok: true, changes: [], skipped: expect.stringContaining("carries no row change") });
  });

  it.each([
    [{ data: [row] }, 'field "type" is missing'],
    [{ type: "INSERT" }, 'no "data" array'],
    [{ type: "INSERT", data: row }, 'no "data" array'],
    [{ type: "INSERT", data: [row, 1] }, 'no "data" array'],
    [{ type: "DELETE", data: null }, 'no "data" array'],
  ])("fails %j with a reason", (value, reason) => {
    expect(decodeCdc("canal", value)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it("an empty data array carries no rows", () => {
    expect(decodeCdc("canal", { type: "INSERT", data: [] })).toEqual({ ok: true, changes: [] });
  });
});

describe("Maxwell", () => {
  it.each([
    ["insert", "upsert"],
    ["update", "upsert"],
    ["bootstrap-insert", "upsert"],
    ["delete", "delete"],
    ["INSERT", "upsert"],
  ])("%s → %s", (type, op) => {
    expect(decodeCdc("maxwell", { database: "db", table: "users", type, data: row, old: {} })).toEqual({ ok: true, changes: [{ op, row }] });
  });

  it.each(["table-create", "database-drop", "bootstrap-start", "bootstrap-complete", "ddl"])("skips %s", (type) => {
    expect(decodeCdc("maxwell", { type, sql: "..." })).toEqual({ ok: true, changes: [], skipped: expect.stringContaining(type) });
  });

  it.each([
    [{ data: row }, 'field "type" is missing'],
    [{ type: "insert" }, 'no "data" object'],
    [{ type: "insert", data: [row] }, 'no "data" object'],
    [{ type: "delete", data: null }, 'no "data" object'],
  ])("fails %j with a reason", (value, reason) => {
    expect(decodeCdc("maxwell", value)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});

describe("CDC through processMessage", () => {
  const task = (format: CdcFormat, primaryKey = ["id"], delimiter?: string) =>
    compiled({ sink: { index: "users", cdc: { format, primaryKey, ...(delimiter === undefined ? {} : { delimiter }) } } });

  it("upserts by primary key and deletes by the old row's key", () => {
    const t = task("debezium");
    expect(processMessage(t, message({ payload: { op: "u", before: old, after: row } }), 0)).toEqual({
      kind: "write",
      actions: [{ op: "index", index: "users", id: "1", doc: row }],
    });
    expect(processMessage(t, message({ op: "d", before: row, after: null }), 0)).toEqual({
      kind: "write",
      actions: [{ op: "delete", index: "users", id: "1" }],
    });
  });

  it("writes every row of a Canal batch in order, with composite keys", () => {
    const t = task("canal", ["tenant", "id"], "/");
    const data = [
      { tenant: "a", id: 1 },
      { tenant: "b", id: 2 },
    ];
    expect(processMessage(t, message({ type: "DELETE", data }), 0)).toEqual({
      kind: "write",
      actions: [
        { op: "delete", index: "users", id: "a/1" },
        { op: "delete", index: "users", id: "b/2" },
      ],
    });
  });

  it("updates with doc_as_upsert in incremental mode, deletes stay deletes", () => {
    const t = compiled({ sink: { index: "users", writeMode: "incremental", cdc: { format: "maxwell", primaryKey: ["id"] } } });
    expect(processMessage(t, message({ type: "update", data: row }), 0)).toEqual({
      kind: "write",
      actions: [{ op: "update", index: "users", id: "1", doc: row }],
    });
    expect(processMessage(t, message({ type: "delete", data: row }), 0)).toEqual({
      kind: "write",
      actions: [{ op: "delete", index: "users", id: "1" }],
    });
  });

  it("filters DDL, truncate and other rowless events", () => {
    expect(processMessage(task("canal"), message({ type: "ALTER", isDdl: true }), 0)).toEqual({ kind: "filtered", reason: expect.stringContaining("ALTER") });
    expect(processMessage(task("debezium"), message({ op: "t" }), 0)).toEqual({ kind: "filtered", reason: expect.stringContaining("truncate") });
    expect(processMessage(task("maxwell"), message({ type: "table-create" }), 0)).toEqual({
      kind: "filtered",
      reason: expect.stringContaining("table-create"),
    });
    expect(processMessage(task("canal"), message({ type: "INSERT", data: [] }), 0)).toEqual({ kind: "filtered", reason: "change event has no rows" });
  });

  it("fails a row without its primary key at the route stage", () => {
    const r = processMessage(task("canal", ["id"]), message({ type: "INSERT", data: [row, { name: "no id" }] }), 0);
    expect(r).toEqual({ kind: "failed", stage: "route", reason: "primary key field id is missing" });
  });

  it("fails a message that is not a change event at the parse stage", () => {
    expect(processMessage(task("debezium"), message({ id: 1 }), 0)).toEqual({
      kind: "failed",
      stage: "parse",
      reason: expect.stringContaining("not a Debezium change event"),
    });
  });

  it("skips tombstones by default (Debezium writes one after each delete)", () => {
    expect(processMessage(task("debezium"), message(null, { key: '{"id":1}' }), 0)).toEqual({ kind: "filtered", reason: expect.stringContaining("tombstone") });
  });

  it("applies rules to each row, and a filter rule may drop some rows of a batch", () => {
    const t = compiled({
      sink: { index: "users", cdc: { format: "canal", primaryKey: ["id"] } },
      rules: [
        { type: "filter", action: "drop", conditions: [{ field: "name", op: "equals", value: "Bob" }] },
        { type: "uppercase", field: "name" },
      ],
    });
    const data = [row, { id: 2, name: "Bob" }];
    expect(processMessage(t, message({ type: "INSERT", data }), 0)).toEqual({
      kind: "write",
      actions: [{ op: "index", index: "users", id: "1", doc: { id: 1, name: "ADA" } }],
    });
    const allBob = processMessage(t, message({ type: "INSERT", data: [{ id: 2, name: "Bob" }] }), 0);
    expect(allBob).toEqual({ kind: "filtered", reason: expect.stringContaining("rule 1 (filter)") });
  });
});
