import { createTopic, produce } from "@outflow/testing/kafka";
import { SECURED_KAFKA, SECURED_KAFKA_USERS, securedKafka } from "@outflow/testing/secured-kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { expect, openStartedTask, openStep, selectConnection, test } from "./fixtures";

// Nothing listens on port 1 of this machine: a connection to it fails its test with "refused".
const DEAD_NODE = "http://127.0.0.1:1";

test("the connection list shows each server and its last test; a connection whose last test failed is flagged in the wizard and on the task page, with a link to it", async ({
  page,
  api,
}) => {
  // The version from the node info (the bundled distribution has no `GET /`).
  const nodes = (await (await fetch(`${SERVICES.elasticsearchUrl}/_nodes/_local/_none?filter_path=nodes.*.version`)).json()) as {
    nodes: Record<string, { version: string }>;
  };
  const version = Object.values(nodes.nodes)[0]?.version;
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  const goodName = uniqueName("es-good");
  const deadName = uniqueName("es-dead");
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  await api.post("/api/connections", { kind: "elasticsearch", name: goodName, nodes: [SERVICES.elasticsearchUrl] });
  const dead = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: deadName, nodes: [DEAD_NODE] });

  // The list: untested connections say so; a test from the row shows the server it found, kept as the last test.
  await page.goto("/connections");
  const goodRow = page.getByTestId(`connection-${goodName}`);
  const deadRow = page.getByTestId(`connection-${deadName}`);
  await expect(goodRow.getByTestId("last-test")).toHaveText("Never tested");
  await goodRow.getByRole("button", { name: "Test" }).click();
  await expect(page.getByTestId("test-server").first()).toHaveText(`: Elasticsearch ${version}`);
  await expect(goodRow.getByTestId("server")).toHaveText(`Elasticsearch ${version}`);
  await expect(goodRow.getByTestId("last-test")).toContainText("OK");
  await expect(goodRow.getByTestId("last-test")).toContainText(/tested .* · [\d,]+ ms/);

  await deadRow.getByRole("button", { name: "Test" }).click();
  await expect(deadRow.getByTestId("last-test")).toContainText("Failed connection refused");
  await expect(deadRow.getByTestId("server")).toHaveText("Not known yet");
  await page.screenshot({ path: "test-results/shots/connection-last-test.png", fullPage: true });

  // A reload reads the last tests from the server, not from the page's memory.
  await page.reload();
  await expect(page.getByTestId(`connection-${goodName}`).getByTestId("server")).toHaveText(`Elasticsearch ${version}`);
  await expect(page.getByTestId(`connection-${deadName}`).getByTestId("last-test")).toContainText("Failed connection refused");

  // The wizard's target step: choosing the failed connection warns, choosing the good one does not.
  await page.goto("/tasks/new");
  await openStep(page, "Target");
  const warning = page.getByTestId("failed-connection-warning");
  await selectConnection(page, "Elasticsearch connection", deadName);
  await expect(warning).toContainText(`The last test of connection ${deadName} failed`);
  await expect(warning).toContainText("refused");
  await expect(warning.getByRole("link", { name: "Open the connection" })).toHaveAttribute("href", `/connections#connection-${dead.id}`);
  await page.screenshot({ path: "test-results/shots/wizard-failed-connection.png", fullPage: true });
  await selectConnection(page, "Elasticsearch connection", goodName);
  await expect(warning).toHaveCount(0);

  // The task page of a task on the failed connection warns too, and its link opens that connection's row.
  const topic = uniqueName("e2e-last-test");
  await createTopic(topic, 1);
  const task = await api.post<{ id: string }>("/api/tasks", {
    name: uniqueName("e2e on dead es"),
    config: { source: { connectionId: kafka.id, topics: [topic] }, sink: { connectionId: dead.id, index: uniqueName("e2e-dead") } },
  });
  page.once("dialog", (d) => void d.accept()); // leaving the wizard's draft
  await page.goto(`/tasks/${task.id}`);
  await expect(page.getByTestId("failed-connection-warning")).toContainText(`The last test of connection ${deadName} failed`);
  await page.getByTestId("failed-connection-warning").getByRole("link", { name: "Open the connection" }).click();
  await expect(page).toHaveURL(new RegExp(`/connections#connection-${dead.id}$`));
  await expect(page.getByTestId(`connection-${deadName}`)).toHaveClass(/linked-row/);
  await expect(page.getByTestId(`connection-${goodName}`)).not.toHaveClass(/linked-row/);
});

test("a task refused by its Kafka connection names the connection in its status reason, with a link to it", async ({ page, api }) => {
  await securedKafka.up();
  const setup = securedKafka.setupClient();
  const topic = uniqueName("e2e-refused");
  await createTopic(topic, 1, setup);
  await produce(topic, [{ value: JSON.stringify({ id: 1 }) }], setup);
  const name = uniqueName("kafka-wrong-password");
  const kafka = await api.post<{ id: string }>("/api/connections", {
    kind: "kafka",
    name,
    brokers: [SECURED_KAFKA.saslPlaintext],
    sasl: { mechanism: "plain", username: SECURED_KAFKA_USERS.plain.username, password: "wrong-secret" },
  });
  const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
  const task = await openStartedTask(page, api, uniqueName("e2e refused"), {
    source: { connectionId: kafka.id, topics: [topic] },
    sink: { connectionId: es.id, index: uniqueName("e2e-refused") },
  });
  const reason = page.getByTestId("status-reason");
  await expect(reason).toContainText(`Kafka connection "${name}": the broker refused the credentials`, { timeout: 90_000 });
  const link = reason.getByRole("link", { name });
  await expect(link).toHaveAttribute("href", `/connections#connection-${kafka.id}`);
  await page.screenshot({ path: "test-results/shots/status-reason-connection-link.png", fullPage: true });
  await link.click();
  await expect(page.getByTestId(`connection-${name}`)).toHaveClass(/linked-row/);
  await api.post(`/api/tasks/${task.id}/stop`);
});
