import { countDocs, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import type { Page } from "@playwright/test";
import { englishLeft, englishPhrases, message } from "./english-left";
import { createConnections, expect, metric, TASK_PAGE_URL, test } from "./fixtures";

// The wizard journey of create-task.spec.ts, in Chinese: every label is the Chinese catalogue's, and each step is
// checked for English left behind.
test.use({ locale: "zh-CN" });

const zh = (key: string) => message("zh-CN", key);
const next = (step: string) => zh("wizard.form.next").replace("{step}", zh(`wizard.steps.${step}`));

async function pickConnection(page: Page, label: string, name: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  const option = select.locator("option", { hasText: name });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute("value")) ?? "");
}

test("the wizard journey in Chinese: a task created, started and writing, with no English on the way", async ({ page, api }) => {
  const phrases = englishPhrases();
  const { kafkaId, kafkaName, esId, esName } = await createConnections(api);
  const topic = uniqueName("e2e-zh-logs");
  const index = uniqueName("e2e-zh-logs");
  await createTopic(topic, 1);
  await produce(
    topic,
    [1, 2, 3].map((id) => ({ value: JSON.stringify({ id, level: "INFO", msg: `event ${id}` }) })),
  );
  const noEnglish = async (where: string) => expect(await englishLeft(page, phrases), where).toEqual([]);

  // The name is taken already: the server's sentence (only it can check) comes back in Chinese, at the name.
  const taken = `e2e zh taken ${topic}`;
  await api.post("/api/tasks", { name: taken, config: { source: { connectionId: kafkaId, topics: [topic] }, sink: { connectionId: esId, index: "taken" } } });

  await page.goto("/tasks/new");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByLabel(zh("wizard.source.taskName")).fill(taken);
  await pickConnection(page, zh("wizard.source.kafkaConnection"), kafkaName);
  await page.getByRole("checkbox", { name: new RegExp(topic) }).check();
  await noEnglish("source");

  await page.getByRole("button", { name: next("parse") }).click();
  await expect(page.getByTestId("parsed-record")).toContainText('"level"');
  await noEnglish("parse");

  await page.getByRole("button", { name: next("rules") }).click();
  await page.getByLabel(zh("wizard.rulesStep.addLabel")).selectOption("rename");
  await page.getByRole("button", { name: zh("wizard.rulesStep.add"), exact: true }).click();
  const rename = page.getByTestId("rule-1");
  await rename.getByLabel(zh("wizard.ruleFields.labels.from"), { exact: true }).fill("$.msg");
  await rename.getByLabel(zh("wizard.ruleFields.labels.to"), { exact: true }).fill("message");
  await expect(page.getByTestId("preview-bulk")).toContainText('"message":"event');
  await noEnglish("rules");

  await page.getByRole("button", { name: next("target") }).click();
  await pickConnection(page, zh("wizard.target.esConnection"), esName);
  await page.getByLabel(zh("wizard.target.index"), { exact: true }).fill(index);
  await expect(page.getByTestId("preview-bulk")).toContainText(`"_index":"${index}"`);
  await noEnglish("target");

  await page.getByRole("button", { name: next("failure") }).click();
  await expect(page.getByLabel(zh("wizard.failure.policy"), { exact: true })).toHaveValue("retain");
  await noEnglish("failure");

  await page.getByRole("button", { name: next("review") }).click();
  await expect(page.getByLabel(zh("wizard.form.startAfterCreating"))).toBeChecked();
  await noEnglish("review");
  await page.getByRole("button", { name: zh("wizard.form.createTask"), exact: true }).click();

  await expect(page.locator('[data-field-error="name"][data-origin="server"]')).toContainText(zh("errors.server.nameInUseIssue"));
  await expect(page.getByTestId("wizard-issues")).toContainText(zh("errors.server.taskNameTaken").replace("{name}", taken));
  await noEnglish("the server's answer");
  await page.getByLabel(zh("wizard.source.taskName")).fill(`e2e zh ${topic}`);
  for (const step of ["parse", "rules", "target", "failure", "review"]) {
    await page.getByRole("button", { name: next(step) }).click();
  }
  await page.getByRole("button", { name: zh("wizard.form.createTask"), exact: true }).click();

  await expect(page).toHaveURL(TASK_PAGE_URL);
  await expect(page.getByTestId("task-status")).toHaveAttribute("data-status", "running", { timeout: 60_000 });
  await expect(page.getByTestId("task-status")).toHaveText(zh("tasks.status.running"));
  await expect(metric(page, "documents-written")).toHaveText("3", { timeout: 60_000 });
  expect(await countDocs(testElastic(), index)).toBe(3);
});
