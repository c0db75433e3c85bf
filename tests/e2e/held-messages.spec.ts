import { createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, openStartedTask, test } from "./fixtures";

test("the failure panel shows every held partition with its message; skipping one resumes it past that message", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-held");
  const index = uniqueName("e2e-held");
  await createTopic(topic, 2);
  await produce(topic, [
    { value: '{"n":0}', partition: 0 },
    { value: "held zero", key: "key-zero", partition: 0 },
    { value: '{"n":2}', partition: 0 },
    { value: '{"n":0}', partition: 1 },
    { value: "held one", key: "key-one", partition: 1 },
    { value: '{"n":2}', partition: 1 },
  ]);
  const task = await openStartedTask(page, api, uniqueName("e2e held"), {
    source: { connectionId: conn.kafkaId, topics: [topic] },
    sink: { connectionId: conn.esId, index, documentId: { type: "kafka_coordinates" } },
    failure: { policy: "retain" },
  });
  await expect(page.getByTestId("task-status")).toHaveText("failed", { timeout: 60_000 });
  const panel = page.getByTestId("failure-point");
  const held = panel.getByTestId("held-message");
  await expect(held).toHaveCount(2, { timeout: 30_000 });
  const p0 = panel.locator('[data-testid="held-message"][data-partition="0"]');
  const p1 = panel.locator('[data-testid="held-message"][data-partition="1"]');
  await expect(p0).toHaveAttribute("data-offset", "1");
  await expect(p0.getByTestId("raw-value")).toHaveText("held zero");
  await expect(p0).toContainText("key-zero");
  await expect(p0).toContainText("parse");
  await expect(p1.getByTestId("raw-value")).toHaveText("held one");
  await expect(p1).toContainText("resumes at offset 2");
  await page.screenshot({ path: "test-results/shots/held-messages.png", fullPage: true });

  await p1.getByRole("button", { name: `Skip the message at ${topic}[1]@1` }).click();
  // The task starts again: partition 1 goes on past its held message, partition 0 stops at its own again.
  await expect(held).toHaveCount(1, { timeout: 60_000 });
  await expect(held).toHaveAttribute("data-partition", "0");
  await expect(page.getByTestId("task-status")).toHaveText("failed");
  await expect(page.getByTestId("event-log").locator('li[data-kind="message_discarded"]')).toHaveCount(1);
  const committed = (await groupOffsets(`outflow-task-${task.id}`, topic)).find((o) => o.partition === 1)?.committed;
  expect(["2", "3"]).toContain(committed);
});
