import { createTopic, produce, steadyProducer } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import type { Locator, Page } from "@playwright/test";
import { createConnections, expect, test } from "./fixtures";

const doc = (i: number) => JSON.stringify({ n: i });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many points a chart's line is drawn through (its SVG path's commands; 0 when it draws nothing). */
async function pointsDrawn(line: Locator): Promise<number> {
  const paths = await line.evaluateAll((els) => els.map((e) => e.getAttribute("d") ?? ""));
  return paths.reduce((n, d) => n + (d.match(/[MLC]/g)?.length ?? 0), 0);
}

/** Hovers the chart at `fraction` of its plot's width and returns the read-out's value for `series` (a number). */
async function readout(page: Page, chart: Locator, fraction: number, series: string): Promise<number | null> {
  const plot = chart.locator(".recharts-cartesian-grid");
  const box = await plot.boundingBox();
  if (!box) {
    throw new Error("the chart has no plot area");
  }
  await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
  const row = chart.getByTestId("chart-readout").locator("dt", { hasText: series }).locator("xpath=following-sibling::dd[1]");
  const text = (await row.textContent({ timeout: 5_000 })) ?? "";
  return text.trim() === "—" ? null : Number(text.replace(/[^0-9.]/g, ""));
}

test("charts: empty state for a new task, then a backlog and a steady stream drawn live, over every range", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-charts");
  await createTopic(topic, 2);
  const config = (index: string) => ({ source: { connectionId: conn.kafkaId, topics: [topic] }, sink: { connectionId: conn.esId, index } });

  // A new task (never started): no samples, the empty state instead of charts, in every range.
  const idle = await api.post<{ id: string }>("/api/tasks", { name: uniqueName("e2e charts idle"), config: config(uniqueName("e2e-charts-idle")) });
  await page.goto(`/tasks/${idle.id}`);
  const charts = page.getByTestId("task-charts");
  await expect(charts.getByTestId("charts-empty")).toContainText("No samples yet");
  await expect(charts.getByRole("figure")).toHaveCount(0);
  await charts.getByRole("tab", { name: "7 days" }).click();
  await expect(charts.getByTestId("charts-empty")).toContainText("Nothing was recorded in the last 7 days");

  // A backlog, then the task starts.
  const backlog = 3_000;
  await produce(
    topic,
    Array.from({ length: backlog }, (_, i) => ({ partition: i % 2, value: doc(-i - 1) })),
  );
  const task = await api.post<{ id: string }>("/api/tasks", { name: uniqueName("e2e charts"), config: config(uniqueName("e2e-charts")) });
  await api.post(`/api/tasks/${task.id}/start`);
  await page.goto(`/tasks/${task.id}`);
  await expect(charts.getByRole("tab", { name: "15 min" })).toHaveAttribute("aria-selected", "true");
  const throughput = charts.getByTestId("chart-throughput");
  await expect(throughput).toBeVisible({ timeout: 60_000 });
  await expect(charts.getByTestId("chart-failures")).toBeVisible();
  await expect(charts.getByTestId("chart-lag")).toBeVisible();
  // Axes with units, and the legend.
  await expect(throughput.locator(".recharts-label", { hasText: "per second" })).toBeVisible();
  await expect(charts.getByTestId("chart-lag").locator(".recharts-label", { hasText: "messages" })).toBeVisible();
  await expect(throughput.locator("figcaption")).toContainText("Messages in (msg/s)");

  // The backlog is drained: the messages-in line is drawn through points, and its peak read-out is above 0.
  const inLine = throughput.locator(".recharts-line-curve").first();
  await expect.poll(() => pointsDrawn(inLine), { timeout: 60_000 }).toBeGreaterThan(1);

  // A steady 100 msg/s: the newest points, read out on hover, show about that rate, and new points keep coming.
  const rate = 100;
  const producer = await steadyProducer(topic, rate, doc);
  await sleep(8_000);
  const before = await pointsDrawn(inLine);
  await sleep(6_000);
  await expect.poll(() => pointsDrawn(inLine), { timeout: 15_000 }).toBeGreaterThan(before);
  const shown = await readout(page, throughput, 0.99, "Messages in");
  expect(shown, "the newest step's messages in").not.toBeNull();
  expect(Math.abs((shown ?? 0) - rate) / rate, `read-out ${shown} msg/s against ${rate} produced`).toBeLessThanOrEqual(0.5);
  await expect(throughput.getByTestId("chart-readout")).toContainText("msg/s");
  await page.screenshot({ path: "test-results/shots/task-charts-15m.png", fullPage: true });
  await producer.stop();

  // The range selector: each range redraws with its step, the data still there.
  for (const [tab, step, range] of [
    ["1 hour", "10 s", "1h"],
    ["24 hours", "3 min", "24h"],
    ["7 days", "30 min", "7d"],
    ["15 min", "2 s", "15m"],
  ] as const) {
    await charts.getByRole("tab", { name: tab }).click();
    await expect(charts.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
    await expect(charts.locator(`[data-range="${range}"]`)).toBeVisible();
    await expect(charts).toContainText(`one point per ${step}`);
    await expect.poll(() => pointsDrawn(charts.getByTestId("chart-throughput").locator(".recharts-line-curve").first())).toBeGreaterThan(0);
  }
  await charts.getByRole("tab", { name: "1 hour" }).click();
  await expect(charts.locator('[data-range="1h"]')).toBeVisible();
  await page.screenshot({ path: "test-results/shots/task-charts-1h.png", fullPage: true });
});
