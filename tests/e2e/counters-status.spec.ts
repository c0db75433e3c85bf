import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, metric, openStartedTask, test } from "./fixtures";

test("counters after retain → discard count each message once; sampled events say how many were not shown", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-counters");
  await createTopic(topic, 1);
  // Offsets 0, 1 good; 2..4 not JSON; 5 good.
  await produce(
    topic,
    ['{"n":0}', '{"n":1}', "bad 2", "bad 3", "bad 4", '{"n":5}'].map((value) => ({ value })),
  );
  const task = await openStartedTask(page, api, uniqueName("e2e counters"), {
    source: { connectionId: conn.kafkaId, topics: [topic] },
    sink: { connectionId: conn.esId, index: uniqueName("e2e-counters"), documentId: { type: "kafka_coordinates" } },
    failure: { policy: "retain" },
  });
  const status = page.getByTestId("task-status");
  const log = page.getByTestId("event-log");
  await expect(status).toHaveText("failed", { timeout: 60_000 });
  await expect(metric(page, "failed")).toHaveText("1");

  // Started again without a fix: it stops at the same message, which is still one message held.
  await api.post(`/api/tasks/${task.id}/start`);
  await expect(log.locator('li[data-kind="failed"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(status).toHaveText("failed");
  await expect(metric(page, "failed")).toHaveText("1");

  // Switched to discard: the three bad messages are discarded, none is still counted as retained.
  await api.patch(`/api/tasks/${task.id}`, { config: { failure: { policy: "discard" } } });
  await api.post(`/api/tasks/${task.id}/start`);
  await expect(metric(page, "messages-in")).toHaveText("6", { timeout: 60_000 });
  await expect(metric(page, "discarded")).toHaveText("3");
  await expect(metric(page, "failed")).toHaveText("0");
  await expect(page.getByTestId("metric-failed")).toContainText("held by the retain policy, not yet settled");
  await expect(metric(page, "documents-written")).toHaveText("3");

  // Discard events are sampled: the log says so, with what it does not show.
  const shown = await log.locator('li[data-kind="message_discarded"]').count();
  expect(shown).toBeGreaterThan(0);
  await expect(page.getByTestId("sampled-message_discarded")).toContainText(
    `Discarded: 3 messages counted, ${shown} shown here, ${3 - shown} not shown. These events are sampled`,
  );

  // The badge and the latest status event agree.
  await expect(status).toHaveText("running", { timeout: 60_000 });
  const latest = log
    .locator("li")
    .filter({ has: page.locator(".mono", { hasText: /^(running|retrying|recovered|failed|stopped|start_requested)$/ }) })
    .first();
  await expect(latest).toHaveAttribute("data-kind", "running");
  await page.screenshot({ path: "test-results/shots/counters-after-discard.png", fullPage: true });
});
