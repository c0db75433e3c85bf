import { createTopic, produce } from "@outflow/testing/kafka";
import { uniqueName } from "@outflow/testing/services";
import { type Connections, createConnections, expect, fillSourceStep, openStep, test } from "./fixtures";

let conn: Connections;

test.beforeAll(async ({ api }) => {
  conn = await createConnections(api);
});

test("the preview reads a chosen partition from an offset, steps on past the sample, names an offset beyond the end, and previews a pasted message", async ({
  page,
}) => {
  const topic = uniqueName("e2e-steer");
  await createTopic(topic, 2);
  await produce(topic, [
    ...Array.from({ length: 3 }, (_, i) => ({ partition: 0, value: JSON.stringify({ p: 0, i }) })),
    ...Array.from({ length: 30 }, (_, i) => ({ partition: 1, value: JSON.stringify({ p: 1, i }) })),
  ]);
  await page.goto("/tasks/new");
  await fillSourceStep(page, { name: uniqueName("e2e steer"), kafkaName: conn.kafkaName, topic });
  await openStep(page, "Parse");

  const preview = page.getByRole("region", { name: "First message preview" });
  const steer = preview.getByTestId("sample-steer");
  await expect(steer.getByLabel("Partition")).toContainText("1 (offsets 0–29)");
  await steer.getByLabel("Read", { exact: true }).selectOption("offset");
  await steer.getByLabel("Partition").selectOption({ label: "1 (offsets 0–29)" });
  await steer.getByLabel("Offset").fill("20");
  await steer.getByRole("button", { name: "Read", exact: true }).click();
  await expect(steer.getByTestId("sample-position")).toHaveText(`${topic} partition 1, offset 20`);
  await expect(preview.getByTestId("parsed-record")).toContainText('"i": 20');

  // Five messages are sampled (20–24): the fifth Next reads on from offset 25.
  for (let i = 0; i < 5; i++) {
    await steer.getByRole("button", { name: "Next message" }).click();
  }
  await expect(steer.getByTestId("sample-position")).toHaveText(`${topic} partition 1, offset 25`);
  await expect(preview.getByTestId("parsed-record")).toContainText('"i": 25');
  await steer.getByRole("button", { name: "Previous message" }).click();
  await expect(steer.getByTestId("sample-position")).toHaveText(`${topic} partition 1, offset 24`);

  await steer.getByLabel("Offset").fill("99");
  await steer.getByRole("button", { name: "Read", exact: true }).click();
  await expect(steer.locator('[data-field-error="sample.offset"]')).toContainText("Offset 99 is beyond the end");

  await preview.getByText("Paste a message of your own").click();
  await preview.getByLabel("Value").fill('{"pasted":"by hand","level":"warn"}');
  await preview.getByLabel("Headers (optional)").fill("trace: t-9");
  await preview.getByRole("button", { name: "Preview this message" }).click();
  await expect(preview.getByTestId("pasted-banner")).toBeVisible();
  await expect(preview.getByTestId("parsed-record")).toContainText('"pasted": "by hand"');

  // The rules step's server preview runs the same pasted message.
  await openStep(page, "Rules");
  const trace = page.getByTestId("preview-trace");
  await expect(trace).toContainText('"pasted": "by hand"');
  await expect(page.getByRole("region", { name: "Preview" }).getByTestId("pasted-banner")).toBeVisible();

  // A rule's field offers the sampled message's fields.
  await page.getByLabel("Add a rule").selectOption("lowercase");
  await page.getByRole("button", { name: "Add rule" }).click();
  const field = page.getByTestId("rule-1").getByLabel("Field", { exact: true });
  const list = await field.getAttribute("list");
  expect(list).toBeTruthy();
  await expect(page.locator(`datalist#${list} option`)).toHaveCount(2);
  await expect(page.locator(`datalist#${list} option[value="$.level"]`)).toHaveCount(1);
  await expect(page.locator(`datalist#${list} option[value="$.pasted"]`)).toHaveCount(1);
});
