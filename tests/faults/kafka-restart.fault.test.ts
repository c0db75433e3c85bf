import { deleteIndices, testElastic } from "@outflow/testing/elastic";
import { FAULTS_SHORT, lossAndDuplicates, reconcile, recordFigures } from "@outflow/testing/fault-report";
import { faultKafka } from "@outflow/testing/fault-services";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { afterAll, expect, it } from "vitest";
import { backgroundProducer, committedTotal, faultStack, ids, newTopic, secondsUntilProgress, sleep, type Task, waitCaughtUp } from "./driver";

const es = testElastic();
const index = uniqueName("kafkarestart");
let cleanup: () => Promise<void> = async () => {};
afterAll(async () => {
  await faultKafka.up();
  await cleanup();
  await deleteIndices(es, index);
});

it("Kafka broker restart mid-run: the task resumes by itself, nothing lost", async () => {
  const total = FAULTS_SHORT ? 20_000 : 100_000;
  const { stack, api, kafkaId, esId } = await faultStack({ workers: 1 });
  cleanup = () => stack.stop();
  const topic = await newTopic("kafkarestart", 4);
  const task = await api.post<Task>("/api/tasks", {
    name: uniqueName("kafkarestart"),
    config: {
      source: { connectionId: kafkaId, topics: [topic] },
      sink: { connectionId: esId, index, documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    },
  });
  await api.post(`/api/tasks/${task.id}/start`);
  const producer = backgroundProducer(topic, total, FAULTS_SHORT ? 2_000 : 2_500);
  await waitFor("some progress", async () => (await committedTotal(task.consumerGroup, topic)) > 2_000, 60_000);

  const before = await committedTotal(task.consumerGroup, topic);
  const stoppedAt = Date.now();
  await faultKafka.stop();
  await sleep(10_000);
  await faultKafka.up();
  const upSeconds = (Date.now() - stoppedAt) / 1000;
  const resume = await secondsUntilProgress(task.consumerGroup, topic, before, 180_000);
  await producer.done;
  await waitCaughtUp(task.consumerGroup, topic, total);

  const result = await lossAndDuplicates(es, index, ids(total));
  const rec = await reconcile(api, task.id, task.consumerGroup, topic);
  const final = await api.get<Task>(`/api/tasks/${task.id}`);
  recordFigures("Kafka broker restart", {
    messages: total,
    faults: `broker stopped, restarted after 10 s (back up ${upSeconds.toFixed(0)} s after the stop)`,
    lost: result.lost,
    duplicates: result.rewrites,
    resumeSecondsAfterBrokerUp: resume,
    statusAfter: final.status,
    discarded: final.metrics.totals.discarded,
  });
  expect(result.lost).toBe(0);
  expect(final.metrics.totals.discarded).toBe(0);
  expect(final.status).toBe("running");
  expect(rec.balanced && rec.caughtUp).toBe(true);
});
