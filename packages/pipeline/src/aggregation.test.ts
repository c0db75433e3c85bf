import { plainReason } from "@outflow/schemas/reason-values";
import type { TaskConfigInput } from "@outflow/schemas/task-config";
import { describe, expect, it } from "vitest";
import { type AggregationInput, type AggregationSpec, type CurrentDoc, contributionOf, docKey, planAggregation } from "./aggregation";
import { safeCompileTask } from "./compile";
import { parseJsonExact } from "./exact-number";
import { compiled, config, message } from "./test-fixtures";

type AggConfig = NonNullable<TaskConfigInput["sink"]["aggregation"]>;

function specOf(aggregation: AggConfig, writeMode: "full" | "incremental" = "full"): AggregationSpec {
  const s = compiled({ sink: { index: "agg", aggregation, writeMode } }).aggregation;
  if (!s) {
    throw new Error("no aggregation");
  }
  return s;
}

const legacy = () => specOf({ groupBy: ["$.app", "$.region"], metrics: [{ field: "$.ms", ops: ["sum", "min", "max"] }] });

function inputs(spec: AggregationSpec, records: Record<string, unknown>[], partitionKey = "t/0", firstOffset = 0): AggregationInput[] {
  return records.map((r, i) => {
    const c = contributionOf(spec, r, message(r, { offset: String(firstOffset + i) }));
    if (!c.ok) {
      throw new Error(c.reason);
    }
    return { message: i, partitionKey, offset: String(firstOffset + i), contributions: [{ index: "agg", id: c.id, contribution: c.contribution }] };
  });
}

/** The documents after folding `records` into an empty index, by ID. */
function fold(spec: AggregationSpec, records: Record<string, unknown>[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const w of planAggregation(spec, inputs(spec, records), new Map())) {
    if (w.action.op === "create") {
      out[w.action.id] = w.action.doc;
    }
  }
  return out;
}

/** Stored documents as the next plan reads them back. */
function stored(docs: Record<string, Record<string, unknown>>): Map<string, CurrentDoc> {
  return new Map(Object.entries(docs).map(([id, source]) => [docKey("agg", id), { found: true, source, seqNo: 3, primaryTerm: 1 }]));
}

/** Field and message (the keys and arguments for translation are apps/web's issue-keys test's). */
function issuesOf(aggregation: AggConfig): { field: string; message: string }[] {
  const r = safeCompileTask(config({ sink: { index: "agg", aggregation } }));
  return r.ok ? [] : r.issues.map(({ field, message }) => ({ field, message }));
}

describe("aggregation (the older {field, ops} form)", () => {
  it("counts and sums, min, max per group into new documents created only if absent", () => {
    const writes = planAggregation(
      legacy(),
      inputs(legacy(), [
        { app: "api", region: "eu", ms: 10 },
        { app: "api", region: "eu", ms: 30 },
        { app: "web", region: "us", ms: "5" },
        { app: "api", region: "eu" },
      ]),
      new Map(),
    );
    expect(writes).toHaveLength(2);
    const api = writes.find((w) => w.action.op === "create" && w.action.id === "api_eu");
    expect(api?.action).toEqual({
      op: "create",
      index: "agg",
      id: "api_eu",
      doc: { app: "api", region: "eu", count: 3, ms_sum: 40, ms_min: 10, ms_max: 30, outflow_offsets: [{ partition: "t/0", offset: "3" }] },
    });
    expect(api?.messages).toEqual([0, 1, 3]);
  });

  it("adds to an existing document with optimistic concurrency, and skips offsets it already counted", () => {
    const current = new Map<string, CurrentDoc>([
      [
        docKey("agg", "api_eu"),
        {
          found: true,
          seqNo: 7,
          primaryTerm: 1,
          source: {
            app: "api",
            region: "eu",
            count: 2,
            ms_sum: 3,
            ms_min: 1,
            ms_max: 2,
            outflow_offsets: [
              { partition: "t/0", offset: "1" },
              { partition: "t/1", offset: "9" },
            ],
          },
        },
      ],
    ]);
    // offsets 0 and 1 were counted already (a replay); offset 2 is new
    const writes = planAggregation(
      legacy(),
      inputs(legacy(), [
        { app: "api", region: "eu", ms: 1 },
        { app: "api", region: "eu", ms: 2 },
        { app: "api", region: "eu", ms: 100 },
      ]),
      current,
    );
    expect(writes).toEqual([
      {
        action: {
          op: "index",
          index: "agg",
          id: "api_eu",
          ifSeqNo: 7,
          ifPrimaryTerm: 1,
          doc: {
            app: "api",
            region: "eu",
            count: 3,
            ms_sum: 103,
            ms_min: 1,
            ms_max: 100,
            outflow_offsets: [
              { partition: "t/0", offset: "2" },
              { partition: "t/1", offset: "9" },
            ],
          },
        },
        messages: [2],
      },
    ]);
  });

  it("writes nothing when the whole chunk was counted before", () => {
    const current = new Map<string, CurrentDoc>([
      [
        docKey("agg", "api_eu"),
        { found: true, seqNo: 1, primaryTerm: 1, source: { app: "api", region: "eu", count: 1, outflow_offsets: [{ partition: "t/0", offset: "5" }] } },
      ],
    ]);
    expect(planAggregation(legacy(), inputs(legacy(), [{ app: "api", region: "eu", ms: 1 }], "t/0", 5), current)).toEqual([]);
  });

  it("rejects records without a group value or with a non-numeric metric, with a reason", () => {
    const m = message({});
    expect(contributionOf(legacy(), { region: "eu" }, m)).toEqual({ ok: false, reason: "group field $.app is missing" });
    expect(contributionOf(legacy(), { app: "a", region: "eu", ms: "slow" }, m)).toMatchObject({ ok: false, reason: expect.stringContaining("not a number") });
    expect(contributionOf(legacy(), { app: { x: 1 }, region: "eu" }, m)).toMatchObject({ ok: false });
  });
});

describe("named outputs", () => {
  it("names group fields and metrics with as, and count(*) AS cnt replaces the default count", () => {
    const spec = specOf({
      groupBy: [{ field: "$.svc.name", as: "service" }, "$.region"],
      metrics: [
        { fn: "count", as: "cnt" },
        { fn: "sum", field: "$.bytes", as: "total" },
      ],
    });
    expect(
      fold(spec, [
        { svc: { name: "api" }, region: "eu", bytes: 5 },
        { svc: { name: "api" }, region: "eu", bytes: "7" },
      ]),
    ).toEqual({
      api_eu: { service: "api", region: "eu", cnt: 2, total: 12, outflow_offsets: [{ partition: "t/0", offset: "1" }] },
    });
  });

  it("defaults: count for rows, <field>_<fn> for the others", () => {
    const spec = specOf({
      groupBy: ["app"],
      metrics: [
        { fn: "sum", field: "ms" },
        { fn: "count", field: "user" },
        { fn: "max", field: "$.a.ms" },
      ],
    });
    expect(spec.metrics.map((m) => m.name)).toEqual(["count", "ms_sum", "user_count", "ms_max"]);
  });

  it("checks names against each other, the group fields, the window and Outflow's own, naming the field", () => {
    expect(issuesOf({ groupBy: ["a.app", "b.app"] })).toEqual([{ field: "sink.aggregation.groupBy.1", message: '"app" is already used by a group field' }]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", as: "app" }] })).toEqual([
      { field: "sink.aggregation.metrics.0.as", message: '"app" is already used by a group field' },
    ]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", as: "count" }] })).toEqual([
      { field: "sink.aggregation.metrics.0.as", message: expect.stringContaining('"count" is already used by the row count') },
    ]);
    expect(
      issuesOf({
        groupBy: [{ field: "app", as: "window_start" }],
        window: { size: "1m", time: { type: "kafka_timestamp" } },
      }),
    ).toEqual([{ field: "sink.aggregation.groupBy.0.as", message: '"window_start" is already used by the window start' }]);
    expect(
      issuesOf({
        groupBy: ["app"],
        metrics: [
          { field: "a.ms", ops: ["sum"] },
          { field: "b.ms", ops: ["sum"] },
        ],
      }),
    ).toEqual([{ field: "sink.aggregation.metrics.1.field", message: '"ms_sum" is already used by another metric' }]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", as: "outflow_x" }] })).toEqual([
      { field: "sink.aggregation.metrics.0.as", message: "Names starting with outflow_ are reserved" },
    ]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", as: "a.b" }] })).toMatchObject([{ field: "sink.aggregation.metrics.0.as" }]);
  });

  it("names the field of a metric that does not make sense", () => {
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "avg" }] })).toEqual([{ field: "sink.aggregation.metrics.0.field", message: "avg needs a field" }]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ field: "x" }] })).toMatchObject([{ field: "sink.aggregation.metrics.0.fn" }]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", by: { field: "ts" } }] })).toMatchObject([
      { field: "sink.aggregation.metrics.0.by" },
    ]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "x", ops: ["sum"] }] })).toMatchObject([{ field: "sink.aggregation.metrics.0.ops" }]);
    expect(issuesOf({ groupBy: ["app"], metrics: [{ fn: "first", field: "x", by: { field: "ts", format: "qq" } }] })).toMatchObject([
      { field: "sink.aggregation.metrics.0.by.format" },
    ]);
    expect(issuesOf({ groupBy: ["items[0]"] })).toMatchObject([{ field: "sink.aggregation.groupBy.0", message: expect.stringContaining("field name") }]);
  });
});

describe("functions", () => {
  it("count of a field counts non-null values, from 0", () => {
    const spec = specOf({ groupBy: ["app"], metrics: [{ fn: "count", field: "user", as: "users" }] });
    expect(fold(spec, [{ app: "a", user: "x" }, { app: "a", user: null }, { app: "a" }, { app: "b" }, { app: "a", user: 0 }])).toMatchObject({
      a: { count: 4, users: 2 },
      b: { count: 1, users: 0 },
    });
  });

  it("min and max take numbers and numeric strings; sum, min and max of only nulls stay absent", () => {
    const spec = specOf({
      groupBy: ["app"],
      metrics: [
        { fn: "min", field: "v" },
        { fn: "max", field: "v" },
        { fn: "sum", field: "v" },
      ],
    });
    expect(fold(spec, [{ app: "a", v: "3.5" }, { app: "a", v: -2 }, { app: "a", v: 10 }, { app: "b" }])).toEqual({
      a: { app: "a", count: 3, v_min: -2, v_max: 10, v_sum: 11.5, outflow_offsets: [{ partition: "t/0", offset: "2" }] },
      b: { app: "b", count: 1, outflow_offsets: [{ partition: "t/0", offset: "3" }] },
    });
  });

  it("anything but a number fails the message, naming the field", () => {
    const spec = specOf({ groupBy: ["app"], metrics: [{ fn: "avg", field: "v" }] });
    for (const v of [true, "", "12ms", { n: 1 }, [1]]) {
      expect(contributionOf(spec, { app: "a", v }, message({}))).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^metric field v is .*not a number$/),
      });
    }
  });

  it("avg keeps its sum and count, so a later chunk (after a restart) and a replay stay exact", () => {
    const spec = specOf({ groupBy: ["app"], metrics: [{ fn: "avg", field: "ms", as: "avg_ms" }] });
    const first = fold(spec, [{ app: "a", ms: 1 }, { app: "a", ms: 2 }, { app: "a" }]);
    expect(first.a).toEqual({
      app: "a",
      count: 3,
      avg_ms: 1.5,
      outflow_state: { avg_ms: { sum: 3, count: 2 } },
      outflow_offsets: [{ partition: "t/0", offset: "2" }],
    });
    // Offsets 0-2 again (a replay after a reset to earliest), then 3 and 4.
    const records = [{ app: "a", ms: 1 }, { app: "a", ms: 2 }, { app: "a" }, { app: "a", ms: 10 }, { app: "a", ms: "3" }];
    const [w] = planAggregation(spec, inputs(spec, records), stored(first));
    expect(w?.action).toMatchObject({ op: "index", ifSeqNo: 3, doc: { count: 5, avg_ms: 4, outflow_state: { avg_ms: { sum: 16, count: 4 } } } });
    expect(w?.messages).toEqual([3, 4]);
  });

  it("first and last by arrival: the first value kept, the last one replaced, nulls skipped", () => {
    const spec = specOf({
      groupBy: ["app"],
      metrics: [
        { fn: "first", field: "msg" },
        { fn: "last", field: "msg" },
      ],
    });
    const docs = fold(spec, [
      { app: "a", msg: "one" },
      { app: "a", msg: { n: 2 } },
      { app: "a", msg: null },
    ]);
    expect(docs.a).toMatchObject({ msg_first: "one", msg_last: { n: 2 } });
    const [w] = planAggregation(spec, inputs(spec, [{ app: "a", msg: "four" }], "t/1", 0), stored(docs));
    expect(w?.action).toMatchObject({ doc: { msg_first: "one", msg_last: "four" } });
  });

  it("first and last by an event time: out-of-order messages keep the earliest and latest; a missing time skips, a bad one fails", () => {
    const spec = specOf({
      groupBy: ["app"],
      metrics: [
        { fn: "first", field: "status", by: { field: "ts", format: "yyyy-MM-dd HH:mm:ss", timeZone: "Asia/Shanghai" } },
        { fn: "last", field: "status", by: { field: "ts", format: "yyyy-MM-dd HH:mm:ss", timeZone: "Asia/Shanghai" } },
      ],
    });
    const docs = fold(spec, [
      { app: "a", status: "b", ts: "2024-01-01 10:00:00" },
      { app: "a", status: "a", ts: "2024-01-01 09:00:00" },
      { app: "a", status: "c", ts: "2024-01-01 11:00:00" },
      { app: "a", status: "late-but-old", ts: "2024-01-01 09:30:00" },
      { app: "a", status: "no-time" },
    ]);
    expect(docs.a).toMatchObject({
      status_first: "a",
      status_last: "c",
      outflow_state: { status_first: { at: Date.UTC(2024, 0, 1, 1) }, status_last: { at: Date.UTC(2024, 0, 1, 3) } },
    });
    // After a restart, from the stored state: an earlier time replaces first, an equal one replaces last.
    const [w] = planAggregation(
      spec,
      inputs(
        spec,
        [
          { app: "a", status: "earliest", ts: "2024-01-01 08:00:00" },
          { app: "a", status: "same-time", ts: "2024-01-01 11:00:00" },
        ],
        "t/1",
      ),
      stored(docs),
    );
    expect(w?.action).toMatchObject({ doc: { status_first: "earliest", status_last: "same-time" } });
    expect(contributionOf(spec, { app: "a", status: "x", ts: "yesterday" }, message({}))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("first (status_first): date field ts"),
    });
  });
});

describe("write modes", () => {
  const source = { app: "a", count: 1, v_sum: 2, owner: "team-x", outflow_offsets: [{ partition: "t/0", offset: "0" }] };
  const current = new Map<string, CurrentDoc>([[docKey("agg", "a"), { found: true, source, seqNo: 4, primaryTerm: 2 }]]);
  const records = [
    { app: "a", v: 1 },
    { app: "a", v: 5 },
  ];

  it("full replaces the document with the aggregate's fields (others' fields go)", () => {
    const spec = specOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "v" }] });
    const [w] = planAggregation(spec, inputs(spec, records), current);
    expect(w?.action).toEqual({
      op: "index",
      index: "agg",
      id: "a",
      ifSeqNo: 4,
      ifPrimaryTerm: 2,
      doc: { app: "a", count: 2, v_sum: 7, outflow_offsets: [{ partition: "t/0", offset: "1" }] },
    });
  });

  it("incremental updates only the aggregate's fields, conditionally and without upsert", () => {
    const spec = specOf({ groupBy: ["app"], metrics: [{ fn: "sum", field: "v" }] }, "incremental");
    const [w] = planAggregation(spec, inputs(spec, records), current);
    expect(w?.action).toEqual({
      op: "update",
      index: "agg",
      id: "a",
      ifSeqNo: 4,
      ifPrimaryTerm: 2,
      doc: { app: "a", count: 2, v_sum: 7, outflow_offsets: [{ partition: "t/0", offset: "1" }] },
    });
    // A new group is still created only if absent.
    expect(planAggregation(spec, inputs(spec, [{ app: "b", v: 1 }]), current)[0]?.action).toMatchObject({ op: "create", id: "b" });
  });
});

describe("aggregation over exact numbers (big integers and decimals keep their text)", () => {
  const spec = () =>
    specOf({
      groupBy: ["$.user"],
      metrics: [
        { fn: "sum", field: "$.amount", as: "total" },
        { fn: "last", field: "$.ref", as: "ref" },
      ],
    });
  const record = (text: string) => parseJsonExact(text) as Record<string, unknown>;

  it("groups by an int64 with its exact text in the ID and the document, and keeps a last value's text", () => {
    const docs = fold(spec(), [
      record('{"user":9007199254740993,"amount":2,"ref":1234567890123456789}'),
      record('{"user":9007199254740992,"amount":3,"ref":1}'),
    ]);
    expect(Object.keys(docs).sort()).toEqual(["9007199254740992", "9007199254740993"]);
    const doc = docs["9007199254740993"] as Record<string, unknown>;
    expect(JSON.stringify({ user: doc.user, total: doc.total, ref: doc.ref })).toBe('{"user":9007199254740993,"total":2,"ref":1234567890123456789}');
  });

  it("refuses to sum a value a double cannot hold exactly, with the reason, instead of rounding it", () => {
    const c = contributionOf(spec(), record('{"user":1,"amount":9007199254740993}'), message({}, { offset: "0" }));
    expect(c.ok).toBe(false);
    expect(c.ok ? "" : plainReason(c.reason)).toMatch(
      /^metric field \$\.amount: 9007199254740993 has more digits than a 64-bit floating-point number holds exactly/,
    );
  });

  it("sums decimals written with trailing zeros by their value", () => {
    const docs = fold(spec(), [record('{"user":"a","amount":10.50,"ref":0}'), record('{"user":"a","amount":"2140.0","ref":0}')]);
    expect(docs.a?.total).toBe(2150.5);
  });
});
