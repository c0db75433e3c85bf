import { uniqueName } from "@outflow/testing/services";
import { baseUrl, createConnections, expect, test } from "./fixtures";

test("in Chinese the task list and page speak Chinese (status names, cards, charts, actions) while the API's values stay as they are", async ({
  page,
  api,
}) => {
  const conn = await createConnections(api);
  const name = uniqueName("e2e zh task");
  const task = await api.post<{ id: string }>("/api/tasks", {
    name,
    config: { source: { connectionId: conn.kafkaId, topics: [uniqueName("e2e-zh")] }, sink: { connectionId: conn.esId, index: "zh-task" } },
  });
  // The language switch's cookie (the admin has stored no language of their own).
  await page.context().addCookies([{ name: "outflow-locale", value: "zh-CN", url: baseUrl() }]);

  await page.goto(`/tasks?q=${encodeURIComponent(name)}`);
  const row = page.getByTestId(`task-row-${name}`);
  await expect(row.getByTestId("task-status")).toHaveText("已创建");
  await expect(row.getByTestId("task-status")).toHaveAttribute("data-status", "created");
  await expect(page.getByRole("button", { name: "按名称排序" })).toBeVisible();
  await expect(page.getByTestId("task-list-range")).toHaveText("第 1–1 个，共 1 个");
  await expect(row.getByRole("button", { name: `启动 ${name}` })).toBeVisible();

  await page.goto(`/tasks/${task.id}`);
  await expect(page.getByRole("status", { name: "任务状态：已创建" })).toHaveText("已创建");
  await expect(page.getByRole("toolbar", { name: "任务操作" }).getByRole("button", { name: "启动", exact: true })).toBeVisible();
  await expect(page.getByTestId("metric-lag")).toContainText("积压");
  await expect(page.getByTestId("metric-lag")).toContainText("在 Kafka 中等待的消息");
  await expect(page.getByTestId("counters-age")).toHaveText("计数器为最终值：没有 worker 运行此任务");
  await expect(page.getByTestId("ledger-summary")).toContainText("尚未消费任何分区");
  const charts = page.getByTestId("task-charts");
  await expect(charts.getByTestId("charts-empty")).toContainText("还没有样本");
  await charts.getByRole("tab", { name: "7 天" }).click();
  await expect(charts.getByTestId("charts-empty")).toContainText("最近 7 天内没有记录");
  await expect(page.getByTestId("task-alerts")).toContainText("重试时间过长");
  await expect(page.getByTestId("event-log").locator('li[data-kind="created"] .badge')).toHaveText("信息");
  // The event's words come from the catalogue (details.messageKey), its stored message stays English.
  await expect(page.getByTestId("event-log").locator('li[data-kind="created"]')).toContainText(`已创建任务“${name}”`);
  // A config version's note is worded from the catalogue too; the stored and API note stays English.
  await page.locator('details[aria-label="配置版本"] > summary').click();
  const note = page.getByTestId("config-versions").locator('li[data-version="1"]').getByTestId("version-note");
  await expect(note).toHaveText("已创建任务");
  await expect(note).not.toHaveAttribute("data-server-text");
  const versions = await api.get<{ items: { note: string }[] }>(`/api/tasks/${task.id}/versions`);
  expect(versions.items.map((v) => v.note)).toEqual(["Task created"]);
  await page.screenshot({ path: "test-results/shots/task-page-zh.png", fullPage: true });
});
