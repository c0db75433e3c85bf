import { PreviewResult } from "@outflow/schemas/api/responses";
import { describe, expect, it } from "vitest";
import { PREVIEW_MAX_OUTPUT_CHARS, runPreviewJob } from "./preview-job";

const config = (rules: unknown[] = []) => ({
  source: { connectionId: "k", topics: ["orders"], startPosition: { type: "latest" } },
  rules,
  sink: { connectionId: "e", index: "orders", documentId: { type: "fields", fields: ["$.id"] } },
});
const wire = (value: string) => ({ topic: "orders", partition: 0, offset: "3", key: null, value, valueEncoding: "utf8" as const, headers: {} });

describe("runPreviewJob (a preview thread's work)", () => {
  it("answers the API's preview as JSON text, numbers exactly as the message wrote them", () => {
    const answer = runPreviewJob({
      config: config([{ type: "add", field: "$.env", value: "prod" }]),
      messages: [wire('{"id":12345678901234567890,"n":1.50}')],
      budgetMs: 2_000,
    });
    expect(answer.kind).toBe("done");
    const json = answer.kind === "done" ? answer.json : "";
    expect(json).toContain('"record":{"id":12345678901234567890,"n":1.50,"env":"prod"}');
    expect(json).toContain('{\\"id\\":12345678901234567890,\\"n\\":1.50,\\"env\\":\\"prod\\"}');
    const parsed = PreviewResult.parse(JSON.parse(json));
    expect(parsed.rows[0]?.steps.map((s) => s.step)).toEqual(["parse", "rule 1 add", "result"]);
    expect(parsed.messages[0]?.offset).toBe("3");
  });

  it("an invalid config: its issues; no messages: the source to sample", () => {
    expect(runPreviewJob({ config: { ...config(), rules: [{ type: "rename", from: "$", to: "x" }] }, messages: null, budgetMs: 2_000 })).toEqual({
      kind: "invalid",
      issues: [expect.objectContaining({ field: "rules.0.from" })],
    });
    expect(runPreviewJob({ config: config(), messages: null, budgetMs: 2_000 })).toEqual({
      kind: "sample",
      source: { connectionId: "k", topics: ["orders"], startPosition: { type: "latest" } },
    });
  });

  it("past the time budget (checked after every step): over-budget, naming the budget and its setting", () => {
    let t = 0;
    const answer = runPreviewJob(
      { config: config(Array.from({ length: 10 }, () => ({ type: "add", field: "$.x", value: 1 }))), messages: [wire('{"id":1}')], budgetMs: 5 },
      () => t++,
    );
    expect(answer).toEqual({ kind: "over-budget", message: "the preview ran over its time budget of 5 ms (OUTFLOW_PREVIEW_BUDGET_MS)" });
  });

  it("with the request's stand-ins: the marks in the contents (messages, records, actions, bulk) swapped, a reason's kept", () => {
    const marks = { open: "<open>", close: "<close>" };
    const value = '{"id":"a\u2068b\u2069","n":"x\u2068y"}';
    const answer = runPreviewJob({
      config: config([{ type: "cast", field: "$.n", as: "number" }]),
      messages: [wire(value)],
      budgetMs: 2_000,
      contentsMarks: marks,
    });
    const json = answer.kind === "done" ? answer.json : "";
    const parsed = PreviewResult.parse(JSON.parse(json));
    expect(parsed.messages[0]?.value).toBe(value.replaceAll("\u2068", "<open>").replaceAll("\u2069", "<close>"));
    expect(parsed.rows[0]?.steps[0]?.record).toEqual({ id: "a<open>b<close>", n: "x<open>y" });
    expect(parsed.rows[0]?.result).toMatchObject({ kind: "failed", reason: expect.stringContaining(`\u2068"x\uFFFDy"\u2069`) });

    const written = runPreviewJob({ config: config(), messages: [wire(value)], budgetMs: 2_000, contentsMarks: marks });
    const text = written.kind === "done" ? written.json : "";
    expect(text).not.toMatch(/[\u2068\u2069]/);
    const row = PreviewResult.parse(JSON.parse(text)).rows[0];
    expect(row?.result).toMatchObject({ kind: "write", actions: [{ id: "a<open>b<close>", doc: { id: "a<open>b<close>", n: "x<open>y" } }] });
    expect(row?.bulk).toContain('"_id":"a<open>b<close>"');
  });

  it("past the output budget: over-budget, naming the characters", () => {
    const big = "x".repeat(200_000);
    const rules = Array.from({ length: 100 }, (_, i) => ({ type: "add", field: `$.f${i}`, value: i }));
    const answer = runPreviewJob({ config: config(rules), messages: [wire(JSON.stringify({ id: 1, big }))], budgetMs: 60_000 });
    expect(answer).toEqual({ kind: "over-budget", message: `the preview's output is over ${PREVIEW_MAX_OUTPUT_CHARS} characters` });
  });
});
