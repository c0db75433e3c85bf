import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { englishLeft, englishPhrases } from "./english-left";
import { createConnections, expect, test } from "./fixtures";

// The browser asks for Chinese (Accept-Language and navigator.language); the admin has chosen no language.
test.use({ locale: "zh-CN" });

const PHRASES = englishPhrases();

test("every page of the console is in Chinese, with no English string left", async ({ page, api }) => {
  const { kafkaId, esId } = await createConnections(api);
  const topic = uniqueName("e2e-zh");
  await createTopic(topic, 1);
  await produce(topic, [{ value: JSON.stringify({ level: "INFO", msg: "hello" }) }]);
  const task = await api.post<{ id: string }>("/api/tasks", {
    name: uniqueName("e2e-zh-task"),
    config: {
      source: { connectionId: kafkaId, topics: [topic], startPosition: { type: "earliest" } },
      sink: { connectionId: esId, index: uniqueName("e2e-zh") },
    },
  });
  await api.post(`/api/tasks/${task.id}/start`);

  const pages = ["/tasks", `/tasks/${task.id}`, `/tasks/${task.id}/dead-letters`, "/connections", "/webhooks", "/users", "/audit", "/account", "/tasks/new"];
  const left: Record<string, string[]> = {};
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
    const english = await englishLeft(page, PHRASES);
    if (english.length > 0) {
      left[path] = english;
    }
  }
  expect(left).toEqual({});
});
