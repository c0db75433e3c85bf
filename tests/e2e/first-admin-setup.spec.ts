import { uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { expect, test } from "@playwright/test";

/**
 * A fresh install: a stack of its own without any user (the shared one has its admin already), and the setup
 * link `npm start` prints, made by the product's firstRun.
 */
let stack: Stack;
test.use({ storageState: { cookies: [], origins: [] } });
test.beforeAll(async () => {
  stack = await Stack.start({ workers: 0, admin: false });
});
test.afterAll(async () => {
  await stack?.stop();
});

test("the setup link creates the first admin once, who is then signed in; a wrong or used link creates nobody", async ({ page }) => {
  const link = await stack.setupLink();
  await page.goto(`${stack.baseUrl}/setup?token=not-the-token`);
  // (Next's route announcer is an empty alert too.)
  await expect(page.getByRole("alert").filter({ hasText: "This setup link is unknown, used or expired" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create admin and sign in" })).toHaveCount(0);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Create the first admin" })).toBeVisible();
  const email = `${uniqueName("first-admin")}@outflow.test`.toLowerCase();
  await page.getByLabel("Your name").fill("First Admin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("first-admin-password-1");
  await page.getByRole("button", { name: "Create admin and sign in" }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByTestId("signed-in-user")).toContainText(email);
  const me = await page.request.get(`${stack.baseUrl}/api/me`);
  expect(await me.json()).toMatchObject({ email, role: "admin" });

  // The link is spent: opened again, it says so and offers no form.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "The first admin already exists." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create admin and sign in" })).toHaveCount(0);
});
