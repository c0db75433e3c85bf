import { readFile } from "node:fs/promises";
import { countDocs, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, metric, test } from "./fixtures";

test("rules export and import (with field errors), and restarting a stopped task from the earliest offset", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-actions");
  const index = uniqueName("e2e-actions");
  await createTopic(topic, 1);
  await produce(
    topic,
    Array.from({ length: 3 }, (_, i) => ({ value: JSON.stringify({ n: i }) })),
  );
  const task = await api.post<{ id: string }>("/api/tasks", {
    name: uniqueName("e2e actions"),
    config: {
      source: { connectionId: conn.kafkaId, topics: [topic] },
      rules: [{ type: "rename", from: "$.n", to: "number" }],
      sink: { connectionId: conn.esId, index },
    },
  });
  await page.goto(`/tasks/${task.id}`);
  const toolbar = page.getByRole("toolbar", { name: "Task actions" });

  // Export: the task's rules as a versioned document.
  const download = page.waitForEvent("download");
  await toolbar.getByRole("link", { name: "Export rules" }).click();
  const exported = JSON.parse(await readFile((await (await download).path()) ?? "", "utf8"));
  expect(exported).toMatchObject({ outflow: "rules", version: 1, rules: [{ type: "rename", from: "$.n", to: "number" }] });

  // Import: a bad document names its bad field; a good one replaces the rules.
  await toolbar.getByRole("button", { name: "Import rules…" }).click();
  const upload = page.getByLabel("Rules document");
  const bad = { outflow: "rules", version: 1, rules: [{ type: "rename", from: "$.n" }] };
  await upload.setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByRole("region", { name: "Import rules" }).getByRole("alert")).toContainText("rules.0.to");
  const good = { ...exported, rules: [...exported.rules, { type: "add", field: "imported", value: true }] };
  await upload.setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(good)) });
  await expect(page.getByRole("region", { name: "Import rules" })).toHaveCount(0);
  const imported = await api.get<{ config: { rules: unknown[] } }>(`/api/tasks/${task.id}`);
  expect(imported.config.rules).toHaveLength(2);

  // Run, stop, then restart from the earliest offset: with Elasticsearch's own IDs the replay writes the messages again.
  await toolbar.getByRole("button", { name: "Start", exact: true }).click();
  await expect(metric(page, "documents-written")).toHaveText("3", { timeout: 60_000 });
  await toolbar.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.getByTestId("task-status")).toHaveText("stopped", { timeout: 60_000 });
  await toolbar.getByRole("button", { name: "Restart from an offset…" }).click();
  const reset = page.getByRole("region", { name: "Restart from an offset" });
  await reset.getByLabel(/^Earliest/).check();
  await page.screenshot({ path: "test-results/shots/task-restart.png", fullPage: true });
  await reset.getByRole("button", { name: "Reset and start" }).click();
  await expect(page.getByTestId("event-log").locator('li[data-kind="offsets_reset"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(metric(page, "documents-written")).toHaveText("6", { timeout: 60_000 });
  expect(await countDocs(testElastic(), index)).toBe(6);
});
