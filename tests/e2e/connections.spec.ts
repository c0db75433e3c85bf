import { SERVICES, uniqueName } from "@outflow/testing/services";
import { expect, navigate, test } from "./fixtures";

test("secrets are write-only: editing without retyping keeps them; deleting a connection in use is refused", async ({ page, api }) => {
  const name = uniqueName("es-basic");
  await page.goto("/connections");
  await page.getByRole("button", { name: "New Elasticsearch connection" }).click();
  const form = page.getByRole("form", { name: "New Elasticsearch connection" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Nodes").fill(SERVICES.elasticsearchUrl);
  await form.getByLabel("Username and password").check();
  await form.getByLabel("Username", { exact: true }).fill("elastic");
  await form.getByLabel("Password", { exact: true }).fill("s3cret");
  await form.getByRole("button", { name: "Create connection" }).click();
  const row = page.getByTestId(`connection-${name}`);
  await expect(row).toContainText("password set");

  // Edit: the password field is empty with a "set" badge; saving a new name keeps the stored password.
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit Elasticsearch connection" });
  await expect(edit.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(edit.getByText("set", { exact: true })).toBeVisible();
  await expect(edit.getByRole("button", { name: "Test saved connection" })).toBeVisible();
  await page.screenshot({ path: "test-results/shots/connection-edit.png", fullPage: true });
  const renamed = `${name}-renamed`;
  await edit.getByLabel("Name", { exact: true }).fill(renamed);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId(`connection-${renamed}`)).toContainText("password set");
  const items = (await api.get<{ items: { name: string; auth?: { hasPassword?: boolean } }[] }>("/api/connections")).items;
  expect(items.find((c) => c.name === renamed)?.auth?.hasPassword).toBe(true);

  // In use by a task: delete answers 409, shown on the row.
  const k = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  const esId = (await api.get<{ items: { id: string; name: string }[] }>("/api/connections")).items.find((c) => c.name === renamed)?.id;
  const taskName = uniqueName("e2e uses es");
  await api.post("/api/tasks", { name: taskName, config: { source: { connectionId: k.id, topics: ["t"] }, sink: { connectionId: esId, index: "x" } } });
  await navigate(page, "Tasks");
  await navigate(page, "Connections");
  const used = page.getByTestId(`connection-${renamed}`);
  await used.getByRole("button", { name: "Delete" }).click();
  await used.getByRole("button", { name: "Delete", exact: true }).click(); // the confirmation
  await expect(page.getByRole("alert").filter({ hasText: "Still in use" })).toContainText(taskName);
  await page.screenshot({ path: "test-results/shots/connection-in-use.png", fullPage: true });
});
