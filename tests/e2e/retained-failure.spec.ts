import { countDocs, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, metric, openStartedTask, openStep, test } from "./fixtures";

test("a retained failure shows where it stopped; switching the policy to discard in the wizard lets the task finish", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-retain");
  const index = uniqueName("e2e-retain");
  await createTopic(topic, 1);
  const values = ['{"n":0}', '{"n":1}', "this is not JSON", '{"n":3}', '{"n":4}'];
  await produce(
    topic,
    values.map((value) => ({ value })),
  );
  const task = await openStartedTask(page, api, uniqueName("e2e retain"), {
    source: { connectionId: conn.kafkaId, topics: [topic] },
    sink: { connectionId: conn.esId, index, documentId: { type: "kafka_coordinates" } },
    failure: { policy: "retain" },
  });
  await expect(page.getByTestId("task-status")).toHaveText("failed", { timeout: 60_000 });
  const failure = page.getByTestId("failure-point");
  await expect(failure).toContainText(topic);
  await expect(failure.locator("dd").nth(1)).toHaveText("0"); // partition
  await expect(failure.locator("dd").nth(2)).toHaveText("2"); // offset
  await expect(failure.locator("dd").nth(3)).toHaveText("parse"); // stage
  await expect(page.getByTestId("event-log").locator('li[data-kind="failed"]')).toHaveCount(1);
  await page.screenshot({ path: "test-results/shots/task-failed.png", fullPage: true });

  // The hint leads to the wizard's failure step, prefilled.
  await failure.getByRole("link", { name: "edit the failure policy" }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}/edit\\?step=failure$`));
  await expect(page.getByLabel("Policy")).toHaveValue("retain");
  await page.getByLabel("Policy").selectOption("discard");
  await openStep(page, "Review");
  await expect(page.getByTestId("review-patch")).toContainText('"policy": "discard"');
  await expect(page.getByLabel("Start the task after saving")).toBeChecked();
  await page.screenshot({ path: "test-results/shots/wizard-edit-review.png", fullPage: true });
  await page.getByRole("button", { name: "Save changes" }).click();

  // Resumes at the failed message, discards it, and writes the rest.
  await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}$`));
  await expect(page.getByTestId("task-status")).toHaveText("running", { timeout: 60_000 });
  await expect(metric(page, "documents-written")).toHaveText("4", { timeout: 60_000 });
  await expect(metric(page, "discarded")).toHaveText("1");
  await expect(page.getByTestId("failure-point")).toHaveCount(0);
  await expect(page.getByTestId("event-log").locator('li[data-kind="message_discarded"]')).toHaveCount(1);
  expect(await countDocs(testElastic(), index)).toBe(4);
  const saved = await api.get<{ config: { failure: { policy: string } } }>(`/api/tasks/${task.id}`);
  expect(saved.config.failure.policy).toBe("discard");
});
