import type { ApiClient } from "@outflow/testing/api-client";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Task = { id: string; configVersion: number; config: { rules: unknown[]; parse: { format: unknown } } };

describe("rules export and import", () => {
  let stack: Stack;
  let api: ApiClient;
  let config: (rules: unknown[]) => Record<string, unknown>;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    api = stack.api;
    const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
    const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
    config = (rules) => ({ source: { connectionId: kafka.id, topics: ["t"] }, rules, sink: { connectionId: es.id, index: "x" } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("exports a task's chain as a versioned document that another task imports unchanged", async () => {
    const rules = [
      { type: "parse", field: "msg", format: { type: "kv", pairSeparator: " ", kvSeparator: "=" } },
      { type: "mask", field: "card", keepLast: 4 },
      { type: "filter", action: "drop", conditions: [{ field: "level", op: "equals", value: "DEBUG" }] },
    ];
    const a = await api.post<Task>("/api/tasks", {
      name: uniqueName("a"),
      config: { ...config(rules), parse: { format: { type: "delimited", separator: "|", columns: ["level", "msg", "card"] } } },
    });
    const doc = await api.get<Record<string, unknown>>(`/api/tasks/${a.id}/rules`);
    expect(doc).toMatchObject({ outflow: "rules", version: 1, rules: a.config.rules, parse: a.config.parse });

    const b = await api.post<Task>("/api/tasks", { name: uniqueName("b"), config: config([]) });
    const validated = await api.post<{ ok: boolean }>("/api/rules/validate", doc);
    expect(validated.ok).toBe(true);
    const imported = await api.request<Task>("PUT", `/api/tasks/${b.id}/rules`, doc);
    expect(imported.config.rules).toEqual(a.config.rules);
    expect(imported.config.parse).toEqual(a.config.parse);
    expect(imported.configVersion).toBe(b.configVersion + 1);
  });

  it("rejects a bad document with field-level errors and changes nothing", async () => {
    const b = await api.post<Task>("/api/tasks", { name: uniqueName("c"), config: config([{ type: "trim", field: "a" }]) });
    const wrongVersion = await api.expectError("POST", "/api/rules/validate", { outflow: "rules", version: 2, rules: [] });
    expect(wrongVersion.status).toBe(422);
    expect(wrongVersion.body.error?.field).toBe("version");
    const badRegex = await api.expectError("PUT", `/api/tasks/${b.id}/rules`, {
      outflow: "rules",
      version: 1,
      rules: [
        { type: "trim", field: "a" },
        { type: "replace", field: "a", pattern: "(unclosed", regex: true },
      ],
    });
    expect(badRegex.status).toBe(422);
    expect(badRegex.body.error?.field).toBe("rules.1.pattern");
    const unknownRule = await api.expectError("POST", "/api/rules/validate", { outflow: "rules", version: 1, rules: [{ type: "explode" }] });
    expect(unknownRule.body.error?.field).toBe("rules.0.type");
    expect((await api.get<Task>(`/api/tasks/${b.id}`)).config.rules).toEqual([{ type: "trim", field: "a" }]);
  });
});
