import { countDocs, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { type Connections, createConnections, expect, fillSourceStep, openStep, selectConnection, test } from "./fixtures";

let conn: Connections;

test.beforeAll(async ({ api }) => {
  conn = await createConnections(api);
});

test("an index template made from the wizard's proposal (clientip as ip, edited) is what the task's index follows", async ({ page, api }) => {
  const topic = uniqueName("e2e-tpl");
  await createTopic(topic, 1);
  await produce(topic, [{ value: JSON.stringify({ clientip: "10.1.2.3", bytes: 512, at: "2026-12-07T10:00:00Z", status: "200" }) }]);
  const index = uniqueName("e2e-tpl");
  const name = `${index}-template`;
  const es = testElastic();
  try {
    await page.goto("/tasks/new");
    await fillSourceStep(page, { name: uniqueName("e2e template"), kafkaName: conn.kafkaName, topic });
    await openStep(page, "Target");
    await selectConnection(page, "Elasticsearch connection", conn.esName);
    await page.getByLabel("Index name").fill(index);
    const panel = page.getByTestId("index-template");
    await panel.getByLabel("Create an index template for these indices (field types)").check();
    await expect(panel.getByLabel("Type of clientip")).toHaveValue("ip");
    await expect(panel.getByLabel("Type of bytes")).toHaveValue("long");
    await expect(panel.getByLabel("Type of at")).toHaveValue("date");
    await expect(panel.getByLabel("Type of status")).toHaveValue("keyword");
    // Edited: status codes as numbers.
    await panel.getByLabel("Type of status").selectOption("long");
    await panel.getByLabel("Template name").fill(name);
    await panel.getByRole("button", { name: "Create the index template" }).click();
    await expect(panel.getByTestId("template-created")).toContainText(`Template ${name} created for ${index}`);

    const task = await api.post<{ id: string }>("/api/tasks", {
      name: uniqueName("e2e template task"),
      config: { source: { connectionId: conn.kafkaId, topics: [topic] }, sink: { connectionId: conn.esId, index } },
    });
    await api.post(`/api/tasks/${task.id}/start`);
    await expect.poll(() => countDocs(es, index).catch(() => 0), { timeout: 60_000 }).toBe(1);
    const mapping = await es.indices.getMapping({ index });
    expect(mapping[index]?.mappings.properties).toMatchObject({
      clientip: { type: "ip" },
      bytes: { type: "long" },
      at: { type: "date" },
      status: { type: "long" },
    });
    await api.post(`/api/tasks/${task.id}/stop`);
  } finally {
    await es.indices.deleteIndexTemplate({ name }).catch(() => {});
    await es.indices.delete({ index }).catch(() => {});
    await es.close();
  }
});
