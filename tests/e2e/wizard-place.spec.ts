import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, fillSourceStep, openStep, test } from "./fixtures";

test("the wizard keeps its place and its draft: each step opens at its top, a reload keeps the draft, leaving says the draft is kept and offers to start over", async ({
  page,
  api,
}) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-place");
  await createTopic(topic, 1);
  await produce(topic, [{ value: JSON.stringify({ app: "shop", level: "info" }) }]);
  const name = uniqueName("e2e place");

  await page.setViewportSize({ width: 1280, height: 600 });
  await page.goto("/tasks/new");
  await fillSourceStep(page, { name, kafkaName: conn.kafkaName, topic });

  // A long rules step, scrolled to its end.
  await openStep(page, "Rules");
  for (let i = 0; i < 4; i++) {
    await page.getByRole("button", { name: "Add rule", exact: true }).click();
  }
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  // The next step opens at its top.
  await page.getByRole("button", { name: /^Next: Target/ }).click();
  await expect(page.getByRole("region", { name: "Target" })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.getByRole("region", { name: "Target" })).toBeInViewport();

  // A reload keeps the draft and the step.
  await page.getByLabel("Index name").fill("kept-index");
  page.once("dialog", (d) => void d.accept()); // the browser's "leave site?" on reload
  await page.reload();
  await expect(page.getByTestId("draft-restored")).toBeVisible();
  await expect(page.getByLabel("Index name")).toHaveValue("kept-index");
  await openStep(page, "Source");
  await expect(page.getByLabel("Task name")).toHaveValue(name);

  // Leaving through the console's navigation asks first, in words that say what happens; Stay stays.
  const nav = page.getByRole("navigation", { name: "Main" });
  const dialog = page.getByRole("dialog", { name: "Leave the wizard?" });
  await nav.getByRole("link", { name: "Connections" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("the draft stays in this browser tab");
  await dialog.getByRole("button", { name: "Stay" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/tasks\/new/);
  await expect(page.getByLabel("Task name")).toHaveValue(name);

  // Leaving keeps the draft: the wizard brings it back, and says where it was kept (no reload claimed).
  await nav.getByRole("link", { name: "Connections" }).click();
  await dialog.getByRole("button", { name: "Leave, keep the draft" }).click();
  await expect(page).toHaveURL(/\/connections/);
  await page.goto("/tasks/new");
  await expect(page.getByTestId("draft-restored")).toContainText("kept in this browser tab");
  await openStep(page, "Source");
  await expect(page.getByLabel("Task name")).toHaveValue(name);

  // Start over (offered with the restored draft) forgets it: an empty wizard, nothing claimed restored.
  await page.getByTestId("draft-restored").getByRole("button", { name: "Start over" }).click();
  await expect(page.getByLabel("Task name")).toHaveValue("");
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);

  // "Start over and leave" leaves without keeping anything.
  await page.getByLabel("Task name").fill(name);
  await nav.getByRole("link", { name: "Connections" }).click();
  await dialog.getByRole("button", { name: "Start over and leave" }).click();
  await expect(page).toHaveURL(/\/connections/);
  await page.goto("/tasks/new");
  await expect(page.getByLabel("Task name")).toHaveValue("");
  await expect(page.getByTestId("draft-restored")).toHaveCount(0);
});
