import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import type { Locator, Page } from "@playwright/test";
import { createConnections, expect, TASK_PAGE_URL, test } from "./fixtures";

/** Presses Tab (Shift+Tab with `back`) until `target` has focus: it must be reachable by keyboard. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      return;
    }
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target, `reached by ${max} presses of ${back ? "Shift+Tab" : "Tab"}`).toBeFocused({ timeout: 1 });
}

/** Picks an option of the focused select with the arrow keys (as a keyboard user does), by part of its text. */
async function arrowToOption(page: Page, select: Locator, text: string): Promise<void> {
  await expect(select).toBeFocused();
  await expect(select.locator("option", { hasText: text })).toHaveCount(1);
  for (let i = 0; i < 200; i++) {
    if ((await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? "")).includes(text)) {
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no option "${text}" reached with ArrowDown`);
}

test("keyboard only: the wizard journey from an empty form to a created task, with focus where each action leaves it", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-keys");
  const name = uniqueName("e2e keys");
  const index = uniqueName("e2e-keys");
  await createTopic(topic, 1);
  await produce(topic, [{ value: JSON.stringify({ level: "INFO", msg: "by keyboard" }) }]);

  await page.goto("/tasks/new");
  const source = page.getByRole("region", { name: "Source" });
  await expect(source.getByRole("heading", { name: "Name and source" })).toBeVisible();

  // Step 1 by keys: type the name, arrow to the connection, filter the topics and Space on ours.
  await tabTo(page, page.getByLabel("Task name"));
  await page.keyboard.type(name);
  const kafka = page.getByLabel("Kafka connection", { exact: true });
  await tabTo(page, kafka);
  await arrowToOption(page, kafka, conn.kafkaName);
  // The shared broker has many topics: narrow the list by typing, as a keyboard user would, then tick ours.
  const topics = page.getByRole("group", { name: "Topics" });
  await tabTo(page, topics.getByRole("textbox", { name: "Filter topics" }));
  await page.keyboard.type(topic);
  const topicBox = topics.getByRole("checkbox", { name: new RegExp(topic) });
  await tabTo(page, topicBox);
  await page.keyboard.press("Space");
  await expect(topicBox).toBeChecked();

  // Next moves focus to the new step's heading (not the bottom button) and announces the step.
  const announcement = page.getByTestId("step-announcement");
  for (const [next, heading, n] of [
    ["Next: Parse", "Parse", 2],
    ["Next: Rules", "Processing rules", 3],
    ["Next: Target", "Target", 4],
    ["Next: Failures", "Failure policy", 5],
    ["Next: Review", "Review", 6],
  ] as const) {
    await tabTo(page, page.getByRole("button", { name: new RegExp(`^${next}`) }));
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeFocused();
    await expect(announcement).toHaveText(new RegExp(`^Step ${n} of 6: `));
  }

  // Create with no target yet: blocked, and focus goes to the first problem, a field of the Target step that says
  // what is wrong with it (its error is its description, and it is marked invalid).
  await tabTo(page, page.getByRole("button", { name: "Create task" }));
  await page.keyboard.press("Enter");
  const target = page.getByRole("region", { name: "Target" });
  const problem = target.locator(":focus");
  await expect(problem).toHaveCount(1);
  const problemField = await problem.evaluate((el) => el.closest("[data-field]")?.getAttribute("data-field") ?? "");
  expect(problemField).toMatch(/^sink\./);
  await expect(page.getByTestId("wizard-issues")).toContainText(problemField);
  // The index field says what is wrong with it: marked invalid, its error part of its description.
  const indexField = page.getByLabel("Index name");
  await expect(indexField).toHaveAttribute("aria-invalid", "true");
  await expect(indexField).toHaveAccessibleDescription(/Index name is required/);
  const es = page.getByLabel("Elasticsearch connection", { exact: true });
  await tabTo(page, es, { back: true });
  await arrowToOption(page, es, conn.esName);
  await tabTo(page, indexField);
  await page.keyboard.type(index);
  await expect(indexField).not.toHaveAttribute("aria-invalid", "true");

  // Back to Review from the step list; Create now saves and opens the task page.
  await tabTo(page, page.getByRole("list", { name: "Steps" }).getByRole("button", { name: /Review/ }), { back: true });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: "Review", exact: true })).toBeFocused();
  await tabTo(page, page.getByRole("button", { name: "Create task" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(TASK_PAGE_URL, { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // Stop keeps focus while it is pending and after (aria-disabled, not disabled, which would drop it to the page).
  const toolbar = page.getByRole("toolbar", { name: "Task actions" });
  await expect(page.getByTestId("task-status")).toHaveText(/starting|running/, { timeout: 60_000 });
  const stop = toolbar.getByRole("button", { name: "Stop", exact: true });
  await expect(stop).not.toHaveAttribute("aria-disabled", "true");
  await tabTo(page, stop);
  await page.keyboard.press("Enter");
  await expect(stop).toHaveAttribute("aria-disabled", "true");
  await expect(stop).toBeFocused();
  await expect(page.getByTestId("task-status")).toHaveText("stopped", { timeout: 60_000 });
  await expect(stop).toBeFocused();

  // An inline panel takes focus at its first field; Escape closes it and focus returns to its opener.
  const restart = toolbar.getByRole("button", { name: "Restart from an offset…" });
  await tabTo(page, restart);
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Restart from an offset" });
  await expect(panel.getByRole("group", { name: "Where to restart" }).getByRole("radio").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(restart).toBeFocused();

  // A confirm moves focus to its question; Escape cancels it back to its button; confirming deletes.
  const remove = toolbar.getByRole("button", { name: `Delete ${name}` });
  await tabTo(page, remove);
  await page.keyboard.press("Enter");
  await expect(toolbar.getByText(`Delete ${name}?`)).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(remove).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(toolbar.getByRole("button", { name: "Delete task" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tasks$/, { timeout: 60_000 });
});
