import { uniqueName } from "@outflow/testing/services";
import { englishLeft, englishPhrases, message } from "./english-left";
import { expect, test } from "./fixtures";

// The browser asks for Chinese; nothing listens on port 1 of this machine, so both tests fail with "refused".
test.use({ locale: "zh-CN" });

test("a failed connection test on a Chinese page: Kafka's and the search server's sentences in Chinese, the client's own words as server text", async ({
  page,
  api,
}) => {
  const kafkaName = uniqueName("kafka-dead");
  const esName = uniqueName("es-dead");
  await api.post("/api/connections", { kind: "kafka", name: kafkaName, brokers: ["127.0.0.1:1"] });
  await api.post("/api/connections", { kind: "elasticsearch", name: esName, nodes: ["http://127.0.0.1:1"] });

  await page.goto("/connections");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  for (const name of [kafkaName, esName]) {
    await page
      .getByTestId(`connection-${name}`)
      .getByRole("button", { name: message("zh-CN", "connections.row.test") })
      .click();
  }
  const results = page.getByTestId("connection-test-result");
  await expect(results).toHaveCount(2);
  await expect(results.filter({ hasText: kafkaName })).toContainText(`Kafka 连接“${kafkaName}”：Broker 地址上没有服务接受连接（`);
  await expect(results.filter({ hasText: kafkaName }).locator("[data-server-text]").first()).toHaveText(kafkaName);
  await expect(results.filter({ hasNotText: kafkaName })).toContainText("连接被拒绝：节点地址上没有服务接受连接");
  // The row's title (the last test's error) is the Chinese sentence too.
  await expect(page.getByTestId(`connection-${kafkaName}`).getByTestId("last-test")).toHaveAttribute("title", /^Kafka 连接“/);
  await page.waitForLoadState("networkidle");
  expect(await englishLeft(page, englishPhrases())).toEqual([]);
});
