import { deleteIndices, testElastic } from "@outflow/testing/elastic";
import { FAULTS_SHORT, lossAndDuplicates, reconcile, recordFigures } from "@outflow/testing/fault-report";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { afterAll, expect, it } from "vitest";
import { backgroundProducer, committedTotal, faultStack, ids, newTopic, sleep, type Task, waitCaughtUp } from "./driver";

const es = testElastic();
const index = uniqueName("rebalance");
let cleanup: () => Promise<void> = async () => {};
afterAll(async () => {
  await cleanup();
  await deleteIndices(es, index);
});

type Event = { kind: string; at: string; details: { worker?: string; slot?: number } | null };

it("scaling a task's consumers 1 → 3 → 1 across worker processes: nothing lost, at most one batch rewritten per rebalance", async () => {
  const total = FAULTS_SHORT ? 30_000 : 150_000;
  const batch = 500;
  const { stack, api, kafkaId, esId } = await faultStack({ workers: 3 });
  cleanup = () => stack.stop();
  const topic = await newTopic("rebalance", 6);
  const task = await api.post<Task>("/api/tasks", {
    name: uniqueName("rebalance"),
    config: {
      source: { connectionId: kafkaId, topics: [topic], consumers: 1 },
      sink: { connectionId: esId, index, documentId: { type: "fields", fields: ["$.id"] } },
      failure: { policy: "discard" },
      delivery: { bulkMaxDocs: batch },
    },
  });
  await api.post(`/api/tasks/${task.id}/start`);
  const producer = backgroundProducer(topic, total, FAULTS_SHORT ? 1_500 : 2_500);
  await waitFor("progress", async () => (await committedTotal(task.consumerGroup, topic)) > 2_000, 60_000);

  await api.patch(`/api/tasks/${task.id}`, { config: { source: { consumers: 3 } } });
  const workersAt3 = await waitFor(
    "three consumers on three workers",
    async () => {
      const events = await api.get<{ items: Event[] }>(`/api/tasks/${task.id}/events?limit=300`);
      const joined = new Set(events.items.filter((e) => e.kind === "rebalanced" || e.kind === "running").map((e) => `${e.details?.worker}#${e.details?.slot}`));
      const workers = new Set([...joined].map((j) => j.split("#")[0]));
      return joined.size >= 3 ? { slots: [...joined], workers: workers.size } : null;
    },
    120_000,
    500,
  );
  await sleep(FAULTS_SHORT ? 5_000 : 15_000);
  await api.patch(`/api/tasks/${task.id}`, { config: { source: { consumers: 1 } } });
  await producer.done;
  await waitCaughtUp(task.consumerGroup, topic, total);

  const events = await api.get<{ items: Event[] }>(`/api/tasks/${task.id}/events?limit=500`);
  const joins = events.items.filter((e) => e.kind === "rebalanced" || e.kind === "running").length;
  const result = await lossAndDuplicates(es, index, ids(total));
  const rec = await reconcile(api, task.id, task.consumerGroup, topic);
  recordFigures("rebalance 1 → 3 → 1", {
    messages: total,
    faults: "consumers scaled 1 → 3 (over 3 worker processes) → 1 mid-run",
    slotsAt3: workersAt3.slots,
    workersAt3: workersAt3.workers,
    memberJoins: joins,
    lost: result.lost,
    duplicates: result.rewrites,
    duplicateBound: `${joins} joins × ${batch} docs per batch = ${joins * batch}`,
  });
  expect(result.lost).toBe(0);
  expect(result.rewrites).toBeLessThanOrEqual(joins * batch);
  expect(rec.balanced && rec.caughtUp).toBe(true);
});
