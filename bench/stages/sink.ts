import type { Client } from "@elastic/elasticsearch";
import type { BenchContext, Run } from "../context";
import { rateOf } from "../context";
import { count as countDocs, deleteIndices } from "../es";
import { type DocStore, indexOf } from "../generate";
import { type Spread, spread } from "../stats";

/**
 * S, the sink's limit: the official client's bulk helper (`client.helpers.bulk`) fed the pre-rendered documents
 * (action line + body, exactly what the task writes). A sweep of flush size × concurrency on a subset picks the
 * best point; that point then runs on the whole data set, `repeats` times, each into freshly deleted indices.
 */
export type SinkPoint = { flushBytes: number; concurrency: number; docs: number; seconds: number; rate: number };
export type SinkResult = { sweep: SinkPoint[]; best: { flushBytes: number; concurrency: number }; runs: Run[]; rate: Spread };

const PREFIX = "bench-s-logs";

async function bulkOnce(
  es: Client,
  store: DocStore,
  count: number,
  prefix: string,
  flushBytes: number,
  concurrency: number,
  edge: () => void = () => {},
): Promise<{ ms: number; t0: number; t1: number }> {
  await deleteIndices(es, `${prefix}_*`);
  let dropped = 0;
  edge();
  const t0 = Date.now();
  const p0 = performance.now();
  const stats = await es.helpers.bulk<number>({
    datasource: store.numbers(0, count),
    onDocument: (i) => {
      const d = store.get(i);
      return [{ index: { _index: indexOf(prefix, d), _id: d.id } }, d.body];
    },
    flushBytes,
    concurrency,
    flushInterval: 1_000,
    onDrop: () => {
      dropped++;
    },
  });
  const ms = performance.now() - p0;
  const t1 = Date.now();
  edge();
  if (dropped > 0 || stats.failed > 0 || stats.successful !== count) {
    throw new Error(`bulk helper: ${stats.successful} of ${count} documents indexed, ${stats.failed} failed, ${dropped} dropped`);
  }
  const n = await countDocs(es, `${prefix}_*`);
  if (n !== count) {
    throw new Error(`bulk helper: _count ${n}, expected ${count}`);
  }
  return { ms, t0, t1 };
}

export async function runSink(ctx: BenchContext): Promise<SinkResult> {
  const { es, settings, log } = ctx;
  log(`S warm-up: ${ctx.warm.count.toLocaleString("en")} documents`);
  await bulkOnce(es, ctx.warm.docs, ctx.warm.count, "bench-sw-logs", 5 * 1024 * 1024, 2);
  await deleteIndices(es, "bench-sw-logs_*");

  const subset = settings.sinkSweepDocs;
  const sweep: SinkPoint[] = [];
  for (const point of settings.sinkSweep) {
    const r = await bulkOnce(es, ctx.main.docs, subset, PREFIX, point.flushBytes, point.concurrency);
    const rate = rateOf(subset, r.ms);
    sweep.push({ ...point, docs: subset, seconds: r.ms / 1000, rate });
    log(`S sweep flushBytes ${point.flushBytes / 1024 / 1024} MiB × concurrency ${point.concurrency}: ${Math.round(rate).toLocaleString("en")} docs/s`);
  }
  const best = [...sweep].sort((a, b) => b.rate - a.rate)[0] as SinkPoint;
  const runs: Run[] = [];
  for (let i = 0; i < settings.repeats; i++) {
    const r = await bulkOnce(es, ctx.main.docs, ctx.main.count, PREFIX, best.flushBytes, best.concurrency, () => ctx.sampler.sample());
    const rate = rateOf(ctx.main.count, r.ms);
    runs.push({ messages: ctx.main.count, seconds: r.ms / 1000, rate, cpu: ctx.sampler.window(r.t0, r.t1) });
    log(`S run ${i + 1}/${settings.repeats}: ${Math.round(rate).toLocaleString("en")} docs/s (${(r.ms / 1000).toFixed(1)} s)`);
  }
  await deleteIndices(es, `${PREFIX}_*`);
  return { sweep, best: { flushBytes: best.flushBytes, concurrency: best.concurrency }, runs, rate: spread(runs.map((r) => r.rate)) };
}
