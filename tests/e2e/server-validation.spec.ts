import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { type Connections, createConnections, expect, fillSourceStep, openStep, selectConnection, test } from "./fixtures";

let conn: Connections;
let topic: string;

test.beforeAll(async ({ api }) => {
  conn = await createConnections(api);
  topic = uniqueName("e2e-validation");
  await createTopic(topic, 1);
  await produce(topic, [{ value: JSON.stringify({ app: "shop", n: 1 }) }]);
});

test("a draft the browser knows is wrong is not sent: Create opens the step of the problem (uppercase index name)", async ({ page }) => {
  await page.goto("/tasks/new");
  await fillSourceStep(page, { name: uniqueName("e2e invalid"), kafkaName: conn.kafkaName, topic });
  await openStep(page, "Target");
  await selectConnection(page, "Elasticsearch connection", conn.esName);
  await page.getByLabel("Index name").fill("Logs-UPPER");
  // As you type: the same compile in the browser already names the problem.
  await expect(page.locator('[data-field-error="sink.index"][data-origin="client"]')).toContainText("must be lowercase");

  await openStep(page, "Review");
  await expect(page.getByTestId("review-validation")).toContainText("cannot be saved until fixed");
  await expect(page.getByTestId("review-problems")).toContainText("sink.index");
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/tasks") {
      posts.push(r.url());
    }
  });
  await page.getByRole("button", { name: "Create task" }).click();

  // Blocked: the Target step opens with the problem at its input, and nothing was sent.
  await expect(page.getByRole("list", { name: "Steps" }).getByRole("button", { name: /Target/ })).toHaveAttribute("aria-current", "step");
  await expect(page.locator('[data-field="sink.index"] [data-field-error="sink.index"]')).toContainText("must be lowercase");
  await expect(page.getByTestId("wizard-issues")).toContainText("sink.index");
  await page.screenshot({ path: "test-results/shots/wizard-blocked-invalid.png", fullPage: true });
  expect(posts).toEqual([]);

  // Fixing the field clears its error.
  await page.getByLabel("Index name").fill("logs-ok");
  await expect(page.locator('[data-field-error="sink.index"]')).toHaveCount(0);
});

test("a name already in use (a check only the server can make) is shown next to the name", async ({ page, api }) => {
  const name = uniqueName("e2e taken");
  await api.post("/api/tasks", {
    name,
    config: { source: { connectionId: conn.kafkaId, topics: [topic] }, sink: { connectionId: conn.esId, index: "taken" } },
  });

  await page.goto("/tasks/new");
  await fillSourceStep(page, { name, kafkaName: conn.kafkaName, topic });
  await openStep(page, "Target");
  await selectConnection(page, "Elasticsearch connection", conn.esName);
  await page.getByLabel("Index name").fill(uniqueName("e2e-taken"));
  await openStep(page, "Review");
  await page.getByRole("button", { name: "Create task" }).click();

  await expect(page.getByRole("list", { name: "Steps" }).getByRole("button", { name: /Source/ })).toHaveAttribute("aria-current", "step");
  await expect(page.locator('[data-field-error="name"][data-origin="server"]')).toContainText("Name is already in use");
  await expect(page.getByTestId("wizard-issues")).toContainText(`A task named "${name}" already exists`);
});
