import type { ApiClient } from "@outflow/testing/api-client";
import { deleteIndices, testElastic } from "@outflow/testing/elastic";
import { lossAndDuplicates, reconcile } from "@outflow/testing/fault-report";
import { uniqueName } from "@outflow/testing/services";
import type { Stack } from "@outflow/testing/stack";
import { afterAll } from "vitest";
import { faultStack, ids, newTopic, type Task, waitCaughtUp } from "./driver";

export type ScenarioTaskOptions = {
  workers: number;
  workerEnv?: Record<string, string>;
  partitions: number;
  /** Source settings besides the connection and the topic, e.g. `consumers`. */
  source?: Record<string, unknown>;
  /** The failure settings, or a function of the topic's name (e.g. for a dead-letter topic named after it). */
  failure: Record<string, unknown> | ((topic: string) => Record<string, unknown>);
  delivery?: Record<string, unknown>;
};

/**
 * The frame of a fault test file with one scenario called `name`: its index, and an afterAll that brings the
 * `restore`d service back up, stops the stack {@link startTask} started and deletes the index.
 */
export function faultScenario(name: string, opts: { restore?: () => Promise<unknown> } = {}) {
  const es = testElastic();
  const index = uniqueName(name);
  let stack: Stack | undefined;
  afterAll(async () => {
    await opts.restore?.();
    await stack?.stop();
    await deleteIndices(es, index);
  });

  /** Starts a stack and, on a fresh topic, a task writing into the index with document ID $.id. */
  async function startTask(o: ScenarioTaskOptions) {
    const ctx = await faultStack({ workers: o.workers, workerEnv: o.workerEnv });
    stack = ctx.stack;
    const topic = await newTopic(name, o.partitions);
    const task = await ctx.api.post<Task>("/api/tasks", {
      name: uniqueName(name),
      config: {
        source: { connectionId: ctx.kafkaId, topics: [topic], ...o.source },
        sink: { connectionId: ctx.esId, index, documentId: { type: "fields", fields: ["$.id"] } },
        failure: typeof o.failure === "function" ? o.failure(topic) : o.failure,
        ...(o.delivery ? { delivery: o.delivery } : {}),
      },
    });
    await ctx.api.post(`/api/tasks/${task.id}/start`);
    return { ...ctx, topic, task };
  }

  /**
   * Once the producer is done and all `total` messages are committed: the documents lost and rewritten, and the
   * task's counters reconciled with the offsets.
   */
  async function drainAndCount(run: { api: ApiClient; task: Task; topic: string }, producer: { done: Promise<void> }, total: number) {
    await producer.done;
    await waitCaughtUp(run.task.consumerGroup, run.topic, total);
    const result = await lossAndDuplicates(es, index, ids(total));
    const rec = await reconcile(run.api, run.task.id, run.task.consumerGroup, run.topic);
    return { result, rec };
  }

  return { es, index, startTask, drainAndCount };
}
