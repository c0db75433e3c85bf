import { NEEDS_ATTENTION_FILTER } from "@outflow/schemas/api/task-list";
import { createTopic, produce } from "@outflow/testing/kafka";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { createConnections, expect, test } from "./fixtures";

const COUNT = 200;

test("the task list with 200 tasks: search, filters, sort and pages in the URL; a failing task first and counted in the navigation", async ({ page, api }) => {
  test.setTimeout(300_000);
  const conn = await createConnections(api);
  const otherEsName = uniqueName("es-other");
  const otherEs = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: otherEsName, nodes: [SERVICES.elasticsearchUrl] });
  // "zz": after the other specs' tasks by name, so their rows stay on the list's first page.
  const run = uniqueName("zz list");
  const nameOf = (i: number) => `${run} ${String(i).padStart(3, "0")}`;
  const ids: string[] = [];
  for (let at = 0; at < COUNT; at += 10) {
    const batch = await Promise.all(
      Array.from({ length: 10 }, (_, k) => at + k).map((i) =>
        api.post<{ id: string }>("/api/tasks", {
          name: nameOf(i),
          config: {
            source: { connectionId: conn.kafkaId, topics: [`${run}-topic`.replace(/ /g, "-")] },
            sink: { connectionId: i % 4 === 0 ? otherEs.id : conn.esId, index: `zz-list-${i}` },
          },
        }),
      ),
    );
    ids.push(...batch.map((t) => t.id));
  }
  const attentionBefore = (await api.get<{ total: number }>(`/api/tasks?status=${NEEDS_ATTENTION_FILTER}&limit=1`)).total;

  // One more that fails for real: a message that is not JSON, under the retain policy.
  const topic = uniqueName("e2e-list-fail");
  await createTopic(topic, 1);
  await produce(topic, [{ value: "this is not JSON" }]);
  const failingName = `${run} failing`;
  const failing = await api.post<{ id: string }>("/api/tasks", {
    name: failingName,
    config: {
      source: { connectionId: conn.kafkaId, topics: [topic] },
      sink: { connectionId: conn.esId, index: "zz-list-failing" },
      failure: { policy: "retain" },
    },
  });
  ids.push(failing.id);
  await api.post(`/api/tasks/${failing.id}/start`);

  try {
    const rows = page.locator("tbody tr[data-testid^='task-row-']");
    const range = page.getByTestId("task-list-range");

    // Search by name: the URL keeps it.
    await page.goto("/tasks");
    await page.getByLabel("Search by name").fill(run.toUpperCase());
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(range).toHaveText(`1–50 of ${COUNT + 1}`);
    await expect(rows).toHaveCount(50);

    // The failing task comes first by default, once failed, and the navigation counts it.
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${failingName}`, { timeout: 60_000 });
    await expect(rows.first().getByTestId("task-status")).toHaveText("failed");
    const counted = page.getByRole("navigation", { name: "Main" }).getByTestId("attention-count");
    await expect(counted).toHaveText(String(attentionBefore + 1), { timeout: 30_000 });
    await page.screenshot({ path: "test-results/shots/task-list-failing-first.png", fullPage: true });

    // Filter by status.
    await page.getByLabel("Status", { exact: true }).selectOption("failed");
    await expect(range).toHaveText("1–1 of 1");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${failingName}`);
    await page.getByLabel("Status", { exact: true }).selectOption("created");
    await expect(range).toHaveText(`1–50 of ${COUNT}`);

    // Filter by connection: the tasks writing to the other Elasticsearch connection.
    await page.getByLabel("Status", { exact: true }).selectOption("");
    await page.getByLabel("Connection", { exact: true }).selectOption({ label: `${otherEsName} (Elasticsearch)` });
    await expect(range).toHaveText(`1–50 of ${COUNT / 4}`);
    await expect(rows.first().getByTestId("target-index")).toHaveText("zz-list-0");
    await page.getByLabel("Connection", { exact: true }).selectOption("");

    // Sort by name, both ways.
    await page.getByRole("button", { name: "Sort by Name" }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${nameOf(0)}`);
    await expect(page.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
    await page.getByRole("button", { name: "Sort by Name" }).click();
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${failingName}`);
    await expect(rows.nth(1)).toHaveAttribute("data-testid", `task-row-${nameOf(COUNT - 1)}`);
    await page.getByRole("button", { name: "Sort by Name" }).click();
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${nameOf(0)}`);
    await expect(rows.first().getByTestId("target-index")).toHaveText("zz-list-0");

    // Page through: every page holds the next 50 names, the last one the rest.
    const seen: string[] = [];
    for (let p = 0; p < 5; p++) {
      const from = p * 50;
      const to = Math.min(from + 50, COUNT + 1);
      await expect(range).toHaveText(`${from + 1}–${to} of ${COUNT + 1}`);
      await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${from < COUNT ? nameOf(from) : failingName}`);
      seen.push(...(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-testid") ?? ""))));
      if (p < 4) {
        await page.getByRole("button", { name: "Next" }).click();
      }
    }
    await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
    expect(seen).toHaveLength(COUNT + 1);
    expect(new Set(seen).size).toBe(COUNT + 1);

    // A link keeps the view: the same page after a reload, and Previous goes back one page.
    await page.reload();
    await expect(range).toHaveText(`201–201 of ${COUNT + 1}`);
    await expect(page.getByLabel("Search by name")).toHaveValue(run.toUpperCase());
    await page.getByRole("button", { name: "Previous" }).click();
    await expect(range).toHaveText(`151–200 of ${COUNT + 1}`);

    // Sort by status: failed first.
    await page.getByRole("button", { name: "Sort by Status" }).click();
    await expect(range).toHaveText(`1–50 of ${COUNT + 1}`);
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${failingName}`);
  } finally {
    // Leave the stack's list as the other specs expect it.
    await api.post(`/api/tasks/${failing.id}/stop`).catch(() => undefined);
    for (let at = 0; at < ids.length; at += 10) {
      await Promise.all(ids.slice(at, at + 10).map((id) => api.delete(`/api/tasks/${id}`).catch(() => undefined)));
    }
  }
});
