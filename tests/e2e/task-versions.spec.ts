import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, test } from "./fixtures";

test("the event log says who acted, and the Versions panel lists saved configs with their diff and restores one", async ({ page, api }) => {
  const me = await api.get<{ email: string }>("/api/me");
  const conn = await createConnections(api);
  const task = await api.post<{ id: string }>("/api/tasks", {
    name: uniqueName("e2e versions"),
    config: { source: { connectionId: conn.kafkaId, topics: [uniqueName("e2e-versions")] }, sink: { connectionId: conn.esId, index: "versions-one" } },
  });
  await api.patch(`/api/tasks/${task.id}`, { config: { sink: { index: "versions-two" } } });
  await page.goto(`/tasks/${task.id}`);

  const created = page.getByTestId("event-log").locator('li[data-kind="created"]');
  await expect(created.getByTestId("event-actor")).toHaveText(`by ${me.email}`);

  await page.getByText("Versions", { exact: true }).click();
  const versions = page.getByTestId("config-versions");
  await expect(versions.locator("li")).toHaveCount(2);
  const v2 = versions.locator('li[data-version="2"]');
  await expect(v2).toContainText("Configuration saved");
  await expect(v2).toContainText(`by ${me.email}`);
  await v2.getByText("diff from the version before").click();
  await expect(v2).toContainText("versions-two");
  // The newest version is the current one: only older ones can be restored.
  await expect(v2.getByRole("button", { name: "Restore" })).toHaveCount(0);

  const v1 = versions.locator('li[data-version="1"]');
  await v1.getByRole("button", { name: "Restore" }).click();
  await v1.getByRole("button", { name: "Restore v1" }).click();
  await expect(versions.locator('li[data-version="3"]')).toContainText("Restored version 1");
  const restored = await api.get<{ config: { sink: { index: string } } }>(`/api/tasks/${task.id}`);
  expect(restored.config.sink.index).toBe("versions-one");
});
