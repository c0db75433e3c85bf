import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "@outflow/connectors/webhook-signature";
import { uniqueName } from "@outflow/testing/services";
import { expect, test } from "./fixtures";

test("a webhook is created on the Webhooks page, and Send test shows the receiver's answer", async ({ page }) => {
  const received: { body: string; signature: string; timestamp: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: String(req.headers["x-outflow-signature"]),
        timestamp: String(req.headers["x-outflow-timestamp"]),
      });
      res.writeHead(202, { "content-type": "text/plain" }).end("accepted-by-receiver");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/outflow`;
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
    await expect(row.getByTestId("webhook-test-result")).toContainText(/HTTP 202 \(\d+ ms\)/);
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
