import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack, type StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, expect, it } from "vitest";

type Event = { kind: string; message: string; actor: { userId: string; email: string } | null };
type Task = { status: string };

let stack: Stack;
let editor: StackUser;
beforeAll(async () => {
  stack = await Stack.start({ workers: 1 });
  editor = await stack.createUser("editor");
});
afterAll(async () => {
  await stack?.stop();
});

const eventsOf = async (api: ApiClient, taskId: string) => (await api.get<{ items: Event[] }>(`/api/tasks/${taskId}/events?limit=100`)).items;

it("every event a user causes names them (an API token's owner, or the signed-in user); the workers' own events name nobody", async () => {
  const api = stack.api;
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
  const topic = uniqueName("topic");
  await createTopic(topic, 1);
  await produce(topic, [{ value: '{"n":1}' }]);
  const config = { source: { connectionId: kafka.id, topics: [topic] }, sink: { connectionId: es.id, index: uniqueName("actors") } };

  // The editor through its API token.
  const task = await editor.api.post<{ id: string }>("/api/tasks", { name: uniqueName("t"), config });
  await editor.api.patch(`/api/tasks/${task.id}`, { config: { sink: { index: "actors-2" } } });
  await editor.api.request("PUT", `/api/tasks/${task.id}/rules`, { outflow: "rules", version: 1, rules: [{ type: "add", field: "seen", value: true }] });

  // The admin through a browser session.
  const { cookie } = await stack.signIn(stack.admin.email, stack.admin.password);
  const asAdmin = (path: string, body: unknown) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: "POST",
      headers: { cookie, origin: stack.baseUrl, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  // The stack's worker runs the task between the start and the stop: its own events (running, stopped) follow.
  const statusIs = (status: string) => async () => (await stack.api.get<Task>(`/api/tasks/${task.id}`)).status === status;
  expect((await asAdmin(`/api/tasks/${task.id}/start`, {})).status).toBe(202);
  await waitFor("the worker to run the task", statusIs("running"), 60_000);
  expect((await asAdmin(`/api/tasks/${task.id}/stop`, {})).status).toBe(202);
  await waitFor("the worker to stop the task", statusIs("stopped"), 60_000);
  await editor.api.post(`/api/tasks/${task.id}/reset-offsets`, { type: "earliest" });
  // An admin's edit of a connection (not a rename alone) restarts the tasks that use it: their event names the admin too.
  await stack.api.patch(`/api/connections/${es.id}`, { auth: { type: "basic", username: "elastic", password: "another-password" } });

  const events = await eventsOf(stack.api, task.id);
  const byKind = (kind: string) => events.filter((e) => e.kind === kind);
  const editorActor = { userId: editor.id, email: editor.email };
  const adminActor = { userId: stack.admin.id, email: stack.admin.email };
  expect(byKind("created").map((e) => e.actor)).toEqual([editorActor]);
  expect(byKind("updated").map((e) => [e.message.replace(/: saved as version \d+$/, ""), e.actor])).toEqual([
    ["Configuration saved", editorActor],
    ["Rules imported", editorActor],
    [expect.stringMatching(/^Connection .* was edited/), adminActor],
  ]);
  expect(byKind("start_requested").map((e) => e.actor)).toEqual([adminActor]);
  expect(byKind("stop_requested").map((e) => e.actor)).toEqual([adminActor]);
  expect(byKind("reset_requested").map((e) => e.actor)).toEqual([editorActor]);
  // The worker's own events: there were some, and none names a user.
  expect(byKind("running").length).toBeGreaterThan(0);
  expect(byKind("stopped").length).toBeGreaterThan(0);
  const workerKinds = new Set(["running", "stopped", "retrying", "recovered", "failed", "rebalanced", "offsets_reset", "lease_lost"]);
  expect(events.filter((e) => workerKinds.has(e.kind) && e.actor !== null)).toEqual([]);

  // A viewer reads the same actors (they are not message contents); nothing a user did is left without one.
  const viewer = await stack.createUser("viewer");
  const seen = await eventsOf(viewer.api, task.id);
  expect(seen.filter((e) => e.actor !== null).length).toBe(events.filter((e) => e.actor !== null).length);
  const userKinds = new Set(["created", "updated", "start_requested", "stop_requested", "reset_requested"]);
  expect(events.filter((e) => userKinds.has(e.kind) && e.actor === null)).toEqual([]);
});
