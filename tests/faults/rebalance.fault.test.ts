import { FAULTS_SHORT, lossAndDuplicates, reconcile, recordFigures } from "@outflow/testing/fault-report";
import { waitFor } from "@outflow/testing/services";
import { expect, it } from "vitest";
import { backgroundProducer, committedTotal, ids, sleep, waitCaughtUp } from "./driver";
import { faultScenario } from "./scenario";

const { es, index, startTask } = faultScenario("rebalance");

type Event = { kind: string; at: string; details: { worker?: string; slot?: number } | null };

it("scaling a task's consumers 1 → 3 → 1 across worker processes: nothing lost, rewrites bounded by what was in hand at each rebalance", async () => {
  const total = FAULTS_SHORT ? 30_000 : 150_000;
  const batch = 500;
  const partitions = 6;
  // What a member may hold uncommitted, and so redeliver after a rejoin: one chunk settling per partition, plus what
  // it fetched ahead (FETCH_AHEAD_BYTES, made small here so that the bound means something; messages are ≥ 250 B).
  const aheadBytes = 128 * 1024;
  const perJoin = partitions * batch + Math.ceil(aheadBytes / 250);
  const { api, topic, task } = await startTask({
    workers: 3,
    workerEnv: { FETCH_AHEAD_BYTES: String(aheadBytes) },
    partitions,
    source: { consumers: 1 },
    failure: { policy: "discard" },
    delivery: { bulkMaxDocs: batch },
  });
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
    duplicateBound: `${joins} joins × (${partitions} partitions × ${batch} docs per chunk + ${aheadBytes / 1024} KiB fetched ahead) = ${joins * perJoin}`,
    reconciliation: rec.rows,
  });
  expect(result.lost).toBe(0);
  expect(result.rewrites).toBeLessThanOrEqual(joins * perJoin);
  expect(rec.balanced && rec.caughtUp).toBe(true);
});
