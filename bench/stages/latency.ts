import type { Client } from "@elastic/elasticsearch";
import { createTopicWithLeaders, testKafka } from "@outflow/testing/kafka";
import type { TaskView } from "@outflow/testing/outflow";
import { uniqueName, waitFor } from "@outflow/testing/services";
import type { BenchContext } from "../context";
import { deleteIndices } from "../es";
import { type EsActivity, EsActivitySampler } from "../es-activity";
import { deleteTopics } from "../generate";
import { OffsetWatch } from "../kafka";
import { LoadProducer } from "../load-producer";
import type { ProcWindow } from "../proc-sampler";
import { type LoopDelay, STAGE_WINDOW_MS, type StageSpread } from "../stage-log";
import { type Percentiles, percentiles } from "../stats";
import { benchTaskConfig, logRecord, Rng } from "../workload";
import { delivery, type OutflowEnv } from "./outflow";

/**
 * Latency under an open-loop load: a producer sends at a fixed rate (a fraction of P), stamping each message with
 * its intended send time (so a slow system cannot slow the load down: no coordinated omission). For each message:
 *  - ack latency: intended send → its offset is committed (the task commits only after Elasticsearch acknowledged);
 *    committed offsets are polled every 20 ms;
 *  - visible latency: intended send → a search finds it; per partition, the highest visible sequence number is
 *    polled every 50 ms (a partition's documents are written in order, so what is visible is a prefix).
 * Figures carry up to one poll interval of measuring error.
 */
export type LatencyLevel = {
  fraction: number;
  rate: number;
  seconds: number;
  sent: number;
  ack: Percentiles;
  visible: Percentiles;
  /** Inside the worker over the level (1-s windows): where the ack latency went. */
  stages: StageSpread | null;
  /** The worker's event-loop delay over the level: a blocked loop delays every stage at once. */
  loopDelay: LoopDelay | null;
  /** Elasticsearch's refreshes, flushes, merges and GC over the level. */
  es: EsActivity | null;
  /** The worker's slowest 1-s windows of writes, each with what Elasticsearch did from its slowest write's start. */
  slowWrites: SlowWindow[];
  /** Every partition's visible set was a prefix (count = highest sequence + 1) at the end. */
  prefixConsistent: boolean;
  cpu: ProcWindow;
};
export type SlowWindow = { at: number; writeP99: number; queueP99: number; es: EsActivity | null };
export type LatencyResult = { levels: LatencyLevel[]; rssPeak: number; rssSteady: number };

const PREFIX = "bench-lat-logs";
const ACK_POLL_MS = 20;
const VISIBLE_POLL_MS = 50;
/** How many of the worker's slowest write windows a level reports. */
const SLOW_WINDOWS = 3;
/** The open-loop producer sends what is due every 10 ms, in one produce request per tick (see LoadProducer). */
const TICK_MS = 10;
const MAX_PER_TICK = 2_000;

type Rec = { intended: number; offset: bigint; ack: number; vis: number };

export async function runLatency(ctx: BenchContext, env: OutflowEnv, pRate: number): Promise<LatencyResult> {
  const { settings, log, es } = ctx;
  const { outflow } = env;
  const partitions = settings.partitions;
  const topic = uniqueName("bench-lat");
  const admin = testKafka().admin();
  await admin.connect();
  await createTopicWithLeaders(admin, topic, partitions);
  await admin.disconnect();
  await deleteIndices(es, `${PREFIX}_*`);
  const producer = new LoadProducer();
  let task: TaskView | null = null;
  const watch = new OffsetWatch(topic);
  await watch.open();
  const esActivity = new EsActivitySampler(es);
  esActivity.start();
  try {
    task = await outflow.createTask(
      benchTaskConfig({ kafkaId: outflow.kafkaId, esId: outflow.esId, topic, index: PREFIX, ...delivery(ctx) }),
      uniqueName("bench-lat"),
    );
    await outflow.start(task.id);
    await outflow.waitForStatus(task.id, "running", 120_000);
    // Warm-up: the index exists and the path is hot before anything is measured.
    await runLevel(ctx, env, producer, watch, task, topic, "warm", Math.max(50, Math.round(pRate * 0.05)), 3, esActivity);
    const levels: LatencyLevel[] = [];
    for (const fraction of settings.latencyLevels) {
      const rate = Math.max(1, Math.round(pRate * fraction));
      log(`latency: ${Math.round(fraction * 100)} % of P = ${rate.toLocaleString("en")} msgs/s for ${settings.latencySeconds} s`);
      const r = await runLevel(ctx, env, producer, watch, task, topic, `l${Math.round(fraction * 100)}`, rate, settings.latencySeconds, esActivity);
      levels.push({ fraction, ...r });
      log(
        `latency ${Math.round(fraction * 100)} %: ack p50 ${r.ack.p50} ms p99 ${r.ack.p99} ms max ${r.ack.max} ms; ` +
          `visible p50 ${r.visible.p50} ms p99 ${r.visible.p99} ms max ${r.visible.max} ms`,
      );
    }
    const peaks = levels.map((l) => l.cpu.rss.worker?.peak ?? 0);
    const steady = levels.map((l) => l.cpu.rss.worker?.median ?? 0);
    return { levels, rssPeak: Math.max(...peaks), rssSteady: Math.max(...steady) };
  } finally {
    await esActivity.stop();
    await producer.close();
    if (task) {
      await outflow.api.delete(`/api/tasks/${task.id}`).catch(() => {});
      await watch.deleteGroups([task.consumerGroup]);
    }
    await watch.close();
    await deleteTopics([topic]).catch(() => {});
    await deleteIndices(es, `${PREFIX}_*`);
  }
}

async function runLevel(
  ctx: BenchContext,
  env: OutflowEnv,
  producer: LoadProducer,
  watch: OffsetWatch,
  task: TaskView,
  topic: string,
  phase: string,
  rate: number,
  seconds: number,
  esActivity: EsActivitySampler,
): Promise<Omit<LatencyLevel, "fraction">> {
  const partitions = ctx.settings.partitions;
  const total = Math.max(partitions, Math.round(rate * seconds));
  const recs: Rec[][] = Array.from({ length: partitions }, () => []);
  // The producer shares the two cores with what it measures: messages are a stamp spliced onto one of 1,024
  // pre-rendered log lines (today's timestamp), not generated one by one.
  const rng = new Rng(phase.length * 7919 + rate);
  const pool = Array.from({ length: 1024 }, (_, i) => {
    const { event_id: _id, ...rest } = logRecord(rng, `lat-${phase}`, i, 1024, Date.now());
    return JSON.stringify(rest).slice(1);
  });
  const sends: Promise<void>[] = [];
  let sendError: Error | null = null;

  // The open-loop producer: every tick, sends whatever is due by now, stamped with its intended time.
  ctx.sampler.sample();
  const t0 = Date.now() + 20;
  let next = 0;
  const produced = new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      // At most MAX_PER_TICK per request: after a stall, what is overdue goes in several ticks (still stamped with its
      // intended time), since one partition's batch must stay under the broker's 1 MB message size.
      const due = Math.min(total, next + MAX_PER_TICK, Math.floor(((Date.now() - t0) * rate) / 1000));
      if (due <= next) {
        return;
      }
      const messages: { partition: number; value: string }[] = [];
      const mine: Rec[][] = Array.from({ length: partitions }, () => []);
      for (; next < due; next++) {
        const p = next % partitions;
        const ps = recs[p]?.length ?? 0;
        const intended = t0 + (next * 1000) / rate;
        const rec: Rec = { intended, offset: -1n, ack: 0, vis: 0 };
        recs[p]?.push(rec);
        mine[p]?.push(rec);
        const stamp = `{"bench":{"phase":"${phase}","p":${p},"ps":${ps},"sent":${Math.floor(intended)}},"event_id":"lat-${phase}-${next}",`;
        messages.push({ partition: p, value: stamp + pool[next % pool.length] });
      }
      sends.push(
        producer.send(topic, messages).then(
          (bases) => {
            for (const [partition, base] of bases) {
              (mine[partition] ?? []).forEach((r, i) => {
                r.offset = base + BigInt(i);
              });
            }
          },
          (err: Error) => {
            sendError = err;
          },
        ),
      );
      if (next >= total) {
        clearInterval(tick);
        resolve();
      }
    }, TICK_MS);
  });

  // Pollers: committed offsets (ack) and highest visible sequence per partition (visible).
  let polling = true;
  const ackPtr = new Array<number>(partitions).fill(0);
  const visPtr = new Array<number>(partitions).fill(0);
  const ackLoop = (async () => {
    while (polling) {
      const committed = await watch.committed(task.consumerGroup).catch(() => null);
      const now = Date.now();
      for (const [p, c] of committed ?? []) {
        const list = recs[p] ?? [];
        let i = ackPtr[p] ?? 0;
        while (i < list.length && (list[i] as Rec).offset >= 0n && (list[i] as Rec).offset < c) {
          (list[i] as Rec).ack = now;
          i++;
        }
        ackPtr[p] = i;
      }
      await new Promise((r) => setTimeout(r, ACK_POLL_MS));
    }
  })();
  const visLoop = (async () => {
    while (polling) {
      const visible = await highestVisible(ctx.es, phase, visPtr).catch(() => null);
      const now = Date.now();
      for (const [p, { max }] of visible ?? []) {
        const list = recs[p] ?? [];
        let i = visPtr[p] ?? 0;
        while (i < list.length && i <= max) {
          (list[i] as Rec).vis = now;
          i++;
        }
        visPtr[p] = i;
      }
      await new Promise((r) => setTimeout(r, VISIBLE_POLL_MS));
    }
  })();

  await produced;
  await Promise.all(sends);
  if (sendError) {
    polling = false;
    throw sendError;
  }
  const all = () => recs.flat();
  await waitFor(
    "every latency message acknowledged and visible",
    async () => {
      env.assertWorkerAlive();
      return all().every((r) => r.ack > 0 && r.vis > 0);
    },
    120_000,
    100,
  ).finally(() => {
    polling = false;
  });
  await Promise.all([ackLoop, visLoop]);
  const t1 = Date.now();
  ctx.sampler.sample();
  const final = await highestVisible(ctx.es, phase);
  const prefixConsistent = [...final.values()].every((v) => v.count === v.max + 1);
  const records = all();
  return {
    rate,
    seconds,
    sent: records.length,
    ack: percentiles(records.map((r) => Math.round(r.ack - r.intended))),
    visible: percentiles(records.map((r) => Math.round(r.vis - r.intended))),
    prefixConsistent,
    stages: env.stageLog.spread(t0, t1),
    loopDelay: env.stageLog.loopDelay(t0, t1),
    es: esActivity.between(t0, t1),
    slowWrites: env.stageLog.slowest(t0, t1, "write", SLOW_WINDOWS).map((w) => ({
      at: w.at,
      writeP99: w.p99.write,
      queueP99: w.p99.queue,
      es: esActivity.between(w.at - STAGE_WINDOW_MS - w.p99.write, w.at),
    })),
    cpu: ctx.sampler.window(t0, t1),
  };
}

/**
 * Per partition: the highest visible `bench.ps` of a phase, and how many of its documents are visible. With `from`
 * (per partition, the first sequence number not yet seen), only newer documents are looked at, so that polling
 * stays cheap for Elasticsearch as the index grows (the poll shares the cores with what it measures).
 */
async function highestVisible(es: Client, phase: string, from?: number[]): Promise<Map<number, { max: number; count: number }>> {
  const newer = from?.map((ps, p) => ({ bool: { filter: [{ term: { "bench.p": p } }, { range: { "bench.ps": { gte: ps } } }] } }));
  const r = await es.search({
    index: `${PREFIX}_*`,
    size: 0,
    query: { bool: { filter: [{ term: { "bench.phase": phase } }], ...(newer ? { should: newer, minimum_should_match: 1 } : {}) } },
    aggs: { p: { terms: { field: "bench.p", size: 64 }, aggs: { max: { max: { field: "bench.ps" } } } } },
  });
  const buckets = (r.aggregations?.p as { buckets: { key: number; doc_count: number; max: { value: number | null } }[] } | undefined)?.buckets ?? [];
  return new Map(buckets.map((b) => [Number(b.key), { max: b.max.value ?? -1, count: b.doc_count }]));
}
