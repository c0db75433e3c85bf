import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import { createTopic, produce, steadyProducer } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import type { Page } from "@playwright/test";
import { createConnections, expect, metric, test } from "./fixtures";

const doc = (i: number) => JSON.stringify({ n: i });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The throughput card's number (it reads "250/s"). */
async function shownRate(page: Page): Promise<number> {
  return Number(((await metric(page, "rate").textContent()) ?? "").replace(/[^0-9.]/g, ""));
}

/** Every partition row's committed and end offsets as the table shows them. */
async function shownOffsets(page: Page): Promise<{ committed: string; end: string; lag: string }[]> {
  return page
    .getByRole("table", { name: "Partitions" })
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => {
        const cells = Array.from(r.querySelectorAll("td"), (c) => c.textContent?.trim() ?? "");
        return { committed: cells[2] ?? "", end: cells[3] ?? "", lag: cells[4] ?? "" };
      }),
    );
}

test("the rate card follows the traffic (backlog, steady stream, stop) and committed ≤ end under live traffic", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-rate");
  await createTopic(topic, 2);
  const backlog = 2_000;
  await produce(
    topic,
    Array.from({ length: backlog }, (_, i) => ({ partition: i % 2, value: doc(-i - 1) })),
  );
  const name = uniqueName("e2e rate");
  const task = await api.post<{ id: string }>("/api/tasks", {
    name,
    config: { source: { connectionId: conn.kafkaId, topics: [topic] }, sink: { connectionId: conn.esId, index: uniqueName("e2e-rate") } },
  });
  await page.goto(`/tasks/${task.id}`);
  await expect(page.getByTestId("metric-rate")).toContainText(`Throughput (last ${RATE_WINDOW_SECONDS} s)`);
  await api.post(`/api/tasks/${task.id}/start`);

  // Backlog: the card shows the drain while it happens (it showed 0/s), never more than was produced. While the
  // task has run less than the window, the rate is over the time it has run.
  let drainRate = 0;
  await expect
    .poll(
      async () => {
        drainRate = Math.max(drainRate, await shownRate(page));
        return drainRate;
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBeGreaterThan(0);
  // Samples are about a second apart, so no reading can claim more than the whole backlog in one second.
  expect(drainRate).toBeLessThanOrEqual(backlog);
  await expect(metric(page, "messages-in")).toHaveText("2,000", { timeout: 60_000 });

  // Steady 250 msg/s: once the window holds only the stream, every reading within 10 % of it.
  const rate = 250;
  const producer = await steadyProducer(topic, rate, doc);
  await sleep((RATE_WINDOW_SECONDS + 2) * 1000);
  const readings: number[] = [];
  const offsets: { committed: string; end: string; lag: string }[] = [];
  for (let i = 0; i < 8; i++) {
    readings.push(await shownRate(page));
    offsets.push(...(await shownOffsets(page)));
    await sleep(1_000);
  }
  await page.screenshot({ path: "test-results/shots/task-steady-rate.png", fullPage: true });
  const produced = await producer.stop();
  const stoppedAt = Date.now();
  for (const r of readings) {
    expect(Math.abs(r - rate) / rate, `card ${r}/s against ${rate}/s produced (readings ${readings.join(", ")})`).toBeLessThanOrEqual(0.1);
  }
  // Committed never past the end, in what the page shows under live traffic.
  expect(offsets.length).toBeGreaterThan(0);
  for (const o of offsets) {
    const committed = Number(o.committed.replace(/,/g, ""));
    const end = Number(o.end.replace(/,/g, ""));
    expect(committed, `committed ${o.committed} end ${o.end}`).toBeLessThanOrEqual(end);
    expect(Number(o.lag.replace(/,/g, ""))).toBe(end - committed);
  }

  // Stopped: the card is the average of the last 10 s, as its label says, so it falls over the window (3 s after
  // the traffic stopped the window still holds about 7 s of it) and is 0 once the window has passed.
  await sleep(3_000);
  const falling = await shownRate(page);
  expect(falling, "3 s after the traffic stopped, the last 10 s still hold most of it").toBeGreaterThan(rate * 0.3);
  expect(falling).toBeLessThanOrEqual(rate * 1.1);
  await expect.poll(() => shownRate(page), { timeout: (RATE_WINDOW_SECONDS + 10) * 1000, intervals: [250] }).toBe(0);
  const zeroAfter = Date.now() - stoppedAt;
  expect(zeroAfter, "0/s once the window has passed, not before").toBeGreaterThanOrEqual((RATE_WINDOW_SECONDS - 3) * 1000);
  expect(zeroAfter).toBeLessThanOrEqual((RATE_WINDOW_SECONDS + 8) * 1000);
  await expect(metric(page, "messages-in")).toHaveText((backlog + produced).toLocaleString("en-US"), { timeout: 60_000 });

  // The task list shows the same figure (0 now).
  await page.goto("/tasks");
  await expect(page.getByRole("columnheader", { name: `Throughput (last ${RATE_WINDOW_SECONDS} s)` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("0/s");
});
