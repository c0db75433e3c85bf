import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import type { Page } from "@playwright/test";
import { type Connections, createConnections, expect, openStep, selectConnection, TASK_PAGE_URL, test } from "./fixtures";

let conn: Connections;

test.beforeAll(async ({ api }) => {
  conn = await createConnections(api);
});

/** Counts the create requests the page sends from now on. */
function countCreates(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/tasks") {
      posts.push(r.url());
    }
  });
  return posts;
}

test("the review blocks a task without a name: not valid, nothing sent, the name's step opens with the error", async ({ page }) => {
  const topic = uniqueName("e2e-review-name");
  await createTopic(topic, 1);
  await produce(topic, [{ value: JSON.stringify({ app: "shop" }) }]);

  await page.goto("/tasks/new");
  await selectConnection(page, "Kafka connection", conn.kafkaName);
  await page.getByRole("checkbox", { name: new RegExp(topic) }).check();
  await openStep(page, "Target");
  await selectConnection(page, "Elasticsearch connection", conn.esName);
  await page.getByLabel("Index name").fill(uniqueName("e2e-review"));
  await openStep(page, "Review");

  const validation = page.getByTestId("review-validation");
  await expect(validation).toContainText("1 problem: cannot be saved until fixed");
  await expect(validation).not.toContainText("valid");
  await expect(page.getByTestId("review-problems")).toContainText("name");
  const posts = countCreates(page);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByRole("list", { name: "Steps" }).getByRole("button", { name: /Source/ })).toHaveAttribute("aria-current", "step");
  await expect(page.locator('[data-field-error="name"]')).toBeVisible();
  expect(posts).toEqual([]);
});

test("the review lists every problem of an invalid task at once, blocks creating it, and names connections by name", async ({ page }) => {
  await page.goto("/tasks/new");
  // No name and no topic (the schema's problems), a rule path and an index name that only the pipeline's compile
  // refuses: all four at once, not the compile's only after the schema's are fixed.
  await selectConnection(page, "Kafka connection", conn.kafkaName);
  await openStep(page, "Rules");
  await page.getByLabel("Add a rule").selectOption("rename");
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByTestId("rule-1").getByLabel("From").fill("$..[");
  await page.getByTestId("rule-1").getByLabel("To").fill("b");
  await openStep(page, "Target");
  await selectConnection(page, "Elasticsearch connection", conn.esName);
  await page.getByLabel("Index name").fill("Logs");
  await openStep(page, "Review");

  await expect(page.getByTestId("review-validation")).toContainText("4 problems: cannot be saved until fixed");
  const problems = page.getByTestId("review-problems").locator("li");
  await expect(problems).toHaveCount(4);
  for (const [i, field] of ["name", "source.topics", "rules.0.from", "sink.index"].entries()) {
    await expect(problems.nth(i)).toContainText(field);
  }
  await expect(problems.nth(3)).toContainText("must be lowercase");

  // The task in words: connections by their names, never their ids.
  const summary = page.getByTestId("review-summary");
  await expect(summary.getByRole("region", { name: "Source" })).toContainText(`Kafka connection${conn.kafkaName}`);
  await expect(summary.getByRole("region", { name: "Target" })).toContainText(`Elasticsearch connection${conn.esName}`);
  await expect(summary).not.toContainText(conn.kafkaId);
  await expect(summary).not.toContainText(conn.esId);
  await expect(summary.getByRole("region", { name: "Rules" })).toContainText("rename $..[ to b");
  await page.screenshot({ path: "test-results/shots/review-problems.png", fullPage: true });

  const posts = countCreates(page);
  await page.getByRole("button", { name: "Create task" }).click();
  // Not sent: the step of the first problem opens, its error at the field.
  await expect(page.getByRole("list", { name: "Steps" }).getByRole("button", { name: /Source/ })).toHaveAttribute("aria-current", "step");
  await expect(page.locator('[data-field-error="name"]')).toBeVisible();
  expect(posts).toEqual([]);
});

test("when every sampled message fails, the review says where and why for each, and saves only after a confirmation", async ({ page, api }) => {
  const topic = uniqueName("e2e-review-fail");
  await createTopic(topic, 1);
  // The index template renders upper case from each message: every one fails at route.
  await produce(
    topic,
    ["SHOP", "CART", "PAY"].map((app, n) => ({ value: JSON.stringify({ app, n }) })),
  );
  const name = uniqueName("e2e all fail");
  await page.goto("/tasks/new");
  await page.getByLabel("Task name").fill(name);
  await selectConnection(page, "Kafka connection", conn.kafkaName);
  await page.getByRole("checkbox", { name: new RegExp(topic) }).check();
  await openStep(page, "Target");
  await selectConnection(page, "Elasticsearch connection", conn.esName);
  await page.getByLabel("Index name").fill("logs-{$.app}");
  await openStep(page, "Failures & delivery");
  await page.getByLabel("Policy").selectOption("discard");
  await openStep(page, "Review");

  const allFail = page.getByTestId("review-all-fail");
  await expect(allFail).toContainText("Every sampled message (3 of 3) fails");
  await expect(allFail).toContainText("Under the discard policy each such message would be thrown away.");
  const items = page.getByTestId("review-failures").locator("li");
  await expect(items).toHaveCount(3);
  for (const [i, app] of ["SHOP", "CART", "PAY"].entries()) {
    await expect(items.nth(i)).toContainText(`${topic}[0]@${i}`);
    await expect(items.nth(i)).toContainText("stage route");
    await expect(items.nth(i)).toContainText(`logs-${app}`);
  }
  await expect(page.getByTestId("review-validation")).not.toContainText("valid");
  await page.screenshot({ path: "test-results/shots/review-all-fail.png", fullPage: true });

  const posts = countCreates(page);
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByTestId("save-blocked")).toContainText("Confirm below");
  expect(posts).toEqual([]);

  await page.getByLabel("I understand every sampled message fails; save anyway").check();
  await page.getByLabel("Start the task after creating it").uncheck();
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page).toHaveURL(TASK_PAGE_URL);
  expect(posts).toHaveLength(1);
  const created = await api.get<{ items: { name: string }[] }>("/api/tasks");
  expect(created.items.map((t) => t.name)).toContain(name);
});

test("a bad pattern's error stands at its field: a pattern that cannot compile, and one no sampled message matches", async ({ page }) => {
  const topic = uniqueName("e2e-review-grok");
  await createTopic(topic, 1);
  await produce(
    topic,
    ["hello world", "good morning"].map((value) => ({ value })),
  );
  await page.goto("/tasks/new");
  await page.getByLabel("Task name").fill(uniqueName("e2e grok"));
  await selectConnection(page, "Kafka connection", conn.kafkaName);
  await page.getByRole("checkbox", { name: new RegExp(topic) }).check();
  await openStep(page, "Parse");
  await page.getByLabel("Format", { exact: true }).selectOption("grok");
  const pattern = page.getByLabel("Grok pattern or preset");
  const errorAtField = page.locator('[data-field="parse.format.pattern"] [data-field-error="parse.format.pattern"]');

  await pattern.fill("%{NOPE:x}");
  await expect(errorAtField).toContainText("unknown grok pattern %{NOPE}");

  // Compiles, but matches none of the sampled messages: said at the field too, not only in the preview.
  await pattern.fill("%{NUMBER:n} %{WORD:w}");
  await expect(errorAtField).toContainText("None of the 2 sampled messages parse with this pattern");
  await page.screenshot({ path: "test-results/shots/wizard-grok-at-field.png", fullPage: true });

  await pattern.fill("%{WORD:a} %{WORD:b}");
  await expect(errorAtField).toHaveCount(0);
});

test("under CDC sync the Document ID says the mode sets it, in the target step and in the review", async ({ page }) => {
  await page.goto("/tasks/new");
  await openStep(page, "Target");
  await expect(page.getByLabel("Document ID")).toHaveValue("auto");
  await page.getByLabel("CDC sync (change events become writes and deletes by primary key)").check();
  await page.getByRole("textbox", { name: "Primary key" }).fill("$.id");
  await expect(page.getByRole("group", { name: "Document ID (set by CDC sync)" })).toContainText("the row's primary key ($.id), set by CDC sync");
  await expect(page.getByRole("combobox", { name: "Document ID" })).toHaveCount(0);
  await openStep(page, "Review");
  await expect(page.getByTestId("review-summary").getByRole("region", { name: "Target" })).toContainText("the row's primary key ($.id), set by CDC sync");
});
