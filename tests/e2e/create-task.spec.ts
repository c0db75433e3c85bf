import { allDocs, countDocs, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { expect, fillSourceStep, metric, navigate, selectConnection, TASK_PAGE_URL, test } from "./fixtures";

const LEVELS = ["INFO", "DEBUG", "INFO", "WARN", "DEBUG", "INFO", "INFO", "ERROR"];

test("create connections and a task in the UI, preview it, start it and see the documents arrive", async ({ page }) => {
  const topic = uniqueName("e2e-app-logs");
  const index = uniqueName("e2e-logs");
  await createTopic(topic, 2);
  await produce(
    topic,
    LEVELS.map((level, i) => ({ partition: i % 2, value: JSON.stringify({ id: i + 1, level, msg: `event ${i + 1}`, user: { name: `u${i}` } }) })),
  );
  const written = LEVELS.filter((l) => l !== "DEBUG").length;

  // Connections, each tested before it is saved.
  const kafkaName = uniqueName("local-kafka");
  const esName = uniqueName("local-es");
  await page.goto("/connections");
  await page.getByRole("button", { name: "New Kafka connection" }).click();
  const kafkaForm = page.getByRole("form", { name: "New Kafka connection" });
  await kafkaForm.getByLabel("Name", { exact: true }).fill(kafkaName);
  await kafkaForm.getByLabel("Brokers").fill(SERVICES.kafkaBrokers.join("\n"));
  await kafkaForm.getByRole("button", { name: "Test connection" }).click();
  await expect(kafkaForm.getByTestId("connection-test-result")).toContainText("Connection OK");
  await kafkaForm.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByTestId(`connection-${kafkaName}`)).toBeVisible();

  await page.getByRole("button", { name: "New Elasticsearch connection" }).click();
  const esForm = page.getByRole("form", { name: "New Elasticsearch connection" });
  await esForm.getByLabel("Name", { exact: true }).fill(esName);
  await esForm.getByLabel("Nodes").fill(SERVICES.elasticsearchUrl);
  await esForm.getByRole("button", { name: "Test connection" }).click();
  await expect(esForm.getByTestId("connection-test-result")).toContainText("Connection OK");
  await esForm.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByTestId(`connection-${esName}`)).toBeVisible();
  await page.screenshot({ path: "test-results/shots/connections.png", fullPage: true });

  // Wizard, step 1: source.
  await navigate(page, "Tasks");
  await page.getByRole("link", { name: "New task" }).click();
  await expect(page).toHaveURL(/\/tasks\/new$/);
  await fillSourceStep(page, { name: `e2e ${topic}`, kafkaName, topic });
  await page.screenshot({ path: "test-results/shots/wizard-source.png", fullPage: true });

  // Step 2: the first messages, raw and parsed.
  await page.getByRole("button", { name: /Next: Parse/ }).click();
  await expect(page.getByTestId("raw-value")).toContainText('"level"');
  await expect(page.getByTestId("parsed-record")).toContainText('"user": {');
  await page.screenshot({ path: "test-results/shots/wizard-parse.png", fullPage: true });

  // Step 3: rules, with the server's preview after each step.
  await page.getByRole("button", { name: /Next: Rules/ }).click();
  await page.getByLabel("Add a rule").selectOption("rename");
  await page.getByRole("button", { name: "Add rule" }).click();
  const rename = page.getByTestId("rule-1");
  await rename.getByLabel("From").fill("$.msg");
  await rename.getByLabel("To").fill("message");
  // Each rule step shows what it changed; the toggle shows the whole record after it.
  const renamed = page.getByTestId("preview-step-rule 1 rename");
  await expect(renamed.locator('[data-change="added"]')).toContainText('$.message "event');
  await expect(renamed.locator('[data-change="removed"]')).toContainText("$.msg");
  await page.getByLabel("Show whole documents").check();
  await expect(renamed).toContainText('"message": "event');
  await expect(renamed).not.toContainText('"msg"');
  await page.getByLabel("Show whole documents").uncheck();

  await page.getByLabel("Add a rule").selectOption("filter");
  await page.getByRole("button", { name: "Add rule" }).click();
  const filter = page.getByTestId("rule-2");
  await filter.getByLabel("Field").fill("$.level");
  await filter.getByLabel("Value").fill("DEBUG");
  await expect(page.getByTestId("preview-step-rule 2 filter")).toBeVisible();
  await expect(page.getByTestId("preview-bulk")).toContainText('"message":"event');
  await page.screenshot({ path: "test-results/shots/wizard-rules.png", fullPage: true });

  // Step 4: target.
  await page.getByRole("button", { name: /Next: Target/ }).click();
  await selectConnection(page, "Elasticsearch connection", esName);
  await page.getByLabel("Index name").fill(index);
  await page.getByLabel("Document ID").selectOption("kafka_coordinates");
  await expect(page.getByTestId("preview-bulk")).toContainText(`"_index":"${index}"`);
  await page.screenshot({ path: "test-results/shots/wizard-target.png", fullPage: true });

  // Steps 5 and 6: failure policy (defaults), review, create and start.
  await page.getByRole("button", { name: /Next: Failures/ }).click();
  await expect(page.getByLabel("Policy")).toHaveValue("retain");
  await page.getByRole("button", { name: /Next: Review/ }).click();
  await expect(page.getByTestId("review-config")).toContainText(`"index": "${index}"`);
  await page.screenshot({ path: "test-results/shots/wizard-review.png", fullPage: true });
  await expect(page.getByLabel("Start the task after creating it")).toBeChecked();
  await page.getByRole("button", { name: "Create task" }).click();

  // The task page: running, and every non-DEBUG message written.
  await expect(page).toHaveURL(TASK_PAGE_URL);
  await expect(page.getByTestId("task-status")).toHaveText("running", { timeout: 60_000 });
  await expect(metric(page, "documents-written")).toHaveText(String(written), { timeout: 60_000 });
  await expect(metric(page, "filtered")).toHaveText(String(LEVELS.length - written));
  await expect(page.getByTestId("event-log").locator('li[data-kind="running"]').first()).toBeVisible();
  await page.screenshot({ path: "test-results/shots/task-running.png", fullPage: true });

  const es = testElastic();
  expect(await countDocs(es, index)).toBe(written);
  const docs = await allDocs(es, index);
  expect(docs.every((d) => typeof d._source.message === "string" && d._source.msg === undefined && d._source.level !== "DEBUG")).toBe(true);
  expect(new Set(docs.map((d) => d._id))).toEqual(new Set(docs.map((d) => d._id).filter((id) => id.startsWith(`${topic}-`))));

  // The list shows it too.
  await navigate(page, "Tasks");
  await expect(page.getByTestId(`task-row-e2e ${topic}`).getByTestId("documents-written")).toHaveText(String(written));
  await page.screenshot({ path: "test-results/shots/tasks.png", fullPage: true });
});
