import { deleteIndices, testElastic } from "@outflow/testing/elastic";
import { FAULTS_SHORT, lossAndDuplicates, reconcile, recordFigures } from "@outflow/testing/fault-report";
import { uniqueName } from "@outflow/testing/services";
import { afterAll, expect, it } from "vitest";
import { backgroundProducer, committedTotal, faultStack, ids, newTopic, secondsUntilProgress, sleep, type Task, waitCaughtUp } from "./driver";

const es = testElastic();
const index = uniqueName("crash");
let cleanup: () => Promise<void> = async () => {};
afterAll(async () => {
  await cleanup();
  await deleteIndices(es, index);
});

it("worker kill -9 at random moments: every message has its document", async () => {
  const total = FAULTS_SHORT ? 20_000 : 200_000;
  const crashes = FAULTS_SHORT ? 1 : 10;
  const { stack, api, kafkaId, esId } = await faultStack({ workers: 1 });
  cleanup = () => stack.stop();
  const topic = await newTopic("crash", 4);
  const task = await api.post<Task>("/api/tasks", {
    name: uniqueName("crash"),
    config: {
      source: { connectionId: kafkaId, topics: [topic] },
      sink: { connectionId: esId, index, documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
    },
  });
  await api.post(`/api/tasks/${task.id}/start`);
  // Produce for about as long as the crashes take, so every crash lands mid-stream.
  const producer = backgroundProducer(topic, total, FAULTS_SHORT ? 2_000 : 1_500);

  const recoveries: number[] = [];
  let worker = stack.workers[0];
  for (let i = 0; i < crashes; i++) {
    await sleep(2_000 + Math.random() * 6_000);
    if (!worker) {
      throw new Error("no worker");
    }
    const before = await committedTotal(task.consumerGroup, topic);
    await stack.crashWorker(worker);
    worker = stack.startWorker();
    recoveries.push(await secondsUntilProgress(task.consumerGroup, topic, before));
  }
  await producer.done;
  await waitCaughtUp(task.consumerGroup, topic, total);

  const result = await lossAndDuplicates(es, index, ids(total));
  const rec = await reconcile(api, task.id, task.consumerGroup, topic);
  recordFigures("worker crash (kill -9)", {
    messages: total,
    faults: `${crashes} × kill -9 of the only worker, restarted at once`,
    lost: result.lost,
    duplicates: result.rewrites,
    recoverySeconds: { median: median(recoveries), max: Math.max(...recoveries) },
    reconciliation: rec.rows,
  });
  expect(result.lost).toBe(0);
  expect(result.found).toBe(total);
  expect(rec.caughtUp).toBe(true);
  expect(rec.balanced).toBe(true);
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.floor(s.length / 2)] ?? 0) * 10) / 10;
}
