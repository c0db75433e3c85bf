import { ApiClient } from "@outflow/testing/api-client";
import { uniqueName } from "@outflow/testing/services";
import type { Page } from "@playwright/test";
import { baseUrl, expect, test } from "./fixtures";

/** Pages that start without the admin's stored session. */
const signedOut = { cookies: [], origins: [] };

/** What the sign-in form says when the console refuses sign-ins after failed ones (429). */
const TOO_MANY = /Too many failed sign-ins: try again in (\d+) s/;

/**
 * Signs in on the page. Failed sign-ins are limited per account and address, and every test signs in from
 * 127.0.0.1: when the form says to wait, the test waits as a user would and signs in again.
 */
async function signInPage(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const tasks = page.getByRole("heading", { name: "Tasks" });
  const wait = page.getByText(TOO_MANY);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(tasks.or(wait)).toBeVisible();
  if (await wait.isVisible()) {
    const seconds = Number(TOO_MANY.exec((await wait.textContent()) ?? "")?.[1]);
    expect(seconds).toBeGreaterThan(0);
    await page.waitForTimeout(seconds * 1000);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(tasks).toBeVisible();
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("signs in, and after signing out every console page goes to sign-in", async ({ page, api }) => {
    const email = `${uniqueName("editor")}@outflow.test`;
    await api.post("/api/users", { name: "Ed", email, password: "editor-password-1", role: "editor" });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong email or password")).toBeVisible();

    await signInPage(page, email, "editor-password-1");
    await expect(page.getByTestId("signed-in-user")).toContainText(email);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/connections");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a viewer sees no edit controls, and is told why on a direct URL", async ({ page, api }) => {
    const email = `${uniqueName("viewer")}@outflow.test`;
    await api.post("/api/users", { name: "Vi", email, password: "viewer-password-1", role: "viewer" });
    await signInPage(page, email, "viewer-password-1");
    await expect(page.getByRole("link", { name: "New task" })).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
    await page.goto("/connections");
    await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();
    await expect(page.getByRole("button", { name: "New Kafka connection" })).toHaveCount(0);
    await page.goto("/tasks/new");
    await expect(page.getByTestId("role-gate")).toContainText("needs the editor role; you are signed in as a viewer");
    await page.goto("/users");
    await expect(page.getByTestId("role-gate")).toContainText("needs the admin role");
  });

  test("guessing passwords is slowed: after 5 wrong ones for an account the form says how long to wait", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("nobody@outflow.test");
    await page.getByLabel("Password").fill("guess-number-1");
    const wait = page.getByText(TOO_MANY);
    for (let i = 0; i < 6 && !(await wait.isVisible()); i++) {
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByText("Wrong email or password").or(wait)).toBeVisible();
    }
    await expect(wait).toBeVisible();
  });
});

test("a token made on the account page works on the API with its owner's role", async ({ page }) => {
  await page.goto("/account");
  await page.getByLabel("Token name").fill("from the browser");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^ofw_/);
  await expect(page.getByRole("cell", { name: "from the browser", exact: true })).toBeVisible();

  const me = await new ApiClient(baseUrl(), token).get<{ role: string; via: string }>("/api/me");
  expect(me).toMatchObject({ role: "admin", via: "token" });
  const anonymous = await new ApiClient(baseUrl()).expectError("GET", "/api/tasks");
  expect(anonymous.status).toBe(401);
});
