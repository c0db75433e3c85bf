import { FAULTS_SHORT, recordFigures } from "@outflow/testing/fault-report";
import { faultKafka } from "@outflow/testing/fault-services";
import { waitFor } from "@outflow/testing/services";
import { expect, it } from "vitest";
import { backgroundProducer, committedTotal, secondsUntilProgress, sleep, type Task } from "./driver";
import { faultScenario } from "./scenario";

const { startTask, drainAndCount } = faultScenario("kafkarestart", { restore: () => faultKafka.up() });

it("Kafka broker restart mid-run: the task resumes by itself, nothing lost", async () => {
  const total = FAULTS_SHORT ? 20_000 : 100_000;
  const { api, topic, task } = await startTask({ workers: 1, partitions: 4, failure: { policy: "discard" } });
  const producer = backgroundProducer(topic, total, FAULTS_SHORT ? 2_000 : 2_500);
  await waitFor("some progress", async () => (await committedTotal(task.consumerGroup, topic)) > 2_000, 60_000);

  const before = await committedTotal(task.consumerGroup, topic);
  const stoppedAt = Date.now();
  await faultKafka.stop();
  await sleep(10_000);
  await faultKafka.up();
  const upSeconds = (Date.now() - stoppedAt) / 1000;
  const resume = await secondsUntilProgress(task.consumerGroup, topic, before, 180_000);
  const { result, rec } = await drainAndCount({ api, task, topic }, producer, total);
  const final = await api.get<Task>(`/api/tasks/${task.id}`);
  recordFigures("Kafka broker restart", {
    messages: total,
    faults: `broker stopped, restarted after 10 s (back up ${upSeconds.toFixed(0)} s after the stop)`,
    lost: result.lost,
    duplicates: result.rewrites,
    resumeSecondsAfterBrokerUp: resume,
    statusAfter: final.status,
    discarded: final.metrics.totals.discarded,
    reconciliation: rec.rows,
  });
  expect(result.lost).toBe(0);
  expect(final.metrics.totals.discarded).toBe(0);
  expect(final.status).toBe("running");
  expect(rec.balanced && rec.caughtUp).toBe(true);
});
