import type { Client } from "@elastic/elasticsearch";
import type { BenchContext, Run } from "../context";
import { rateOf } from "../context";
import { count as countDocs, deleteIndices } from "../es";
import { type DocStore, indexOf } from "../generate";
import { type Spread, spread } from "../stats";

/**
 * S, the sink's limit: the official client's bulk helper (`client.helpers.bulk`) fed the pre-rendered documents
 * (action line + body, exactly what the task writes). A sweep of flush size × concurrency on a subset picks the
 * two best points; each runs once on the whole data set (a small index favours more concurrency than a large one,
 * whose merges it contends with), and the faster runs there `repeats` times in all (its finalist run is the first),
 * each into freshly deleted indices.
 */
export type SinkPoint = { flushBytes: number; concurrency: number; docs: number; seconds: number; rate: number };
export type SinkResult = { sweep: SinkPoint[]; finalists: SinkPoint[]; best: { flushBytes: number; concurrency: number }; runs: Run[]; rate: Spread };

const FINALISTS = 2;

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
  const full = async (point: { flushBytes: number; concurrency: number }): Promise<Run> => {
    const r = await bulkOnce(es, ctx.main.docs, ctx.main.count, PREFIX, point.flushBytes, point.concurrency, () => ctx.sampler.sample());
    return { messages: ctx.main.count, seconds: r.ms / 1000, rate: rateOf(ctx.main.count, r.ms), cpu: ctx.sampler.window(r.t0, r.t1) };
  };
  const label = (p: { flushBytes: number; concurrency: number }) => `${p.flushBytes / 1024 / 1024} MiB × ${p.concurrency}`;
  const finalists: { point: SinkPoint; run: Run }[] = [];
  for (const point of [...sweep].sort((a, b) => b.rate - a.rate).slice(0, FINALISTS)) {
    const run = await full(point);
    finalists.push({ point, run });
    log(
      `S finalist ${label(point)} on all ${ctx.main.count.toLocaleString("en")}: ${Math.round(run.rate).toLocaleString("en")} docs/s (${run.seconds.toFixed(1)} s)`,
    );
  }
  const winner = [...finalists].sort((a, b) => b.run.rate - a.run.rate)[0] as { point: SinkPoint; run: Run };
  const best = { flushBytes: winner.point.flushBytes, concurrency: winner.point.concurrency };
  const runs: Run[] = [winner.run];
  while (runs.length < settings.repeats) {
    const run = await full(best);
    runs.push(run);
    log(`S run ${runs.length}/${settings.repeats} (${label(best)}): ${Math.round(run.rate).toLocaleString("en")} docs/s (${run.seconds.toFixed(1)} s)`);
  }
  await deleteIndices(es, `${PREFIX}_*`);
  const finalistPoints = finalists.map((f) => ({ ...f.point, docs: ctx.main.count, seconds: f.run.seconds, rate: f.run.rate }));
  return { sweep, finalists: finalistPoints, best, runs, rate: spread(runs.map((r) => r.rate)) };
}
