import { ApiClient } from "@outflow/testing/api-client";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { test as base, expect, type Page } from "@playwright/test";

/** The stack's URL, set by global-setup.ts (workers inherit the environment). */
export function baseUrl(): string {
  const url = process.env.OUTFLOW_E2E_BASE_URL;
  if (!url) {
    throw new Error("OUTFLOW_E2E_BASE_URL is not set: run the browser tests with `npx playwright test` (its global setup starts the stack)");
  }
  return url;
}

type Fixtures = { api: ApiClient };

/** Playwright's test with an API client (as the stack's admin) for arranging data the test is not about. */
export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  baseURL: async ({}, use) => use(baseUrl()),
  // biome-ignore lint/correctness/noEmptyPattern: as above
  api: async ({}, use) => use(new ApiClient(baseUrl(), process.env.OUTFLOW_E2E_TOKEN)),
});

export { expect };

export type Connections = { kafkaId: string; kafkaName: string; esId: string; esName: string };

/** A Kafka and an Elasticsearch connection to the real services, through the API. */
export async function createConnections(api: ApiClient): Promise<Connections> {
  const kafkaName = uniqueName("kafka");
  const esName = uniqueName("es");
  const k = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: kafkaName, brokers: SERVICES.kafkaBrokers });
  const e = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: esName, nodes: [SERVICES.elasticsearchUrl] });
  return { kafkaId: k.id, kafkaName, esId: e.id, esName };
}

/** Step 1 of the wizard: name, Kafka connection (by its name) and one topic. */
export async function fillSourceStep(page: Page, opts: { name: string; kafkaName: string; topic: string }): Promise<void> {
  await page.getByLabel("Task name").fill(opts.name);
  await selectConnection(page, "Kafka connection", opts.kafkaName);
  await page.getByRole("checkbox", { name: new RegExp(opts.topic) }).check();
}

/** Chooses a connection by its name in the connection select labelled `label`. */
export async function selectConnection(page: Page, label: string, name: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  const option = select.locator("option", { hasText: name });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute("value")) ?? "");
}

/** Opens a wizard step by its name in the step list. */
export async function openStep(page: Page, label: string): Promise<void> {
  await page
    .getByRole("list", { name: "Steps" })
    .getByRole("button", { name: new RegExp(label) })
    .click();
}

/** Follows a link of the left navigation. */
export async function navigate(page: Page, to: "Tasks" | "Connections"): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: to }).click();
}

/** The value shown on a metric card of the task page. */
export const metric = (page: Page, id: string) => page.getByTestId(`metric-${id}`).locator(".value");

/** A saved task's page: `/tasks/<id>`, not the wizard's `/tasks/new` (which a create leaves only once it answered). */
export const TASK_PAGE_URL = /\/tasks\/(?!new$)[^/?#]+$/;

/**
 * Arranges a task through the API (`config` is its whole config), starts it and opens its page: for tests about
 * what the page shows of a running task.
 */
export async function openStartedTask(page: Page, api: ApiClient, name: string, config: Record<string, unknown>): Promise<{ id: string }> {
  const task = await api.post<{ id: string }>("/api/tasks", { name, config });
  await api.post(`/api/tasks/${task.id}/start`);
  await page.goto(`/tasks/${task.id}`);
  return task;
}
