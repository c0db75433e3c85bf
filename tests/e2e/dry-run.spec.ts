import { testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { type Connections, createConnections, expect, openStep, selectConnection, test } from "./fixtures";

let conn: Connections;

test.beforeAll(async ({ api }) => {
  conn = await createConnections(api);
});

test("the review step's dry run reports a mapping clash the five sampled messages do not show: field, type and value; the index untouched", async ({
  page,
}) => {
  const topic = uniqueName("e2e-dry-run");
  await createTopic(topic, 2);
  // The five earliest messages are fine; partition 1's later ones put a string where the index maps a long.
  await produce(topic, [
    ...Array.from({ length: 20 }, (_, i) => ({ partition: 0, value: JSON.stringify({ id: `a${i}`, n: i }) })),
    ...Array.from({ length: 20 }, (_, i) => ({ partition: 1, value: JSON.stringify({ id: `b${i}`, n: i < 15 ? i : `x${i}` }) })),
  ]);
  const index = uniqueName("e2e-dry-run");
  const es = testElastic();
  await es.indices.create({ index, mappings: { properties: { n: { type: "long" } } } });
  try {
    await page.goto("/tasks/new");
    await page.getByLabel("Task name").fill(uniqueName("e2e dry run"));
    await selectConnection(page, "Kafka connection", conn.kafkaName);
    await page.getByRole("checkbox", { name: new RegExp(topic) }).check();
    await openStep(page, "Target");
    await selectConnection(page, "Elasticsearch connection", conn.esName);
    await page.getByLabel("Index name").fill(index);
    await openStep(page, "Review");
    // The sampled messages all pass: the clash is past them.
    await expect(page.getByTestId("review-validation")).toContainText("valid");

    const panel = page.getByTestId("dry-run");
    await panel.getByLabel("Messages to dry-run").fill("100");
    await panel.getByRole("button", { name: "Dry run" }).click();
    await expect(panel.getByTestId("dry-run-counts")).toContainText("40 read: 35 would be written, 0 filtered, 0 dropped, 5 failed");
    const mapping = panel.getByTestId("dry-run-mapping");
    await expect(mapping).toContainText("Mapping rejections");
    const row = mapping.locator("tbody tr");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(index);
    await expect(row.locator("td").nth(1)).toHaveText("n");
    await expect(row.locator("td").nth(2)).toHaveText("long");
    await expect(row.locator("td").nth(3)).toHaveText("5");
    await expect(row).toContainText(`"x15" at ${topic}/1@15`);
    await page.screenshot({ path: "test-results/shots/dry-run-mapping.png", fullPage: true });
    await es.indices.refresh({ index });
    expect((await es.count({ index })).count).toBe(0);
  } finally {
    await es.indices.delete({ index }).catch(() => {});
    await es.close();
  }
});
