import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Processed } from "./action";
import { aggregationInputs, type CurrentDoc, docKey, planAggregation } from "./aggregation";
import { actionToNdjson } from "./bulk";
import type { CompiledTask } from "./compile";
import type { KafkaMessage } from "./message";
import { AGGREGATION_NOTE, PreviewOverBudget, previewMessages } from "./preview";
import { processMessage } from "./process-message";
import { aggregationRecordArb, configArb, jsonObjectArb, messageArb, toKafkaMessage } from "./test-arbitraries";
import { bytes, compiled, message, T0 } from "./test-fixtures";

describe("previewMessages", () => {
  it("gives each sample its coordinates, steps, result and the exact bulk body", () => {
    const task = compiled({
      rules: [
        { type: "add", field: "env", value: "prod" },
        { type: "filter", action: "drop", conditions: [{ field: "level", op: "equals", value: "debug" }] },
      ],
      sink: { documentId: { type: "fields", fields: ["id"] } },
    });
    const rows = previewMessages(
      task,
      [message({ id: 1, level: "info" }, { offset: "7", partition: 2 }), message({ id: 2, level: "debug" }, { offset: "8" }), message("{bad")],
      T0,
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      topic: "orders",
      partition: 2,
      offset: "7",
      steps: [
        { step: "parse", record: { id: 1, level: "info" } },
        { step: "rule 1 add", record: { id: 1, level: "info", env: "prod" } },
        { step: "rule 2 filter", record: { id: 1, level: "info", env: "prod" } },
        { step: "result", outcome: "1 action(s)" },
      ],
      result: { kind: "write", actions: [{ op: "index", index: "orders", id: "1", doc: { id: 1, level: "info", env: "prod" } }] },
      bulk: '{"index":{"_index":"orders","_id":"1"}}\n{"id":1,"level":"info","env":"prod"}\n',
    });
    expect(rows[1]?.result).toEqual({ kind: "filtered", reason: 'rule 2 (filter): dropped because level equals "debug"' });
    expect(rows[1]?.steps.at(-2)).toEqual({
      step: "rule 2 filter",
      record: { id: 2, level: "debug", env: "prod" },
      outcome: 'dropped because level equals "debug"',
    });
    expect(rows[1]?.bulk).toBe("");
    expect(rows[2]?.result).toMatchObject({ kind: "failed", stage: "parse" });
    expect(rows[2]?.steps).toEqual([{ step: "result", outcome: expect.stringContaining("failed: invalid JSON") }]);
  });

  it("records snapshots: a later rule does not change an earlier step's record", () => {
    const task = compiled({
      rules: [
        { type: "add", field: "a.b", value: 1 },
        { type: "add", field: "a.c", value: 2 },
      ],
    });
    const [row] = previewMessages(task, [message({})], T0);
    expect(row?.steps.map((s) => s.record)).toEqual([{}, { a: { b: 1 } }, { a: { b: 1, c: 2 } }, undefined]);
  });

  it("shows the CDC decode step", () => {
    const task = compiled({ sink: { index: "users", cdc: { format: "canal", primaryKey: ["id"] } } });
    const [row] = previewMessages(task, [message({ type: "DELETE", data: [{ id: 1 }, { id: 2 }] })], T0);
    expect(row?.steps[1]).toEqual({
      step: "cdc canal",
      record: [
        { op: "delete", row: { id: 1 } },
        { op: "delete", row: { id: 2 } },
      ],
    });
    expect(row?.bulk).toBe('{"delete":{"_index":"users","_id":"1"}}\n{"delete":{"_index":"users","_id":"2"}}\n');
  });
});

describe("previewMessages in aggregation mode", () => {
  it("shows the create the worker would send against an empty index, with a note, instead of the contribution", () => {
    const task = compiled({
      sink: {
        index: "requests",
        aggregation: {
          groupBy: [{ field: "svc", as: "service" }],
          metrics: [
            { fn: "count", as: "cnt" },
            { fn: "avg", field: "ms" },
          ],
          window: { size: "1m", time: { type: "kafka_timestamp" } },
        },
      },
    });
    const [row, failed] = previewMessages(task, [message({ svc: "api", ms: 12 }, { offset: "7", partition: 1 }), message({ ms: 1 })], T0);
    expect(row?.note).toBe(AGGREGATION_NOTE);
    expect(row?.bulk).toBe(
      '{"create":{"_index":"requests","_id":"api_2024-03-05T07:08:00.000Z"}}\n' +
        '{"service":"api","window_start":"2024-03-05T07:08:00.000Z","window_end":"2024-03-05T07:09:00.000Z","cnt":1,"ms_avg":12,' +
        '"outflow_state":{"ms_avg":{"sum":12,"count":1}},"outflow_offsets":[{"partition":"orders/1","offset":"7"}]}\n',
    );
    expect(failed?.bulk).toBe("");
    expect(failed?.result).toEqual({ kind: "failed", stage: "route", reason: "group field svc is missing" });
  });
});

// The pipeline's side of it, fast and over many samples: the preview's bulk body against the actions processMessage
// plans. What the worker actually sends is compared with the preview on the wire in preview-equals-worker.int.test.ts.
describe("preview == the pipeline's planned actions", () => {
  /** The NDJSON of the planned actions (aggregation: as planAggregation plans them when no group document exists). */
  const workerNdjson = (task: CompiledTask, p: Processed, m: KafkaMessage) => {
    if (p.kind !== "write") {
      return "";
    }
    if (!task.aggregation) {
      return p.actions.map(actionToNdjson).join("");
    }
    const inputs = aggregationInputs([p], [0], `${m.topic}/${m.partition}`, [m.offset]);
    const absent = new Map<string, CurrentDoc>(inputs.flatMap((i) => i.contributions.map((c) => [docKey(c.index, c.id), { found: false }] as const)));
    return planAggregation(task.aggregation, inputs, absent)
      .map((w) => actionToNdjson(w.action))
      .join("");
  };

  it("for arbitrary JSON objects, the preview's bulk body is the NDJSON of the actions processMessage plans", () => {
    fc.assert(
      fc.property(configArb, jsonObjectArb, fc.string({ maxLength: 6 }), (task, record, key) => {
        const m = message(bytes(JSON.stringify(record)), { key, offset: "42" });
        const worker = processMessage(task, m, T0);
        const [row] = previewMessages(task, [m], T0);
        expect(row?.result).toEqual(worker);
        expect(row?.bulk).toBe(workerNdjson(task, worker, m));
      }),
      { numRuns: 1_500 },
    );
  });

  it("for aggregation configs, with records that carry the group fields", () => {
    let written = 0;
    fc.assert(
      fc.property(
        configArb.filter((t) => t.aggregation !== undefined),
        fc.array(aggregationRecordArb, { minLength: 1, maxLength: 3 }),
        fc.nat({ max: 3 }),
        (task, records, partition) => {
          const msgs = records.map((r, i) => message(bytes(JSON.stringify(r)), { partition, offset: String(10 + i), timestamp: String(T0 + i * 45_000) }));
          const rows = previewMessages(task, msgs, T0);
          expect(rows.map((r) => r.bulk)).toEqual(msgs.map((m) => workerNdjson(task, processMessage(task, m, T0), m)));
          written += rows.filter((r) => r.bulk !== "").length;
        },
      ),
      { numRuns: 400 },
    );
    // Not vacuous: of the ~800 samples, about a fifth get past the random parse formats and rules into a group (~170 seen).
    expect(written).toBeGreaterThan(100);
  });

  it("for arbitrary messages too", () => {
    fc.assert(
      fc.property(configArb, fc.array(messageArb, { maxLength: 4 }), (task, samples) => {
        const msgs = samples.map(toKafkaMessage);
        const rows = previewMessages(task, msgs, T0);
        expect(rows.map((r) => r.bulk)).toEqual(msgs.map((m) => workerNdjson(task, processMessage(task, m, T0), m)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("preview budget", () => {
  const task = compiled({ rules: Array.from({ length: 20 }, () => ({ type: "merge" as const, from: "$.a", to: "$.a" })) });
  const msgs = Array.from({ length: 10 }, () => message({ a: ["x".repeat(100)] }));

  it("stops with PreviewOverBudget when the output goes over the characters it may answer", () => {
    expect(() => previewMessages(task, msgs, T0, { maxOutputChars: 1_000_000, deadline: Number.POSITIVE_INFINITY, clock: () => 0 })).toThrow(
      new PreviewOverBudget("the preview's output is over 1000000 characters"),
    );
  });

  it("stops when the clock passes the deadline, and runs to the end within budget", () => {
    let t = 0;
    expect(() => previewMessages(task, msgs, T0, { maxOutputChars: Number.POSITIVE_INFINITY, deadline: 50, clock: () => t++ })).toThrow(
      new PreviewOverBudget("the preview ran out of time"),
    );
    const fewMerges = compiled({ rules: Array.from({ length: 5 }, () => ({ type: "merge" as const, from: "$.a", to: "$.a" })) });
    const small = previewMessages(fewMerges, msgs, T0, { maxOutputChars: 10_000_000, deadline: Number.POSITIVE_INFINITY, clock: () => 0 });
    expect(small).toHaveLength(10);
    expect(small[0]?.result.kind).toBe("write");
  });
});
