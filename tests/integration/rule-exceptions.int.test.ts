import { createTopic, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import { headersAsText } from "@outflow/testing/kafka-admin";
import { settledSum, type TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `rename $ → x` used to make a circular document that failed the whole task, forever, as "Kafka or Elasticsearch
 * unavailable". Now `$` is refused when the task is saved, and a rename whose templated target becomes `$` at run
 * time (or a rule chain that grows a document past delivery.maxDocumentBytes) fails that message only, at stage
 * rule, under the task's policy.
 */
describe.concurrent("rule exceptions go through the failure policy", () => {
  const suite = new OutflowSuite("it-rulex");
  beforeAll(suite.start);
  afterAll(suite.stop);

  const good = (id: string): TestMessage => ({ value: JSON.stringify({ id, a: 1, where: "moved" }) });
  // The template renders `$` for this message: renaming the record into itself.
  const poison: TestMessage = { value: JSON.stringify({ id: "poison", a: 1, where: "$" }) };
  const rules = [{ type: "rename", from: "$.a", to: "{$.where}" }];
  const byId = { documentId: { type: "fields", fields: ["$.id"] } };

  function neverRetried(t: TaskView): void {
    expect(t.statusReason ?? "").not.toMatch(/unavailable/i);
  }

  it("`rename $ → x` is refused when saved, naming the field", async () => {
    const { topic, index } = await suite.freshTopic();
    const err = await suite.api.expectError("POST", "/api/tasks", {
      name: uniqueName("t"),
      config: suite.outflow.config({ topics: [topic], index, rules: [{ type: "rename", from: "$", to: "x" }] }),
    });
    expect(err.status).toBe(422);
    expect(err.body.error?.field).toBe("config.rules.0.from");
    expect(err.body.error?.message).toContain("`$` is the whole record");
  });

  it("discard: the message is discarded at stage rule, the others are written, the task keeps running", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [good("g0"), poison, good("g2")]);
    const task = await suite.outflow.run({ topics: [topic], index, rules, sink: byId, failure: { policy: "discard" } });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 2, discarded: 1 });
    expect(settledSum(done.metrics.totals)).toBe(3);
    expect(done.status).toBe("running");
    neverRetried(done);
    const event = await suite.outflow.waitForEvent(task.id, "message_discarded");
    expect(event.details).toMatchObject({ offset: "1", stage: "rule" });
    expect(String(event.details?.reason)).toContain("`$` is the whole record");
    expect(Object.keys(await suite.docsById(index)).sort()).toEqual(["g0", "g2"]);
  });

  it("retain: the task fails at the message (stage rule) and commits nothing from it on", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [good("g0"), poison, good("g2")]);
    const task = await suite.outflow.run({ topics: [topic], index, rules, sink: byId, failure: { policy: "retain" } });
    const failed = await suite.outflow.waitForStatus(task.id, "failed");
    expect(failed.failurePoint).toMatchObject({ topic, partition: 0, offset: "1", stage: "rule" });
    neverRetried(failed);
  });

  it("dead_letter: the message goes to the dead-letter topic with outflow.stage rule", async () => {
    const { topic, index } = await suite.freshTopic();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1);
    await produce(topic, [good("g0"), poison, good("g2")]);
    const task = await suite.outflow.run({ topics: [topic], index, rules, sink: byId, failure: { policy: "dead_letter", topic: dlq } });
    const done = await suite.outflow.waitForMessagesIn(task.id, 3);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 3, messagesWritten: 2, deadLettered: 1 });
    neverRetried(done);
    const [dead] = await readAll(dlq, 1, 30_000);
    expect(dead?.value?.toString()).toBe(poison.value);
    expect(headersAsText(dead?.headers ?? {})).toMatchObject({ "outflow.stage": "rule", "outflow.source.offset": "1" });
  });

  it("a chain of merges that doubles the document fails the message at delivery.maxDocumentBytes, not the worker", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [{ value: JSON.stringify({ id: "big", a: ["x".repeat(1000)] }) }, { value: JSON.stringify({ id: "small" }) }]);
    const merges = Array.from({ length: 40 }, () => ({ type: "merge", from: "$.a", to: "$.a" }));
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: merges,
      sink: byId,
      failure: { policy: "discard" },
      delivery: { maxDocumentBytes: 1_000_000 },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 2);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 2, messagesWritten: 1, discarded: 1 });
    const event = await suite.outflow.waitForEvent(task.id, "message_discarded");
    expect(String(event.details?.reason)).toContain("over the limit of 1000000 (delivery.maxDocumentBytes)");
  });
});
