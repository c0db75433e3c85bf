import { avroBody, decimalBytes } from "@outflow/pipeline/formats/registry-test-helpers";
import { frame } from "@outflow/pipeline/formats/registry-wire";
import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { expect, fillSourceStep, openStep, test } from "./fixtures";

const ORDER = {
  type: "record",
  name: "Order",
  namespace: "outflow.e2e",
  fields: [
    { name: "id", type: "string" },
    { name: "big", type: "long" },
    { name: "amount", type: { type: "bytes", logicalType: "decimal", precision: 20, scale: 2 } },
    { name: "at", type: { type: "long", logicalType: "timestamp-millis" } },
  ],
};

/** Registers an Avro schema under `subject` in the real registry (Apicurio's Confluent-compatible API); its id. */
async function register(subject: string, schema: unknown): Promise<number> {
  const res = await fetch(`${SERVICES.schemaRegistryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: "POST",
    headers: { "Content-Type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: number }).id;
}

/** An Avro-framed topic (the 5-byte Confluent header before avsc's body) with one order; its schema id. */
async function avroTopic(topic: string): Promise<number> {
  const id = await register(`${topic}-value`, ORDER);
  await createTopic(topic, 1);
  const body = avroBody(ORDER, { id: "o-1", big: 9007199254740993n, amount: decimalBytes(1234567890123456789n), at: Date.UTC(2026, 11, 7, 10, 15, 0, 123) });
  await produce(topic, [{ key: "o-1", value: Buffer.from(frame(id, body)) }]);
  return id;
}

/** A schema registry connection to the test registry and a Kafka connection naming it; the Kafka connection's name. */
async function kafkaWithRegistry(api: ApiClient): Promise<string> {
  const registry = await api.post<{ id: string }>("/api/connections", {
    kind: "schema_registry",
    name: uniqueName("registry"),
    urls: [SERVICES.schemaRegistryUrl],
    auth: { type: "none" },
  });
  const kafkaName = uniqueName("kafka-sr");
  await api.post("/api/connections", { kind: "kafka", name: kafkaName, brokers: SERVICES.kafkaBrokers, schemaRegistryId: registry.id });
  return kafkaName;
}

test("the wizard previews an Avro topic: the record decoded with the registry's schema, its id, subject and version beside it, a long and a decimal exact", async ({
  page,
  api,
}) => {
  const kafkaName = await kafkaWithRegistry(api);
  const topic = uniqueName("e2e-avro");
  const id = await avroTopic(topic);

  await page.goto("/tasks/new");
  await fillSourceStep(page, { name: uniqueName("e2e avro"), kafkaName, topic });
  await openStep(page, "Parse");
  const format = page.getByLabel("Format", { exact: true });
  await format.selectOption({ label: "Avro (schema registry)" });
  await expect(page.locator('[data-field="parse.format"]')).toContainText(`that ${kafkaName} names`);
  await expect(page.getByLabel("Decimals")).toHaveValue("string");

  const preview = page.getByRole("region", { name: "First message preview" });
  await expect(preview.getByTestId("message-schema")).toContainText(`Schema id ${id}`);
  await expect(preview.getByTestId("message-schema")).toContainText(`subject ${topic}-value version 1`);
  const record = preview.getByTestId("parsed-record");
  await expect(record).toContainText('"id": "o-1"');
  await expect(record).toContainText('"big": 9007199254740993');
  await expect(record).toContainText('"amount": "12345678901234567.89"');
  await expect(record).toContainText('"at": "2026-12-07T10:15:00.123Z"');

  // Decimals as numbers keep every digit; timestamps as epoch milliseconds.
  await page.getByLabel("Decimals").selectOption("number");
  await page.getByLabel("Timestamps and dates").selectOption("epoch_millis");
  await expect(record).toContainText('"amount": 12345678901234567.89');
  await expect(record).toContainText(`"at": ${Date.UTC(2026, 11, 7, 10, 15, 0, 123)}`);
  await page.screenshot({ path: "test-results/shots/registry-preview.png", fullPage: true });
});

test("a Kafka connection that names no schema registry: the format says so, links to the connection, and shows the API's refusal at the field", async ({
  page,
  api,
}) => {
  const kafkaName = uniqueName("kafka-no-sr");
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: kafkaName, brokers: SERVICES.kafkaBrokers });
  const topic = uniqueName("e2e-avro-nosr");
  await avroTopic(topic);

  await page.goto("/tasks/new");
  await fillSourceStep(page, { name: uniqueName("e2e avro no registry"), kafkaName, topic });
  await openStep(page, "Parse");
  await page.getByLabel("Format", { exact: true }).selectOption({ label: "Avro (schema registry)" });
  const field = page.locator('[data-field="parse.format"]');
  await expect(field.getByTestId("registry-missing")).toContainText(`The Kafka connection ${kafkaName} names no schema registry`);
  await expect(field.getByRole("link", { name: kafkaName })).toHaveAttribute("href", `/connections#connection-${kafka.id}`);
  await expect(field.locator('[data-field-error="parse.format"]')).toContainText("avro is read through a schema registry: this Kafka connection names none");
  await expect(page.getByLabel("Format", { exact: true })).toHaveAttribute("aria-invalid", "true");
});

test("no sample decodes: the field pickers offer the schema's fields, and the index template takes its types from the schema", async ({ page, api }) => {
  const kafkaName = await kafkaWithRegistry(api);
  const topic = uniqueName("e2e-avro-undecodable");
  const id = await register(`${topic}-value`, ORDER);
  await createTopic(topic, 1);
  // The schema's id, then a body cut short: the message does not decode.
  await produce(topic, [{ key: "o-1", value: Buffer.from(frame(id, Uint8Array.of(6))) }]);

  await page.goto("/tasks/new");
  await fillSourceStep(page, { name: uniqueName("e2e avro schema fields"), kafkaName, topic });
  await openStep(page, "Parse");
  await page.getByLabel("Format", { exact: true }).selectOption({ label: "Avro (schema registry)" });
  await expect(page.getByRole("region", { name: "First message preview" }).getByTestId("message-schema")).toContainText(`Schema id ${id}`);

  await openStep(page, "Target");
  for (const path of ["$.id", "$.big", "$.amount", "$.at"]) {
    await expect(page.locator(`#sample-field-paths option[value="${path}"]`)).toHaveCount(1);
  }
  const template = page.getByTestId("index-template");
  await template.getByRole("checkbox").first().check();
  const typeOf = (field: string) => page.getByTestId(`template-field-${field}`).locator("select");
  await expect(typeOf("id")).toHaveValue("keyword");
  await expect(typeOf("big")).toHaveValue("long");
  // A decimal of 20 digits as text: a keyword keeps it exact.
  await expect(typeOf("amount")).toHaveValue("keyword");
  await expect(typeOf("at")).toHaveValue("date");
  await expect(page.getByTestId("template-field-at").locator("input").nth(1)).toHaveValue("strict_date_optional_time||epoch_millis");

  // Timestamps as epoch milliseconds: the date's format follows.
  await openStep(page, "Parse");
  await page.getByLabel("Timestamps and dates").selectOption("epoch_millis");
  await openStep(page, "Target");
  await page.getByTestId("index-template").getByRole("checkbox").first().check();
  await expect(page.getByTestId("template-field-at").locator("input").nth(1)).toHaveValue("epoch_millis");
});
