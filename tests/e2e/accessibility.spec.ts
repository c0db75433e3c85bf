import AxeBuilder from "@axe-core/playwright";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import type { Page } from "@playwright/test";
import { createConnections, expect, fillSourceStep, metric, openStartedTask, openStep, selectConnection, test } from "./fixtures";

/** The WCAG 2.1 A and AA rules axe-core has; a serious or critical violation fails the page. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ").trim()}`));
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  expect(await violations(page), `${name}: serious or critical WCAG 2.1 AA violations`).toEqual([]);
}

test("every console page and wizard step has no serious or critical WCAG 2.1 A/AA violation (axe-core)", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-a11y");
  await createTopic(topic, 1);
  await produce(
    topic,
    Array.from({ length: 3 }, (_, i) => ({ value: JSON.stringify({ n: i, level: "INFO", msg: `m${i}` }) })),
  );
  const task = await openStartedTask(page, api, uniqueName("e2e a11y"), {
    source: { connectionId: conn.kafkaId, topics: [topic] },
    sink: { connectionId: conn.esId, index: uniqueName("e2e-a11y") },
  });
  await expect(page.getByTestId("task-status")).toHaveText("running", { timeout: 60_000 });
  await expect(metric(page, "documents-written")).toHaveText("3", { timeout: 60_000 });
  await expectAccessible(page, `task page /tasks/${task.id}`);
  // What changes on its own is announced: the status in a status region, events in a polite log; the tab says which task.
  await expect(page.getByRole("status", { name: "Task status: running" })).toHaveText("running");
  await expect(page.getByRole("log", { name: "Events" })).toHaveAttribute("aria-live", "polite");
  await expect(page).toHaveTitle(/^e2e a11y-\S+ · Tasks · Outflow$/);
  // A status change is spoken: the new text lands in the status region that was already on the page (a region put in
  // together with its text is not read out), so the element seen while running is the one that then says "stopped".
  const region = await page.getByRole("status", { name: /^Task status:/ }).elementHandle();
  await api.post(`/api/tasks/${task.id}/stop`);
  await expect
    .poll(() => region?.evaluate((el) => (el.isConnected ? `${el.getAttribute("role")}: ${el.textContent}` : "replaced")), { timeout: 60_000 })
    .toBe("status: stopped");

  for (const path of [`/tasks/${task.id}/dead-letters`, "/tasks", "/connections", "/users", "/audit", "/account", "/webhooks"]) {
    await page.goto(path);
    await expectAccessible(page, path);
  }

  await page.goto("/tasks/new");
  await fillSourceStep(page, { name: uniqueName("e2e a11y wizard"), kafkaName: conn.kafkaName, topic });
  await expectAccessible(page, "wizard: source");
  for (const step of ["Parse", "Rules", "Target"]) {
    await openStep(page, step);
    await expectAccessible(page, `wizard: ${step}`);
  }
  await selectConnection(page, "Elasticsearch connection", conn.esName);
  await page.getByLabel("Index name").fill(uniqueName("e2e-a11y-w"));
  await openStep(page, "Review");
  await expectAccessible(page, "wizard: review");
});

test("the sign-in page has no serious or critical WCAG 2.1 A/AA violation", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expectAccessible(page, "/sign-in");
  await context.close();
});

test("keyboard: the first Tab reaches a skip link that moves focus to the page's content; at 320 px nothing scrolls sideways", async ({ page }) => {
  await page.goto("/tasks");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ["/tasks", "/connections", "/tasks/new"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    // Past the right edge and not inside a box that scrolls on its own (a wide table may scroll in its frame).
    const wide = await page.evaluate(() => {
      const edge = document.documentElement.clientWidth + 0.5;
      const clipped = (el: Element): boolean => {
        for (let p = el.parentElement; p; p = p.parentElement) {
          if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX) && p.getBoundingClientRect().right <= edge) {
            return true;
          }
        }
        return false;
      };
      return Array.from(document.querySelectorAll("body *"))
        .filter((el) => el.getBoundingClientRect().right > edge && !clipped(el))
        .slice(0, 5)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${Array.from(el.classList).join(".")} (${Math.round(el.getBoundingClientRect().right)} px)`,
        );
    });
    expect(wide, `${path}: elements past the right edge at 320 px`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path}: pixels of sideways scroll at 320 px`).toBeLessThanOrEqual(0);
  }
});
