import { verifyWebhook } from "@outflow/connectors/webhook-signature";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { startWebhookReceiver } from "@outflow/testing/webhook-receiver";
import { createConnections, expect, openStartedTask, openStep, test } from "./fixtures";

test("a webhook is created on the Webhooks page, and Send test shows the receiver's answer", async ({ page }) => {
  const { server, url, received } = await startWebhookReceiver("/outflow", [], { status: 202, body: "accepted-by-receiver" });
  const name = uniqueName("hook");
  const secret = "e2e-signing-secret-0123456789";
  try {
    await page.goto("/tasks");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);

    // A bad URL is refused naming the field.
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("URL", { exact: true }).fill("ftp://example.com/x");
    await page.getByLabel("Signing secret").fill(secret);
    await page.getByRole("button", { name: "Create webhook" }).click();
    await expect(page.locator('[data-field-error="url"]')).toContainText("http(s) URL");

    await page.getByLabel("URL", { exact: true }).fill(url);
    await page.getByRole("button", { name: "Create webhook" }).click();
    const row = page.locator(`[data-testid="webhook-row"][data-name="${name}"]`);
    await expect(row).toContainText(url);
    await expect(row).toContainText("firing, resolved");
    await expect(page.getByText(secret)).toHaveCount(0);

    await row.getByRole("button", { name: "Send test" }).click();
    await expect(row.getByTestId("webhook-test-result")).toContainText(/HTTP 202 \([\d,]+ ms\)/);
    await expect(row.getByTestId("webhook-test-result")).toContainText("accepted-by-receiver");
    expect(received).toHaveLength(1);
    const sent = received[0] as (typeof received)[number];
    expect(verifyWebhook(secret, sent, sent.body)).toBe(true);
    expect(JSON.parse(sent.body)).toMatchObject({ type: "test", task: null, alert: null });
    await page.screenshot({ path: "test-results/shots/webhooks.png", fullPage: true });
  } finally {
    server.close();
  }
});

test("a failing task's page shows its failed alert firing, and the wizard edits the alert rules", async ({ page, api }) => {
  const { kafkaId, esId } = await createConnections(api);
  const topic = uniqueName("e2e-alert-t");
  await createTopic(topic, 1);
  await produce(topic, [{ value: '{"id": "a"}' }, { value: "not json" }]);
  const config = {
    source: { connectionId: kafkaId, topics: [topic] },
    sink: { connectionId: esId, index: uniqueName("e2e-alert-i") },
    failure: { policy: "retain" },
    alerts: { lagAbove: { messages: 5_000 } },
  };
  const task = await openStartedTask(page, api, uniqueName("alerting"), config);
  const alerts = page.getByTestId("task-alerts");
  await expect(alerts.locator('[data-alert="lagAbove"]')).toContainText("more than 5,000 messages waiting");
  await expect(alerts.locator('[data-alert="stalled"]')).toHaveAttribute("data-state", "ok");
  // The workers evaluate every 15 s by default.
  await expect(alerts.locator('[data-alert="failed"]')).toHaveAttribute("data-state", "firing", { timeout: 45_000 });
  await expect(alerts.locator('[data-alert="failed"]')).toContainText("firing since");
  await expect(page.getByTestId("event-log")).toContainText("Alert failed firing", { timeout: 10_000 });

  // The wizard: turn one rule off and change a limit; the saved config has them, the other rules keep their defaults.
  await page.goto(`/tasks/${task.id}/edit`);
  await openStep(page, "Failures & delivery");
  await page.getByTestId("alert-fields").locator("summary").click();
  await page.getByLabel("Lag growing").uncheck();
  await page.getByLabel("Minutes without writes").fill("20");
  await openStep(page, "Review");
  await expect(page.getByTestId("review-patch")).toContainText('"alerts"');
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}$`));
  const saved = await api.get<{ config: { alerts: Record<string, unknown> } }>(`/api/tasks/${task.id}`);
  expect(saved.config.alerts).toMatchObject({
    lagGrowing: { enabled: false },
    stalled: { enabled: true, minutes: 20 },
    lagAbove: { messages: 5_000 },
    failed: { enabled: true },
  });
});
