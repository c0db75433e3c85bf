import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { expect, metric, openStartedTask, test } from "./fixtures";

test("a task that recovers drops its error: the banner goes, the badge and the latest event say running", async ({ page, api }) => {
  const topic = uniqueName("e2e-recover");
  await createTopic(topic, 1);
  await produce(
    topic,
    [1, 2, 3].map((n) => ({ value: JSON.stringify({ n }) })),
  );
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  // Nothing listens on port 1: every write fails at the connection, a task-level condition.
  const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es down"), nodes: ["http://127.0.0.1:1"] });
  await openStartedTask(page, api, uniqueName("e2e recover"), {
    source: { connectionId: kafka.id, topics: [topic] },
    sink: { connectionId: es.id, index: uniqueName("e2e-recover") },
  });

  const badge = page.getByTestId("task-status");
  const reason = page.getByTestId("status-reason");
  await expect(badge).toHaveText("retrying", { timeout: 60_000 });
  await expect(reason).toContainText(/ECONNREFUSED|refused/);
  await expect(metric(page, "discarded")).toHaveText("0");

  // Fixing the connection restarts the task's clients; the writes succeed and the error must not linger.
  await api.patch(`/api/connections/${es.id}`, { nodes: [SERVICES.elasticsearchUrl] });
  await expect(metric(page, "documents-written")).toHaveText("3", { timeout: 60_000 });
  await expect(badge).toHaveText("running");
  await expect(reason).toHaveCount(0);
  await expect(page.getByText("Last error:")).toHaveCount(0);
  // The newest status event agrees with the badge.
  const statusEvents = page.locator(["running", "recovered", "retrying", "failed"].map((k) => `[data-testid=event-log] > li[data-kind=${k}]`).join(", "));
  await expect(statusEvents.first()).toHaveAttribute("data-kind", /^(running|recovered)$/);
});
