import { uniqueName } from "@outflow/testing/services";
import type { BenchContext, Run } from "../context";
import { rateOf } from "../context";
import { OffsetWatch, WORKER_CHUNK, WORKER_CONSUMER, type WorkerConsumerSettings, workerKafka } from "../kafka";
import { type Spread, spread } from "../stats";

/**
 * K, the source's limit: kafkajs configured as the worker configures it (client, consumer and run options), a no-op
 * handler, and the worker's commit cadence (per partition, one commit per chunk of 2,000 messages). Timed from the
 * consumer joining its group to every partition's committed offset reaching the end offset.
 */
export type SourceResult = { runs: Run[]; rate: Spread; joinSeconds: Spread; settings: WorkerConsumerSettings; chunk: number };

export async function consumeAll(
  topic: string,
  watch: OffsetWatch,
  settings: WorkerConsumerSettings,
  edge: () => void = () => {},
): Promise<{ ms: number; joinMs: number; t0: number; t1: number; groupId: string }> {
  const groupId = uniqueName("bench-k");
  const consumer = workerKafka(groupId).consumer({ groupId, ...settings.consumer });
  const ends = watch.ends;
  const committed = new Map<number, bigint>();
  let joinedAt = 0;
  let joinedAtMs = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });
  const check = () => {
    for (const [p, end] of ends) {
      if (end > 0n && committed.get(p) !== end) {
        return;
      }
    }
    resolveDone();
  };
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (!joinedAt) {
      edge();
      joinedAt = performance.now();
      joinedAtMs = Date.now();
    }
  });
  const c0 = performance.now();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    ...settings.run,
    eachBatch: async (p) => {
      const { batch } = p;
      for (let from = 0; from < batch.messages.length; from += WORKER_CHUNK) {
        if (!p.isRunning() || p.isStale()) {
          return;
        }
        const chunk = batch.messages.slice(from, from + WORKER_CHUNK);
        const last = chunk[chunk.length - 1];
        if (!last) {
          return;
        }
        const next = (BigInt(last.offset) + 1n).toString();
        p.resolveOffset(last.offset);
        await p.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition: batch.partition, offset: next }] }] });
        committed.set(batch.partition, BigInt(next));
        check();
        await p.heartbeat();
      }
    },
  });
  check();
  await done;
  const t1 = performance.now();
  const t1Ms = Date.now();
  edge();
  await consumer.disconnect();
  return { ms: t1 - joinedAt, joinMs: joinedAt - c0, t0: joinedAtMs, t1: t1Ms, groupId };
}

export async function runSource(ctx: BenchContext): Promise<SourceResult> {
  const { settings, log } = ctx;
  const warm = new OffsetWatch(ctx.warm.topic);
  const main = new OffsetWatch(ctx.main.topic);
  await warm.open();
  await main.open();
  const groups: string[] = [];
  const workerSettings = WORKER_CONSUMER;
  log(
    `K settings (from ${workerSettings.source}): ${JSON.stringify(workerSettings.consumer)} ${JSON.stringify(workerSettings.run)}, commit per ${WORKER_CHUNK} messages`,
  );
  try {
    log(`K warm-up: ${ctx.warm.count.toLocaleString("en")} messages`);
    groups.push((await consumeAll(ctx.warm.topic, warm, workerSettings)).groupId);
    const runs: Run[] = [];
    const joins: number[] = [];
    for (let i = 0; i < settings.repeats; i++) {
      const r = await consumeAll(ctx.main.topic, main, workerSettings, () => ctx.sampler.sample());
      groups.push(r.groupId);
      const rate = rateOf(ctx.main.count, r.ms);
      runs.push({ messages: ctx.main.count, seconds: r.ms / 1000, rate, cpu: ctx.sampler.window(r.t0, r.t1) });
      joins.push(r.joinMs / 1000);
      log(
        `K run ${i + 1}/${settings.repeats}: ${Math.round(rate).toLocaleString("en")} msgs/s (${(r.ms / 1000).toFixed(1)} s after a ${(r.joinMs / 1000).toFixed(1)} s join)`,
      );
    }
    return { runs, rate: spread(runs.map((r) => r.rate)), joinSeconds: spread(joins), settings: workerSettings, chunk: WORKER_CHUNK };
  } finally {
    await main.deleteGroups(groups);
    await warm.close();
    await main.close();
  }
}
