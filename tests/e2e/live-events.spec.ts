import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, metric, openStartedTask, test } from "./fixtures";

test("the event log updates live: stopping the task from its page shows the stop events without a reload", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-live");
  await createTopic(topic, 1);
  await produce(
    topic,
    Array.from({ length: 5 }, (_, i) => ({ value: JSON.stringify({ n: i }) })),
  );
  const task = await openStartedTask(page, api, uniqueName("e2e live"), {
    source: { connectionId: conn.kafkaId, topics: [topic] },
    sink: { connectionId: conn.esId, index: uniqueName("e2e-live") },
  });
  const log = page.getByTestId("event-log");
  await expect(page.getByTestId("task-status")).toHaveText("running", { timeout: 60_000 });
  await expect(log.locator('li[data-kind="running"]').first()).toBeVisible();
  await expect(log.locator('li[data-kind="running"]').first()).toContainText(/Running: consumer slot \d+ on worker .+ joined the group \(lease token \d+\)/);
  await expect(metric(page, "documents-written")).toHaveText("5", { timeout: 60_000 });
  await expect(log.locator('li[data-kind="stop_requested"]')).toHaveCount(0);

  // Every request after the first asks only for what is new.
  const polls: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(`/api/tasks/${task.id}/events`)) {
      polls.push(r.url());
    }
  });

  await page.getByRole("toolbar", { name: "Task actions" }).getByRole("button", { name: "Stop", exact: true }).click();
  await expect(log.locator('li[data-kind="stop_requested"]')).toHaveCount(1);
  await expect(log.locator('li[data-kind="stopped"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId("task-status")).toHaveText("stopped");
  // Newest first: the stop is above the start.
  await expect(log.locator("li").first()).toHaveAttribute("data-kind", "stopped");
  expect(polls.length).toBeGreaterThan(0);
  expect(polls.every((u) => /[?&]after=\d+/.test(u))).toBe(true);
  await page.screenshot({ path: "test-results/shots/task-stopped-events.png", fullPage: true });
});
