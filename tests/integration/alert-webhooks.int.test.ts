import { verifyWebhook } from "@outflow/connectors/webhook-signature";
import { createTopic, produce } from "@outflow/testing/kafka";
import { Outflow, type TaskView } from "@outflow/testing/outflow";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { Stack, type WorkerProcess } from "@outflow/testing/stack";
import { onlyFailedAlert, type ReceivedWebhook, startWebhookReceiver } from "@outflow/testing/webhook-receiver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Received = ReceivedWebhook;
type Alerting = TaskView & { alerts: { kind: string; firingSince: string }[] };

const receiver = (answers: number[]) => startWebhookReceiver("/hook", answers);

const WORKER_ENV = { ALERTS_EVERY_MS: "300", WEBHOOK_BACKOFF_MS: "200", WEBHOOK_ATTEMPTS: "5" };

const ONLY_FAILED = onlyFailedAlert(true);

/** Alerts evaluated every 300 ms and deliveries retried after 200, 400, ... ms, against a real receiver. */
describe("alerts delivered to webhooks", () => {
  let stack: Stack;
  let outflow: Outflow;
  const secret = "whsec-integration-test-0123456789";
  beforeAll(async () => {
    stack = await Stack.start({ workers: 1, workerEnv: WORKER_ENV });
    outflow = await Outflow.connect(stack.api);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("a failing task fires one signed delivery, retried after the receiver's 500; recovery sends resolved; every try is in the event log", async () => {
    const hook = await receiver([500]);
    try {
      const webhook = await stack.api.post<{ id: string; secret?: string; hasSecret: boolean }>("/api/webhooks", {
        name: uniqueName("hook"),
        url: hook.url,
        secret,
      });
      expect(webhook.hasSecret).toBe(true);
      expect(webhook).not.toHaveProperty("secret");

      const topic = uniqueName("it-alert-t");
      await createTopic(topic, 1);
      await produce(topic, [{ value: '{"id": "a"}' }, { value: "not json" }]);
      const config = {
        ...outflow.config({ topics: [topic], index: uniqueName("it-alert-i"), failure: { policy: "retain" } }),
        alerts: { ...ONLY_FAILED, webhookIds: [webhook.id] },
      };
      const task = await outflow.createTask(config);
      await outflow.start(task.id);
      await outflow.waitForStatus(task.id, "failed");

      // The 500, then the retry that the receiver takes.
      await waitFor("the firing notification to be retried and taken", async () => hook.received.length >= 2, 30_000);
      const [first, second] = hook.received as [Received, Received];
      for (const r of [first, second]) {
        expect(verifyWebhook(secret, r, r.body)).toBe(true);
        expect(verifyWebhook("some-other-secret-0123456789", r, r.body)).toBe(false);
      }
      expect(second.at - first.at).toBeGreaterThanOrEqual(150);
      expect(JSON.parse(second.body)).toEqual(JSON.parse(first.body));
      const firing = JSON.parse(first.body);
      expect(firing).toMatchObject({
        type: "alert",
        task: { id: task.id, name: task.name },
        alert: { kind: "failed", state: "firing", resolvedAt: null, values: { status: "failed", reason: expect.stringMatching(/^parse: /) } },
      });
      expect(Date.parse(firing.timestamp)).not.toBeNaN();

      const view = await stack.api.get<Alerting>(`/api/tasks/${task.id}`);
      expect(view.alerts).toEqual([expect.objectContaining({ kind: "failed", firingSince: firing.alert.firingSince })]);

      // More passes of the evaluator (every 300 ms), also by a worker started after a crash, neither fire again nor send again.
      await new Promise((r) => setTimeout(r, 1_500));
      await stack.crashWorker(stack.workers[0] as WorkerProcess);
      const next = stack.startWorker(WORKER_ENV);
      await stack.waitStarted(next);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(hook.received).toHaveLength(2);
      const events = await outflow.events(task.id);
      expect(events.filter((e) => e.kind === "alert_firing")).toHaveLength(1);
      const failedTry = events.find((e) => e.kind === "webhook_failed");
      expect(failedTry?.details).toMatchObject({ webhookId: webhook.id, status: 500, attempt: 1, attempts: 5 });
      expect(failedTry?.message).toMatch(/HTTP 500.*will retry/);
      const delivered = events.filter((e) => e.kind === "webhook_delivered");
      expect(delivered).toHaveLength(1);
      expect(delivered[0]?.details).toMatchObject({ webhookId: webhook.id, status: 200, attempt: 2 });

      // Recovery: with the discard policy the task runs past the bad message, and the alert resolves.
      await stack.api.patch(`/api/tasks/${task.id}`, { config: { failure: { policy: "discard" } } });
      await outflow.start(task.id);
      await outflow.waitForStatus(task.id, "running");
      await waitFor("the resolved notification", async () => hook.received.length >= 3, 30_000);
      const resolved = hook.received[2] as Received;
      expect(verifyWebhook(secret, resolved, resolved.body)).toBe(true);
      expect(JSON.parse(resolved.body)).toMatchObject({
        task: { id: task.id },
        alert: { kind: "failed", state: "resolved", firingSince: firing.alert.firingSince, resolvedAt: expect.any(String) },
      });
      expect((await stack.api.get<Alerting>(`/api/tasks/${task.id}`)).alerts).toEqual([]);
      const after = await outflow.events(task.id);
      expect(after.filter((e) => e.kind === "alert_resolved")).toHaveLength(1);
      expect(after.filter((e) => e.kind === "webhook_delivered")).toHaveLength(2);
    } finally {
      hook.server.close();
    }
  });

  it("the webhook API: paged list, secrets never shown, bad input named, the connect policy applied, send test answers the receiver's status", async () => {
    const hook = await receiver([418]);
    try {
      const bad = await stack.api.expectError("POST", "/api/webhooks", { name: "", url: "ftp://example.com", secret: "short" });
      expect(bad.status).toBe(422);
      expect([...new Set(bad.body.error?.issues?.map((i) => i.field))].sort()).toEqual(["name", "secret", "url"]);
      const metadata = await stack.api.expectError("POST", "/api/webhooks", { name: uniqueName("hook"), url: "http://169.254.169.254/latest", secret });
      expect(metadata.body.error?.issues).toEqual([{ field: "url", message: expect.stringMatching(/denied by default/) }]);

      const names = [uniqueName("page-a"), uniqueName("page-b"), uniqueName("page-c")];
      const made = [];
      for (const name of names) {
        made.push(await stack.api.post<{ id: string }>("/api/webhooks", { name, url: hook.url, secret }));
      }
      const page = await stack.api.get<{ items: { name: string }[]; nextCursor: string | null }>("/api/webhooks?limit=2");
      expect(page.items).toHaveLength(2);
      expect(page.nextCursor).not.toBeNull();
      const rest = await stack.api.get<{ items: { name: string }[] }>(`/api/webhooks?limit=100&after=${encodeURIComponent(page.nextCursor ?? "")}`);
      expect(rest.items.map((w) => w.name)).toEqual(expect.arrayContaining(names.filter((n) => !page.items.some((p) => p.name === n))));
      expect(JSON.stringify([page, rest])).not.toContain(secret);

      const id = (made[0] as { id: string }).id;
      const test = await stack.api.post<{ ok: boolean; status: number; body: string }>(`/api/webhooks/${id}/test`);
      expect(test).toMatchObject({ ok: false, status: 418, body: "receiver down" });
      const sent = hook.received[0] as Received;
      expect(verifyWebhook(secret, sent, sent.body)).toBe(true);
      expect(JSON.parse(sent.body)).toMatchObject({ type: "test", task: null, alert: null });

      const renamed = await stack.api.patch<{ name: string }>(`/api/webhooks/${id}`, { name: uniqueName("renamed") });
      expect(renamed.name).toMatch(/^renamed/);
      expect((await stack.api.post<{ ok: boolean }>(`/api/webhooks/${id}/test`)).ok).toBe(true);
      expect(verifyWebhook(secret, hook.received[1] as Received, (hook.received[1] as Received).body)).toBe(true);
      await stack.api.delete(`/api/webhooks/${id}`);
      expect((await stack.api.expectError("GET", `/api/webhooks/${id}`)).status).toBe(404);
    } finally {
      hook.server.close();
    }
  });
});
