import type { ApiClient } from "@outflow/testing/api-client";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, expect, it } from "vitest";

type Task = { id: string; name: string; configVersion: number; config: { sink: Record<string, unknown>; source: Record<string, unknown> } };

let stack: Stack;
let api: ApiClient;
beforeAll(async () => {
  stack = await Stack.start({ workers: 0 });
  api = stack.api;
});
afterAll(async () => {
  await stack?.stop();
});

it("PUT replaces the whole config (options left out go back to their defaults); PATCH merges", async () => {
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
  const base = { source: { connectionId: kafka.id, topics: ["a"] }, sink: { connectionId: es.id, index: "logs" } };
  const task = await api.post<Task>("/api/tasks", {
    name: uniqueName("t"),
    config: { ...base, sink: { ...base.sink, dateSplit: { format: "yyyyMMdd", source: { type: "kafka_timestamp" } } } },
  });
  const patched = await api.patch<Task>(`/api/tasks/${task.id}`, { config: { sink: { index: "other" } } });
  expect(patched.config.sink.dateSplit).toBeDefined();
  expect(patched.config.sink.index).toBe("other");

  const replaced = await api.request<Task>("PUT", `/api/tasks/${task.id}`, { name: "renamed by put", config: base });
  expect(replaced.name).toBe("renamed by put");
  expect(replaced.config.sink.dateSplit).toBeUndefined();
  expect(replaced.config.sink.index).toBe("logs");
  expect(replaced.configVersion).toBe(patched.configVersion + 1);

  const bad = await api.expectError("PUT", `/api/tasks/${task.id}`, { name: "x", config: { ...base, sink: { ...base.sink, index: "UPPER" } } });
  expect(bad.status).toBe(422);
  expect(bad.body.error?.field).toBe("config.sink.index");
  const missing = await api.expectError("PUT", `/api/tasks/${task.id}`, { config: base });
  expect(missing.body.error?.field).toBe("name");
});
