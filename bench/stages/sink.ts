import type { Client } from "@elastic/elasticsearch";
import type { BenchContext, Run } from "../context";
import { rateOf } from "../context";
import { count as countDocs, deleteIndices } from "../es";
import { type DocSource, DocStore, indexOf } from "../generate";
import { type Spread, spread } from "../stats";

/**
 * S, the sink's limit: the official client's bulk helper (`client.helpers.bulk`) fed the pre-rendered documents
 * (action line + body, exactly what the task writes). A sweep of flush size × concurrency on a subset picks the
 * two best points; each runs once on the whole data set (a small index favours more concurrency than a large one,
 * whose merges it contends with), and the faster runs there `repeats` times in all (its finalist run is the first),
 * each into freshly deleted indices.
 *
 * S0, the sink's limit for a task without rules: the same helper fed what such a task writes (each message's own
 * JSON text, into `bench-raw-s-logs_*` under the raw records' template) at S's best point (no sweep of its own),
 * `repeats` times. Without S in the run it warms up as S does and uses 5 MiB × 2.
 */
export type SinkPoint = { flushBytes: number; concurrency: number; docs: number; seconds: number; rate: number };
export type SinkResult = { sweep: SinkPoint[]; finalists: SinkPoint[]; best: { flushBytes: number; concurrency: number }; runs: Run[]; rate: Spread };

const FINALISTS = 2;

const PREFIX = "bench-s-logs";
const RAW_PREFIX = "bench-raw-s-logs";
const DEFAULT_POINT = { flushBytes: 5 * 1024 * 1024, concurrency: 2 };

export type SinkRawResult = { best: { flushBytes: number; concurrency: number }; bestFromS: boolean; runs: Run[]; rate: Spread };

async function bulkOnce(
  es: Client,
  store: DocSource,
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
    // document numbers: a cheap array (small integers) to feed the helper, which wants an array
    datasource: Array.from({ length: count }, (_, i) => i),
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

async function warmUp(ctx: BenchContext): Promise<void> {
  ctx.log(`S warm-up: ${ctx.warm.count.toLocaleString("en")} documents`);
  await bulkOnce(ctx.es, ctx.warm.docs, ctx.warm.count, "bench-sw-logs", DEFAULT_POINT.flushBytes, DEFAULT_POINT.concurrency);
  await deleteIndices(ctx.es, "bench-sw-logs_*");
}

const label = (p: { flushBytes: number; concurrency: number }) => `${p.flushBytes / 1024 / 1024} MiB × ${p.concurrency}`;

/** One timed run of the bulk helper on all of a store's documents, CPU sampled around it. */
async function fullRun(ctx: BenchContext, store: DocSource, prefix: string, point: { flushBytes: number; concurrency: number }): Promise<Run> {
  const r = await bulkOnce(ctx.es, store, ctx.main.count, prefix, point.flushBytes, point.concurrency, () => ctx.sampler.sample());
  return { messages: ctx.main.count, seconds: r.ms / 1000, rate: rateOf(ctx.main.count, r.ms), cpu: ctx.sampler.window(r.t0, r.t1) };
}

export async function runSink(ctx: BenchContext): Promise<SinkResult> {
  const { es, settings, log } = ctx;
  await warmUp(ctx);

  const subset = settings.sinkSweepDocs;
  const sweep: SinkPoint[] = [];
  for (const point of settings.sinkSweep) {
    const r = await bulkOnce(es, ctx.main.docs, subset, PREFIX, point.flushBytes, point.concurrency);
    const rate = rateOf(subset, r.ms);
    sweep.push({ ...point, docs: subset, seconds: r.ms / 1000, rate });
    log(`S sweep flushBytes ${point.flushBytes / 1024 / 1024} MiB × concurrency ${point.concurrency}: ${Math.round(rate).toLocaleString("en")} docs/s`);
  }
  const full = (point: { flushBytes: number; concurrency: number }) => fullRun(ctx, ctx.main.docs, PREFIX, point);
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

/** S0: `best` is S's best point of this run (null when S did not run). */
export async function runSinkRaw(ctx: BenchContext, best: { flushBytes: number; concurrency: number } | null): Promise<SinkRawResult> {
  const { settings, log } = ctx;
  const store = ctx.main.raw;
  if (!(store instanceof DocStore)) {
    throw new Error("the data set holds no pre-rendered no-rules documents (prepareDataset with raw: all)");
  }
  if (!best) {
    await warmUp(ctx);
    log(`S0: S did not run, so ${label(DEFAULT_POINT)} (S's warm-up point)`);
  }
  const point = best ?? DEFAULT_POINT;
  const runs: Run[] = [];
  while (runs.length < settings.repeats) {
    const run = await fullRun(ctx, store, RAW_PREFIX, point);
    runs.push(run);
    log(
      `S0 run ${runs.length}/${settings.repeats} (no rules, ${label(point)}): ${Math.round(run.rate).toLocaleString("en")} docs/s (${run.seconds.toFixed(1)} s)`,
    );
  }
  await deleteIndices(ctx.es, `${RAW_PREFIX}_*`);
  return { best: point, bestFromS: best !== null, runs, rate: spread(runs.map((r) => r.rate)) };
}
