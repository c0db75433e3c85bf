import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, openStartedTask, test } from "./fixtures";

test("what landed: find a document from the task page and open the Kafka message it came from", async ({ page, api }) => {
  const conn = await createConnections(api);
  await api.patch(`/api/connections/${conn.esId}`, { dashboardsUrl: "https://kibana.example.com" });
  const topic = uniqueName("e2e-explore");
  const index = uniqueName("e2e-explore");
  await createTopic(topic, 1);
  await produce(
    topic,
    ["alpha", "bravo", "charlie"].map((word, n) => ({ key: `key-${word}`, value: JSON.stringify({ n, word }) })),
  );
  await openStartedTask(page, api, uniqueName("e2e explore"), {
    source: { connectionId: conn.kafkaId, topics: [topic] },
    sink: { connectionId: conn.esId, index, documentId: { type: "kafka_coordinates" } },
  });

  const landed = page.getByRole("region", { name: "What landed" });
  const indexRow = landed.getByTestId("task-indices").getByRole("row", { name: new RegExp(index) });
  await expect(indexRow.getByRole("cell").nth(1)).toHaveText("3", { timeout: 60_000 });

  await landed.getByLabel("Query").fill("word:bravo");
  await landed.getByRole("button", { name: "Search" }).click();
  const hits = landed.getByTestId("document-hits");
  await expect(hits.locator("tbody tr")).toHaveCount(1);
  await hits.getByRole("button", { name: `${topic}-0-1` }).click();

  const doc = landed.getByTestId("document-view");
  await expect(doc.getByTestId("document-source")).toContainText('"word": "bravo"');
  await expect(doc.getByRole("link", { name: "Open in Discover" })).toHaveAttribute("href", /^https:\/\/kibana\.example\.com\/app\/discover#/);
  await doc.getByRole("button", { name: `Source message: ${topic}/0 @ 1` }).click();

  const message = landed.getByTestId("message-view");
  await expect(message).toContainText("key-bravo");
  await expect(message.getByTestId("raw-value")).toContainText('"word": "bravo"');
  await expect(message.getByRole("button", { name: `${index}/${topic}-0-1` })).toBeVisible();
  await page.screenshot({ path: "test-results/shots/explorer.png", fullPage: true });
});
