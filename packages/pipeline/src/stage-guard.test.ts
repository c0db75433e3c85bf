import { mapStrings, plainReason } from "@outflow/schemas/reason-values";
import { describe, expect, it } from "vitest";
import type { Action } from "./action";
import { ChunkSettlement } from "./chunk-settlement";
import { type CompiledTask, safeCompileTask } from "./compile";
import { processMessage } from "./process-message";
import { WHOLE_RECORD_REFUSED } from "./rules/rule-compiler";
import { compiled, config, message } from "./test-fixtures";

describe("every exception from one message is that message's failure", () => {
  it("`$` as a rule's source or target is refused when the task is compiled, naming the field", () => {
    const cases: [unknown, string][] = [
      [{ type: "rename", from: "$", to: "x" }, "rules.0.from"],
      [{ type: "rename", from: "$.a", to: "$" }, "rules.0.to"],
      [{ type: "copy", from: "$", to: "$.snapshot" }, "rules.0.from"],
      [{ type: "merge", from: "$.a", to: "$" }, "rules.0.to"],
      [{ type: "add", field: "$", value: 1 }, "rules.0.field"],
      [{ type: "lowercase", field: "$" }, "rules.0.field"],
      [{ type: "uppercase", field: "$.a", to: " $ " }, "rules.0.to"],
      [{ type: "drop", fields: ["$.a", "$"] }, "rules.0.fields.1"],
    ];
    for (const [rule, field] of cases) {
      const r = safeCompileTask(config({ rules: [rule as never] }));
      expect(r.ok, JSON.stringify(rule)).toBe(false);
      expect(r.ok ? [] : r.issues, JSON.stringify(rule)).toContainEqual(expect.objectContaining({ field, message: WHOLE_RECORD_REFUSED }));
    }
  });

  it("a templated rename target that renders to `$` fails the message at stage rule", () => {
    const task = compiled({ rules: [{ type: "rename", from: "$.a", to: "{$.where}" }] });
    const r = processMessage(task, message({ a: 1, where: "$" }), 0);
    expect(r).toEqual({ kind: "failed", stage: "rule", reason: expect.stringContaining("`$` is the whole record") });
  });

  it("a rule that throws fails the message (stage rule), and one that throws in routing fails it at stage route", () => {
    const base = compiled({ rules: [{ type: "add", field: "$.x", value: 1 }] });
    const throwing: CompiledTask = {
      ...base,
      rules: [
        {
          index: 0,
          type: "add",
          run: () => {
            throw new TypeError("boom");
          },
        },
      ],
    };
    expect(mapStrings(processMessage(throwing, message({ a: 1 }), 0), plainReason)).toEqual({
      kind: "failed",
      stage: "rule",
      reason: "rule 1 (add): threw boom",
    });
    const badRouter: CompiledTask = {
      ...base,
      router: {
        ...base.router,
        route: () => {
          throw new RangeError("Invalid time value");
        },
      },
    };
    expect(mapStrings(processMessage(badRouter, message({ a: 1 }), 0), plainReason)).toEqual({
      kind: "failed",
      stage: "route",
      reason: "threw Invalid time value",
    });
  });

  it("a chain of merges that doubles the document stops at delivery.maxDocumentBytes (stage rule)", () => {
    const merges = Array.from({ length: 60 }, () => ({ type: "merge" as const, from: "$.a", to: "$.a" }));
    const parsed = safeCompileTask({
      ...config({ rules: [{ type: "add", field: "$.a", value: ["x".repeat(100)] }, ...merges] }),
      delivery: { maxDocumentBytes: 100_000 },
    });
    if (!parsed.ok) {
      throw new Error(JSON.stringify(parsed.issues));
    }
    const r = processMessage(parsed.task, message({}), 0);
    expect(r).toEqual({
      kind: "failed",
      stage: "rule",
      reason: expect.stringMatching(/^rule \d+ \(merge\): the document grew to \d+ bytes, over the limit of 100000/),
    });
  });

  it("a document that JSON cannot write fails its message at stage index in the chunk, not the chunk", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const bad: Action = { op: "index", index: "i", doc: cyclic };
    const good: Action = { op: "index", index: "i", doc: { ok: true } };
    const chunk = new ChunkSettlement([
      { kind: "write", actions: [bad] },
      { kind: "write", actions: [good] },
    ]);
    expect(chunk.pending().map((p) => p.message)).toEqual([1]);
    expect(chunk.results()[0]).toEqual({ kind: "failed", stage: "index", reason: expect.stringContaining("cannot be written as JSON: threw") });
  });
});

describe("bounded work per message", () => {
  it("array indexes in field paths are capped (a 150-byte rule cannot make a 30 MB array)", () => {
    const r = safeCompileTask(config({ rules: [{ type: "add", field: "$.arr[3000000]", value: 1 }] }));
    expect(r.ok ? [] : r.issues).toContainEqual(expect.objectContaining({ field: "rules.0.field", message: expect.stringContaining("array index 3000000") }));
    expect(safeCompileTask(config({ rules: [{ type: "add", field: "$.arr[10000]", value: 1 }] })).ok).toBe(true);
  });

  it("json_array with more elements than the cap fails the message at parse", () => {
    const task = compiled({ parse: { format: { type: "json_array" } } });
    const many = JSON.stringify(Array.from({ length: 10_001 }, () => ({})));
    expect(processMessage(task, message(many), 0)).toEqual({ kind: "failed", stage: "parse", reason: expect.stringContaining("more than 10000 documents") });
    const r = processMessage(task, message(JSON.stringify(Array.from({ length: 10_000 }, () => ({})))), 0);
    expect(r.kind === "write" ? r.actions.length : r).toBe(10_000);
  });
});
