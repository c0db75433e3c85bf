import { SERVICES, uniqueName } from "@outflow/testing/services";
import { expect, test } from "./fixtures";

test("a schema registry connection: a failed test asks Save anyway, a test then save keeps the result in the list, and the Kafka form offers the registry", async ({
  page,
  api,
}) => {
  const name = uniqueName("registry");
  await page.goto("/connections");
  await page.getByRole("button", { name: "New schema registry connection" }).click();
  const form = page.getByRole("form", { name: "New Schema registry connection" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  // Elasticsearch's URL: reachable, but no registry there.
  await form.getByLabel("Registry URLs").fill(SERVICES.elasticsearchUrl);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByTestId("connection-test-result")).toContainText("not a schema registry");
  await expect(form.getByTestId("connection-test-result")).toContainText(`Schema registry connection "${name}": no Confluent-compatible schema registry API`);

  // Saving right after that failed test asks first; "Keep editing" leaves the form as it is.
  await form.getByRole("button", { name: "Create connection" }).click();
  await expect(form.getByTestId("save-anyway")).toContainText("The last test of these settings failed");
  await form.getByRole("button", { name: "Keep editing" }).click();
  await expect(form.getByTestId("save-anyway")).toHaveCount(0);
  await form.getByRole("button", { name: "Create connection" }).click();
  await form.getByRole("button", { name: "Save anyway" }).click();
  const row = page.getByTestId(`connection-${name}`);
  await expect(row.getByTestId("last-test")).toContainText("Failed not a schema registry");

  // Fixed, tested, saved: the list shows that test (the registry and its subjects), not "Never tested".
  await row.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit Schema registry connection" });
  await edit.getByLabel("Registry URLs").fill(SERVICES.schemaRegistryUrl);
  await edit.getByRole("button", { name: "Test connection" }).click();
  await expect(edit.getByTestId("test-server")).toContainText(/Confluent-compatible API\), \d+ subjects?$/);
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(row.getByTestId("server")).toContainText(/Apicurio Registry .* \(Confluent-compatible API\), \d+ subjects?$/);
  await expect(row.getByTestId("last-test")).toContainText("OK");
  await page.screenshot({ path: "test-results/shots/schema-registry-connection.png", fullPage: true });

  // A new Kafka connection picks it.
  const kafkaName = uniqueName("kafka-with-registry");
  await page.getByRole("button", { name: "New Kafka connection" }).click();
  const kafka = page.getByRole("form", { name: "New Kafka connection" });
  await kafka.getByLabel("Name", { exact: true }).fill(kafkaName);
  await kafka.getByLabel("Brokers").fill(SERVICES.kafkaBrokers.join("\n"));
  await kafka.getByLabel("Schema registry").selectOption({ label: name });
  await kafka.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByTestId(`connection-${kafkaName}`)).toBeVisible();
  const items = (await api.get<{ items: { id: string; name: string; schemaRegistryId?: string }[] }>("/api/connections?limit=200")).items;
  const registryId = items.find((c) => c.name === name)?.id;
  expect(registryId).toBeTruthy();
  expect(items.find((c) => c.name === kafkaName)?.schemaRegistryId).toBe(registryId);
});
