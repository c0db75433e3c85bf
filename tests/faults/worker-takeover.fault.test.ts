import { FAULTS_SHORT, recordFigures } from "@outflow/testing/fault-report";
import { groupOffsets } from "@outflow/testing/kafka";
import { waitFor } from "@outflow/testing/services";
import { expect, it } from "vitest";
import { backgroundProducer } from "./driver";
import { faultScenario } from "./scenario";

const { startTask, drainAndCount } = faultScenario("takeover");

type Event = { kind: string; message: string; details: { worker?: string; slot?: number; token?: string } | null };

it("two workers, one killed: its consumer slots are taken over by the other within 30 s, nothing lost", async () => {
  const total = FAULTS_SHORT ? 20_000 : 100_000;
  const { stack, api, topic, task } = await startTask({ workers: 2, partitions: 4, source: { consumers: 2 }, failure: { policy: "discard" } });
  const producer = backgroundProducer(topic, total, 2_000);
  // Wait until both workers run a slot (the claim job spreads slots over workers).
  const holders = await waitFor(
    "both workers to hold a slot",
    async () => {
      const events = await api.get<{ items: Event[] }>(`/api/tasks/${task.id}/events?limit=200`);
      const workers = new Set(events.items.filter((e) => e.kind === "running" || e.kind === "rebalanced").map((e) => e.details?.worker));
      return workers.size >= 2 ? workers : null;
    },
    90_000,
  ).catch(async (err) => {
    const events = await api.get<{ items: Event[] }>(`/api/tasks/${task.id}/events?limit=200`);
    console.log(JSON.stringify(events.items.map((e) => [e.kind, e.message.slice(0, 160)])));
    for (const w of stack.workers) {
      console.log(
        w.id,
        w.logs
          .join("")
          .split("\n")
          .filter((l) => /claim|failed|error|started/i.test(l))
          .slice(0, 10)
          .join("\n"),
      );
    }
    throw err;
  });
  const victim = stack.workers[0];
  if (!victim) {
    throw new Error("no worker");
  }
  const before = await groupOffsets(task.consumerGroup, topic);
  const killedAt = Date.now();
  await stack.crashWorker(victim);
  // Taken over when every partition (the dead worker's too) commits past where it was at the kill.
  await waitFor(
    "every partition to make progress after the kill",
    async () => {
      const now = await groupOffsets(task.consumerGroup, topic);
      return now.every((o) => Number(o.committed) > Number(before.find((b) => b.partition === o.partition)?.committed ?? -1));
    },
    60_000,
    250,
  );
  const takeoverSeconds = (Date.now() - killedAt) / 1000;
  const { result, rec } = await drainAndCount({ api, task, topic }, producer, total);
  recordFigures("two workers, one killed", {
    messages: total,
    faults: "kill -9 of one of two workers, each holding one of the task's 2 consumer slots",
    workersBefore: [...holders],
    lost: result.lost,
    duplicates: result.rewrites,
    takeoverSeconds,
    reconciliation: rec.rows,
  });
  expect(takeoverSeconds).toBeLessThan(30);
  expect(result.lost).toBe(0);
  expect(rec.balanced && rec.caughtUp).toBe(true);
});
