import { FAULTS_SHORT, recordFigures } from "@outflow/testing/fault-report";
import { expect, it } from "vitest";
import { backgroundProducer, committedTotal, secondsUntilProgress, sleep } from "./driver";
import { faultScenario } from "./scenario";

const { startTask, drainAndCount } = faultScenario("crash");

it("worker kill -9 at random moments: every message has its document", async () => {
  const total = FAULTS_SHORT ? 20_000 : 200_000;
  const crashes = FAULTS_SHORT ? 1 : 10;
  const { stack, api, topic, task } = await startTask({ workers: 1, partitions: 4, failure: { policy: "discard" } });
  // Produce for longer than the crashes take (each: 2–8 s of running, then ~15–20 s to recover), so every crash lands
  // mid-stream and "recovered" means the restarted worker committed messages produced after the crash.
  const producer = backgroundProducer(topic, total, FAULTS_SHORT ? 2_000 : 600);

  const recoveries: number[] = [];
  let worker = stack.workers[0];
  for (let i = 0; i < crashes; i++) {
    await sleep(2_000 + Math.random() * 6_000);
    if (!worker) {
      throw new Error("no worker");
    }
    if (producer.produced() >= total) {
      throw new Error(`the producer finished before crash ${i + 1} of ${crashes}: produce more slowly`);
    }
    const before = await committedTotal(task.consumerGroup, topic);
    await stack.crashWorker(worker);
    worker = stack.startWorker();
    recoveries.push(await secondsUntilProgress(task.consumerGroup, topic, before));
  }
  const { result, rec } = await drainAndCount({ api, task, topic }, producer, total);
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
