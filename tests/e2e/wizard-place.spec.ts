import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, fillSourceStep, openStep, test } from "./fixtures";

test("the wizard keeps its place and its draft: each step opens at its top, leaving asks first, a reload keeps the draft", async ({ page, api }) => {
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

  // Leaving through the console's navigation asks first; declining stays with the draft.
  const asked: string[] = [];
  page.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("unsaved changes");
  await expect(page).toHaveURL(/\/tasks\/new/);
  await expect(page.getByLabel("Task name")).toHaveValue(name);

  // Accepting leaves.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connections" }).click();
  await expect(page).toHaveURL(/\/connections/);
});
