import { FAULTS_SHORT, lossAndDuplicates, reconcile, recordFigures } from "@outflow/testing/fault-report";
import { faultElasticsearch } from "@outflow/testing/fault-services";
import { readAll } from "@outflow/testing/kafka";
import { groupState } from "@outflow/testing/kafka-admin";
import { waitFor } from "@outflow/testing/services";
import { expect, it } from "vitest";
import { backgroundProducer, committedTotal, ids, secondsUntilProgress, sleep, type Task, waitCaughtUp } from "./driver";
import { faultScenario } from "./scenario";

const { es, index, startTask } = faultScenario("outage", { restore: () => faultElasticsearch.up() });
const deadLetterTopic = (topic: string) => `${topic}-dlq`;

/**
 * Long enough for a chunk's backoff to pass the consumer's 15 s session timeout (sleeps of 15–30 s from the 7th
 * attempt, about 30 s into an outage): the consumer must keep its group membership meanwhile.
 */
const DOWN_MS = 60_000;

it("Elasticsearch down for 60 s mid-run: retrying status and events, keeps its group membership, resumes by itself, nothing lost or dead-lettered", async () => {
  const total = FAULTS_SHORT ? 20_000 : 100_000;
  const { api, topic, task } = await startTask({ workers: 1, partitions: 4, failure: (t) => ({ policy: "dead_letter", topic: deadLetterTopic(t) }) });
  const producer = backgroundProducer(topic, total, FAULTS_SHORT ? 2_000 : 2_500);
  await waitFor("some progress", async () => (await committedTotal(task.consumerGroup, topic)) > 2_000, 60_000);
  const membersBefore = (await groupState(task.consumerGroup)).memberIds;

  await faultElasticsearch.stop();
  const downAt = Date.now();
  const retrying = await waitFor(
    "status retrying",
    async () => {
      const t = await api.get<Task>(`/api/tasks/${task.id}`);
      return t.status === "retrying" ? t : null;
    },
    60_000,
    200,
  );
  const committedWhileDown = await committedTotal(task.consumerGroup, topic);
  await sleep(Math.max(0, DOWN_MS - (Date.now() - downAt)));
  const restartAt = Date.now();
  await faultElasticsearch.up();
  const upAt = Date.now();
  const resumeSeconds = await secondsUntilProgress(task.consumerGroup, topic, committedWhileDown, 180_000);
  await producer.done;
  await waitCaughtUp(task.consumerGroup, topic, total);
  const running = await waitFor("status running again", async () => (await api.get<Task>(`/api/tasks/${task.id}`)).status === "running", 60_000);
  const membersAfter = (await groupState(task.consumerGroup)).memberIds;

  const events = await api.get<{ items: { kind: string; message: string }[] }>(`/api/tasks/${task.id}/events?limit=500`);
  const result = await lossAndDuplicates(es, index, ids(total));
  const rec = await reconcile(api, task.id, task.consumerGroup, topic);
  const final = await api.get<Task>(`/api/tasks/${task.id}`);
  const deadLettered = await readAll(deadLetterTopic(topic), 1, 3_000);
  recordFigures(`Elasticsearch down for ${DOWN_MS / 1000} s`, {
    messages: total,
    faults: `Elasticsearch stopped, started again ${Math.round((restartAt - downAt) / 1000)} s later (healthy after another ${Math.round((upAt - restartAt) / 1000)} s)`,
    lost: result.lost,
    duplicates: result.rewrites,
    statusWhileDown: retrying.status,
    lastErrorWhileDown: retrying.metrics.lastError,
    resumeSecondsAfterRestart: resumeSeconds,
    sameGroupMembers: membersBefore.join() === membersAfter.join(),
    deadLettered: final.metrics.totals.deadLettered,
    discarded: final.metrics.totals.discarded,
    events: events.items.filter((e) => ["retrying", "recovered"].includes(e.kind)).map((e) => `${e.kind}: ${e.message.slice(0, 120)}`),
    reconciliation: rec.rows,
  });
  expect(running).toBe(true);
  expect(membersBefore).toHaveLength(1);
  expect(membersAfter).toEqual(membersBefore);
  expect(result.lost).toBe(0);
  expect(final.metrics.totals.deadLettered).toBe(0);
  expect(final.metrics.totals.discarded).toBe(0);
  expect(deadLettered).toHaveLength(0);
  expect(events.items.some((e) => e.kind === "retrying")).toBe(true);
  expect(events.items.some((e) => e.kind === "recovered" || e.kind === "running")).toBe(true);
  expect(rec.balanced && rec.caughtUp).toBe(true);
});
