import { allDocs, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { createConnections, expect, openStartedTask, test } from "./fixtures";

test("the dead-letter workbench: a group of letters tested against the fixed configuration, replayed, and its documents written", async ({ page, api }) => {
  const conn = await createConnections(api);
  const topic = uniqueName("e2e-dlw");
  const dlq = uniqueName("e2e-dlw-dlq");
  const index = uniqueName("e2e-dlw");
  await createTopic(topic, 1);
  await createTopic(dlq, 1);
  // qty as keyword: the good message's cast number and the replayed letters' text both fit it.
  await testElastic().indices.create({ index, mappings: { properties: { id: { type: "keyword" }, qty: { type: "keyword" } } } });
  await produce(topic, [
    { value: JSON.stringify({ id: "ok", qty: 1 }) },
    ...["a", "b", "c", "d", "e"].map((id) => ({ value: JSON.stringify({ id, qty: "many" }) })),
  ]);
  const task = await openStartedTask(page, api, uniqueName("e2e dead letters"), {
    source: { connectionId: conn.kafkaId, topics: [topic] },
    rules: [{ type: "cast", field: "$.qty", as: "integer" }],
    sink: { connectionId: conn.esId, index, documentId: { type: "fields", fields: ["$.id"] } },
    failure: { policy: "dead_letter", topic: dlq },
  });
  await waitFor(
    "5 dead letters",
    async () => (await api.get<{ metrics: { totals: { deadLettered: number } } }>(`/api/tasks/${task.id}`)).metrics.totals.deadLettered === 5,
    60_000,
  );
  // The fix: without the cast, the letters pass.
  await api.patch(`/api/tasks/${task.id}`, { config: { rules: [] } });

  await page.getByRole("link", { name: "Dead letters", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}/dead-letters$`));
  await expect(page.getByTestId("dead-letter-scan")).toContainText("5 letters of this task");
  const group = page.locator('[data-testid^="group-rule-"]');
  await expect(group).toHaveCount(1);
  await expect(group.locator("td").nth(3)).toHaveText("5");

  await group.getByRole("button", { name: "Test" }).click();
  await expect(page.getByTestId("test-summary")).toHaveText("5 of 5 would pass");

  await group.getByRole("button", { name: "Replay" }).click();
  const replay = page.locator('[data-testid^="replay-"]').first();
  await expect(replay.getByTestId("replay-status")).toHaveText("done", { timeout: 60_000 });
  await expect(replay.getByTestId("replay-written")).toHaveText("5");
  await expect(group.locator("td").nth(4)).toHaveText("5", { timeout: 20_000 }); // replayed
  await page.screenshot({ path: "test-results/shots/dead-letter-workbench.png", fullPage: true });

  const ids = (await allDocs(testElastic(), index)).map((d) => d._id).sort();
  expect(ids).toEqual(["a", "b", "c", "d", "e", "ok"]);
  // Letters by keyboard: one opened from its address, two picked and tested together.
  const letters = page.getByRole("region", { name: "Letters" });
  await letters
    .getByRole("button", { name: /^Open letter / })
    .first()
    .focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "Letter", exact: true })).toContainText('"qty": "many"');
  const boxes = letters.getByRole("checkbox", { name: /^Select letter / });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(letters).toContainText("2 selected");
  await letters.getByRole("button", { name: "Test selected" }).click();
  await expect(page.getByTestId("test-summary")).toHaveText("2 of 2 would pass");
});
