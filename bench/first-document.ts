/**
 * `npm run bench:first-doc`: how long a new task takes from its start request to its first searchable document,
 * on an idle worker (the worker's own lease and reconcile intervals, as users run it), and where the time goes:
 * start request → slot claimed (the worker's `slot claimed` log line) → group joined (the `running` event) →
 * searchable (a search without `refresh` finds it: Elasticsearch's refresh interval, 1 s by default, is part of it).
 * Prints each round and the median; asserts nothing. Needs `npm run services:up` and a built console.
 */
import { Client } from "@elastic/elasticsearch";
import { createTopic, produce } from "@outflow/testing/kafka";
import { Outflow } from "@outflow/testing/outflow";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const POLL_MS = 10;

type Round = { claimedMs: number; joinedMs: number; searchableMs: number };

/** When the worker logged `slot claimed` for this task (its JSON log lines carry `t`). */
function claimedAt(stack: Stack, taskId: string): number {
  for (const line of (stack.workers[0]?.logs.join("") ?? "").split("\n")) {
    if (line.includes('"slot claimed"') && line.includes(taskId)) {
      return Date.parse((JSON.parse(line) as { t: string }).t);
    }
  }
  return Number.NaN;
}

async function eventAt(outflow: Outflow, taskId: string, kind: string, timeoutMs = 60_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const e = (await outflow.events(taskId)).find((x) => x.kind === kind);
    if (e) {
      return Date.parse(e.at);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${kind} event in ${timeoutMs} ms`);
}

async function oneRound(stack: Stack, outflow: Outflow, es: Client): Promise<Round> {
  const topic = uniqueName("first-doc");
  const index = topic.toLowerCase();
  await createTopic(topic, 1);
  await produce(topic, [{ value: JSON.stringify({ id: "first", msg: "hello" }) }]);
  // The index exists beforehand, as it does for a task writing to an index in use: its creation is not the figure.
  await es.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0 } });
  const task = await outflow.createTask(outflow.config({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } } }));
  const t0 = Date.now();
  await outflow.start(task.id);
  let searchable = 0;
  while (Date.now() - t0 < 60_000) {
    const r = await es.search({ index, size: 0, track_total_hits: true, query: { match_all: {} } });
    const total = typeof r.hits.total === "number" ? r.hits.total : (r.hits.total?.value ?? 0);
    if (total > 0) {
      searchable = Date.now();
      break;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  if (!searchable) {
    throw new Error("the document was not searchable within 60 s");
  }
  const joined = await eventAt(outflow, task.id, "running");
  const claimed = claimedAt(stack, task.id);
  await outflow.stop(task.id).catch(() => undefined);
  await outflow.api.delete(`/api/tasks/${task.id}`).catch(() => undefined);
  await es.indices.delete({ index }).catch(() => undefined);
  return { claimedMs: claimed - t0, joinedMs: joined - t0, searchableMs: searchable - t0 };
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : Number.NaN;
};

const stack = await Stack.start({ workers: 1, testTimings: false });
try {
  const outflow = await Outflow.connect(stack.api);
  const es = new Client({ node: SERVICES.elasticsearchUrl });
  // Let the worker settle into idle (its first reconcile, metrics server) before the first round.
  await new Promise((r) => setTimeout(r, 3_000));
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const r = await oneRound(stack, outflow, es);
    rounds.push(r);
    console.log(`round ${i + 1}: slot claimed +${r.claimedMs} ms, group joined +${r.joinedMs} ms, first document searchable +${r.searchableMs} ms`);
  }
  console.log(
    `median of ${ROUNDS}: slot claimed +${median(rounds.map((r) => r.claimedMs))} ms, group joined +${median(rounds.map((r) => r.joinedMs))} ms, searchable +${median(rounds.map((r) => r.searchableMs))} ms`,
  );
} finally {
  await stack.stop();
}
