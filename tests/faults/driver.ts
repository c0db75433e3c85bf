import type { ApiClient } from "@outflow/testing/api-client";
import { committedToEnd, createTopic, type GroupOffset, groupOffsets, testKafka } from "@outflow/testing/kafka";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";

export type Task = { id: string; status: string; consumerGroup: string; metrics: { totals: Record<string, number>; lastError: string | null } };

/** A stack on the fault services, with both connections created. */
export async function faultStack(opts: { workers: number; workerEnv?: Record<string, string> }) {
  const stack = await Stack.start({ workers: opts.workers, workerEnv: opts.workerEnv });
  const api: ApiClient = stack.api;
  const kafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("kafka"), brokers: SERVICES.kafkaBrokers });
  const es = await api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
  return { stack, api, kafkaId: kafka.id, esId: es.id };
}

/** A log-like message with a stable ID: `m-<n>`. */
export function logMessage(n: number): string {
  return JSON.stringify({ id: `m-${n}`, n, level: n % 17 === 0 ? "ERROR" : "INFO", app: `app${n % 5}`, msg: `request ${n} handled`.padEnd(200, ".") });
}

export const ids = (count: number) => Array.from({ length: count }, (_, i) => `m-${i}`);

/**
 * Produces `total` messages at about `perSecond`, round-robin over the partitions, in the background. Retries each
 * batch until Kafka takes it (the broker may be down on purpose).
 */
export function backgroundProducer(topic: string, total: number, perSecond: number, make: (n: number) => string = logMessage) {
  let produced = 0;
  let stopped = false;
  const done = (async () => {
    const producer = testKafka().producer({ allowAutoTopicCreation: false, retry: { retries: 2 } });
    await producer.connect();
    const batch = Math.max(1, Math.round(perSecond / 10));
    const started = Date.now();
    while (produced < total && !stopped) {
      const n = Math.min(batch, total - produced);
      const messages = Array.from({ length: n }, (_, i) => ({ value: make(produced + i) }));
      try {
        await producer.send({ topic, acks: -1, messages });
        produced += n;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      const due = started + (produced / perSecond) * 1000;
      const wait = due - Date.now();
      if (wait > 0) {
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    await producer.disconnect().catch(() => {});
  })();
  return { done, produced: () => produced, stop: () => (stopped = true) };
}

export async function newTopic(prefix: string, partitions: number): Promise<string> {
  const topic = uniqueName(prefix);
  await createTopic(topic, partitions);
  return topic;
}

/** Messages committed over all partitions (a partition without a commit counts 0). */
function sumCommitted(offsets: GroupOffset[]): number {
  return offsets.reduce((n, o) => n + Math.max(0, Number(o.committed)), 0);
}

export async function committedTotal(groupId: string, topic: string): Promise<number> {
  return sumCommitted(await groupOffsets(groupId, topic));
}

/** Seconds until the group's committed offsets move past `from` (progress resumed). */
export async function secondsUntilProgress(groupId: string, topic: string, from: number, timeoutMs = 120_000): Promise<number> {
  const t0 = Date.now();
  await waitFor("consumption to resume", async () => (await committedTotal(groupId, topic)) > from, timeoutMs, 200);
  return (Date.now() - t0) / 1000;
}

/**
 * Until at least `expected` messages are committed and every partition is committed to its end: a producer retry
 * after a timeout can leave a duplicate record in Kafka, so the end can lie past `expected`.
 */
export async function waitCaughtUp(groupId: string, topic: string, expected: number, timeoutMs = 300_000): Promise<void> {
  await waitFor(
    `all ${expected} messages committed, every partition to its end`,
    async () => {
      const offsets = await groupOffsets(groupId, topic);
      return sumCommitted(offsets) >= expected && committedToEnd(offsets);
    },
    timeoutMs,
    500,
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
