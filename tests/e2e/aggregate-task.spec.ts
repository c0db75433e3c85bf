import { allDocs, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { createConnections, expect, fillSourceStep, openStep, selectConnection, test } from "./fixtures";

test("an aggregation built in the wizard: named outputs, avg, 1-minute windows, the preview's real writes", async ({ page, api }) => {
  const topic = uniqueName("e2e-requests");
  const index = uniqueName("e2e-per-minute");
  await createTopic(topic, 1);
  const T = Date.UTC(2026, 0, 1, 10, 0);
  const rows = [
    { svc: "api", ms: 10, ts: new Date(T + 5_000).toISOString() },
    { svc: "api", ms: 30, ts: new Date(T + 50_000).toISOString() },
    { svc: "web", ms: 7, ts: new Date(T + 20_000).toISOString() },
    { svc: "api", ms: 2, ts: new Date(T + 65_000).toISOString() },
  ];
  await produce(
    topic,
    rows.map((r) => ({ value: JSON.stringify(r) })),
  );
  const { kafkaName, esName } = await createConnections(api);

  await page.goto("/tasks/new");
  await fillSourceStep(page, { name: `e2e ${topic}`, kafkaName, topic });
  await page.getByRole("button", { name: /Next: Parse/ }).click();
  await expect(page.getByTestId("parsed-record")).toContainText('"svc"');
  await openStep(page, "Target");
  await selectConnection(page, "Elasticsearch connection", esName);
  await page.getByLabel("Index name").fill(index);

  await page.getByLabel(/^Aggregate/).check();
  const group = page.getByTestId("aggregation-group-0");
  await group.getByLabel("Field", { exact: true }).fill("$.svc");
  await group.getByLabel("Name (as)").fill("service");
  await page.getByTestId("aggregation-metric-0").getByLabel("Name (as)").fill("requests");
  await page.getByRole("button", { name: "Add metric" }).click();
  const avg = page.getByTestId("aggregation-metric-1");
  await avg.getByLabel("Function").selectOption("avg");
  await avg.getByLabel("Field", { exact: true }).fill("$.ms");
  await avg.getByLabel("Name (as)").fill("avg_ms");
  await page.getByLabel(/^Tumbling windows/).check();
  const win = page.getByTestId("aggregation-window");
  await win.getByLabel("Time from").selectOption("field");
  await win.getByLabel("Time field").fill("$.ts");

  // The preview: the worker's own create for the first sample against an empty index, with the note.
  await expect(page.getByTestId("preview-note").first()).toContainText("against an empty index");
  await expect(page.getByTestId("preview-bulk").first()).toContainText(`{"create":{"_index":"${index}","_id":"api_2026-01-01T10:00:00.000Z"}}`);
  await expect(page.getByTestId("preview-bulk").first()).toContainText('"service":"api","window_start":"2026-01-01T10:00:00.000Z"');
  await expect(page.getByTestId("preview-bulk").first()).toContainText('"requests":1,"avg_ms":10');
  await page.screenshot({ path: "test-results/shots/wizard-aggregation.png", fullPage: true });

  await openStep(page, "Review");
  await expect(page.getByTestId("review-config")).toContainText('"as": "avg_ms"');
  await page.getByRole("button", { name: "Create task" }).click();
  await expect(page.getByTestId("task-status")).toHaveText("running", { timeout: 60_000 });

  const es = testElastic();
  await expect
    .poll(async () => Object.fromEntries((await allDocs(es, index)).map((d) => [d._id, { requests: d._source.requests, avg_ms: d._source.avg_ms }])), {
      timeout: 60_000,
    })
    .toEqual({
      "api_2026-01-01T10:00:00.000Z": { requests: 2, avg_ms: 20 },
      "web_2026-01-01T10:00:00.000Z": { requests: 1, avg_ms: 7 },
      "api_2026-01-01T10:01:00.000Z": { requests: 1, avg_ms: 2 },
    });
});
