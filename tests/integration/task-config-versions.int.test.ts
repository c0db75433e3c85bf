import { mergePatch } from "@outflow/schemas/merge-patch";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack, type StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, expect, it } from "vitest";

type Version = {
  version: number;
  at: string;
  note: string;
  actor: { userId: string; email: string } | null;
  config: Config;
  diff: Record<string, unknown> | null;
};
type Config = { source: Record<string, unknown>; sink: Record<string, unknown>; rules: unknown[] };
type Task = { id: string; name: string; config: Config };

let stack: Stack;
let editor: StackUser;
let viewer: StackUser;
beforeAll(async () => {
  stack = await Stack.start({ workers: 0 });
  editor = await stack.createUser("editor");
  viewer = await stack.createUser("viewer");
});
afterAll(async () => {
  await stack?.stop();
});

it("keeps every saved config as a version with its author and merge-patch diff, and restores one as a new version", async () => {
  const api = stack.api;
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
  const base = { source: { connectionId: kafka.id, topics: [uniqueName("topic")] }, sink: { connectionId: es.id, index: "v-one" } };

  const task = await editor.api.post<Task>("/api/tasks", { name: uniqueName("t"), config: base });
  await editor.api.patch(`/api/tasks/${task.id}`, { config: { sink: { index: "v-two" } } });
  await api.patch(`/api/tasks/${task.id}`, { name: uniqueName("renamed") }); // a rename alone is no new config
  await api.request("PUT", `/api/tasks/${task.id}`, { name: uniqueName("put"), config: { ...base, sink: { ...base.sink, index: "v-three" } } });
  await editor.api.request("PUT", `/api/tasks/${task.id}/rules`, { outflow: "rules", version: 1, rules: [{ type: "add", field: "seen", value: true }] });

  const versions = (await viewer.api.get<{ items: Version[] }>(`/api/tasks/${task.id}/versions?config=true&limit=5`)).items;
  const editorActor = { userId: editor.id, email: editor.email };
  const adminActor = { userId: stack.admin.id, email: stack.admin.email };
  expect(versions.map((v) => [v.version, v.note, v.actor])).toEqual([
    [4, "Rules imported", editorActor],
    [3, "Configuration saved", adminActor],
    [2, "Configuration saved", editorActor],
    [1, "Task created", editorActor],
  ]);
  const v = (n: number) => versions.find((x) => x.version === n) as Version;
  expect(v(1).diff).toBeNull();
  expect(v(1).config.sink.index).toBe("v-one");
  expect(v(2).diff).toEqual({ sink: { index: "v-two" } });
  expect(v(3).diff).toEqual({ sink: { index: "v-three" } });
  expect(v(4).diff).toEqual({ rules: [{ type: "add", field: "seen", value: true }] });
  // Each diff is the RFC 7396 patch that turns the version before into this one.
  for (const n of [2, 3, 4]) {
    expect(mergePatch(v(n - 1).config, v(n).diff)).toEqual(v(n).config);
  }

  expect((await viewer.api.expectError("POST", `/api/tasks/${task.id}/versions/1/restore`, {})).status).toBe(403);
  expect((await editor.api.expectError("POST", `/api/tasks/${task.id}/versions/99/restore`, {})).status).toBe(404);
  expect((await editor.api.expectError("POST", `/api/tasks/${task.id}/versions/one/restore`, {})).status).toBe(404);
  expect((await editor.api.expectError("POST", "/api/tasks/no-such-task/versions/1/restore", {})).status).toBe(404);

  const restored = await editor.api.post<Task>(`/api/tasks/${task.id}/versions/1/restore`, {});
  expect(restored.config).toEqual(v(1).config);
  expect((await api.get<Task>(`/api/tasks/${task.id}`)).config).toEqual(v(1).config);
  const after = (await api.get<{ items: Version[] }>(`/api/tasks/${task.id}/versions?config=true&limit=5`)).items;
  expect(after).toHaveLength(5);
  expect(after[0]).toMatchObject({ version: 5, note: "Restored version 1", actor: editorActor, config: v(1).config });
  expect(mergePatch(v(4).config, after[0]?.diff)).toEqual(v(1).config);

  const events = (await api.get<{ items: { kind: string; message: string }[] }>(`/api/tasks/${task.id}/events?limit=100`)).items;
  expect(events.filter((e) => e.kind === "updated").map((e) => e.message)).toContain("Restored version 1: saved as version 5");

  // Versions go with their task.
  await api.delete(`/api/tasks/${task.id}`);
  expect((await api.expectError("GET", `/api/tasks/${task.id}/versions`)).status).toBe(404);
});
