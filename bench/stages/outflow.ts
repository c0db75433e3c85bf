import type { Outflow, TaskView } from "@outflow/testing/outflow";
import { uniqueName } from "@outflow/testing/services";
import type { BenchContext, Run } from "../context";
import { rateOf } from "../context";
import { compareSample, count, deleteIndices, distinctIds } from "../es";
import type { Dataset, DocSource } from "../generate";
import { OffsetWatch } from "../kafka";
import type { StageLog } from "../stage-log";
import { median, type Spread, spread } from "../stats";
import { benchTaskConfig } from "../workload";

/**
 * P, Outflow: a real task (date-split index, document ID from a field, the bench rules) created through the HTTP
 * API and run by the worker process, from the start request until every partition's committed offset equals its
 * end offset (polled every 200 ms). The rate counts from the task's `running` event (its consumer joined the
 * group), as K does; the rate from the start request (reconcile, lease claim and group join included) is reported
 * beside it. Then, in the same run: `_count`, distinct IDs (exact), committed = end, and a sample of stored
 * documents compared byte for byte with the pre-rendered bodies.
 *
 * P0: the same task without rules (`rules: []`: the worker writes each message's own JSON text) into
 * `bench-raw-p-logs_*` (the raw records' template), checked the same way against the pre-rendered no-rules bodies.
 * When both run, each warms up on the warm-up topic, then their repetitions alternate (P, P0, P, P0, …), so that
 * both meet the machine in the same state.
 */
export type Correctness = {
  expected: number;
  count: number;
  distinct: number;
  duplicated: number;
  committedEqualsEnd: boolean;
  sampleChecked: number;
  /** Sampled documents byte-equal to the expected ones (absent in results saved before it was recorded). */
  sampleEqual?: number;
  /** The first five that were not. */
  sampleMismatches: string[];
};

export type OutflowRun = Run & { fromStartSeconds: number; fromStartRate: number; startupSeconds: number; correctness: Correctness };

export type OutflowResult = { runs: OutflowRun[]; rate: Spread; fromStartRate: Spread; startupSeconds: Spread; worker: { rssPeak: number; rssSteady: number } };

/** The API client with its connections, and a check that throws (with the worker's last output) once the worker died. */
export type OutflowEnv = { outflow: Outflow; assertWorkerAlive: () => void; stageLog: StageLog };

const POLL_MS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates and starts one task over a data set, waits until it committed everything, checks, deletes it. */
export async function runTaskOnce(
  ctx: BenchContext,
  env: OutflowEnv,
  data: Dataset,
  prefix: string,
  opts: {
    check: boolean;
    /** The task's rules (default the bench rules). */
    rules?: readonly unknown[];
    /** What the sample is compared with (default the data set's pre-rendered documents). */
    expected?: DocSource | null;
    delivery?: Record<string, number>;
    patch?: Record<string, unknown> | null;
  },
): Promise<OutflowRun> {
  const { es } = ctx;
  const { outflow } = env;
  await deleteIndices(es, `${prefix}_*`);
  const task = await outflow.createTask(
    benchTaskConfig({
      kafkaId: outflow.kafkaId,
      esId: outflow.esId,
      topic: data.topic,
      index: prefix,
      ...(opts.rules ? { rules: opts.rules } : {}),
      ...(opts.delivery ? { delivery: opts.delivery } : {}),
      patch: opts.patch ?? null,
    }),
    uniqueName(prefix),
  );
  const watch = new OffsetWatch(data.topic);
  await watch.open();
  try {
    const timeoutMs = Math.max(180_000, data.count * 2);
    ctx.sampler.sample();
    const tStart = Date.now();
    await outflow.start(task.id);
    let lastStatus = 0;
    for (;;) {
      if (await watch.caughtUp(task.consumerGroup)) {
        break;
      }
      env.assertWorkerAlive();
      const now = Date.now();
      if (now - lastStatus > 2_000) {
        lastStatus = now;
        const t: TaskView = await outflow.task(task.id);
        if (t.status === "failed") {
          throw new Error(`task failed: ${t.statusReason} ${JSON.stringify(t.failurePoint)}`);
        }
      }
      if (now - tStart > timeoutMs) {
        throw new Error(`task did not commit ${data.count} messages within ${timeoutMs / 1000} s`);
      }
      await sleep(POLL_MS);
    }
    const tDone = Date.now();
    ctx.sampler.sample();
    const running = (await outflow.events(task.id)).find((e) => e.kind === "running");
    const tJoin = running ? Date.parse(running.at) : tStart;
    const ms = tDone - tJoin;
    const correctness: Correctness = {
      expected: data.count,
      count: -1,
      distinct: -1,
      duplicated: -1,
      committedEqualsEnd: await watch.caughtUp(task.consumerGroup),
      sampleChecked: 0,
      sampleEqual: 0,
      sampleMismatches: [],
    };
    if (opts.check) {
      correctness.count = await count(es, `${prefix}_*`);
      const d = await distinctIds(es, `${prefix}_*`);
      correctness.distinct = d.distinct;
      correctness.duplicated = d.duplicated;
      const expected = opts.expected === undefined ? data.docs : opts.expected;
      if (!expected) {
        throw new Error(`no pre-rendered documents to compare ${prefix}_* with`);
      }
      const sample = await compareSample(es, prefix, expected);
      correctness.sampleChecked = sample.checked;
      correctness.sampleEqual = sample.checked - sample.mismatches.length;
      correctness.sampleMismatches = sample.mismatches.slice(0, 5);
    }
    return {
      messages: data.count,
      seconds: ms / 1000,
      rate: rateOf(data.count, ms),
      fromStartSeconds: (tDone - tStart) / 1000,
      fromStartRate: rateOf(data.count, tDone - tStart),
      startupSeconds: (tJoin - tStart) / 1000,
      cpu: ctx.sampler.window(tJoin, tDone),
      correctness,
    };
  } finally {
    await outflow.api.delete(`/api/tasks/${task.id}`).catch(() => {});
    await watch.deleteGroups([task.consumerGroup]);
    await watch.close();
  }
}

type Variant = { name: "P" | "P0"; prefix: string; warmPrefix: string; rules?: readonly unknown[]; expected: DocSource | null };

function variantOf(ctx: BenchContext, name: "P" | "P0"): Variant {
  return name === "P"
    ? { name, prefix: "bench-p-logs", warmPrefix: "bench-pw-logs", expected: ctx.main.docs }
    : { name, prefix: "bench-raw-p-logs", warmPrefix: "bench-raw-pw-logs", rules: [], expected: ctx.main.raw };
}

function summary(runs: OutflowRun[]): OutflowResult {
  const peaks = runs.map((r) => r.cpu.rss.worker?.peak ?? 0);
  const steadies = runs.map((r) => r.cpu.rss.worker?.median ?? 0);
  return {
    runs,
    rate: spread(runs.map((r) => r.rate)),
    fromStartRate: spread(runs.map((r) => r.fromStartRate)),
    startupSeconds: spread(runs.map((r) => r.startupSeconds)),
    worker: { rssPeak: Math.max(...peaks), rssSteady: median(steadies) },
  };
}

/**
 * P and/or P0 (`which`), repetitions alternating. A variant that fails (its warm-up or a run) stops, with its error
 * in `errors`; the other goes on. A variant's result is there when all its runs completed.
 */
export async function runOutflow(
  ctx: BenchContext,
  env: OutflowEnv,
  which: ("P" | "P0")[],
): Promise<{ P?: OutflowResult; P0?: OutflowResult; errors: { name: string; error: Error }[] }> {
  const { settings, log, es } = ctx;
  const errors: { name: string; error: Error }[] = [];
  const live: { v: Variant; runs: OutflowRun[] }[] = [];
  for (const name of which) {
    const v = variantOf(ctx, name);
    try {
      log(`${name} warm-up: a task${v.rules ? " without rules" : ""} over ${ctx.warm.count.toLocaleString("en")} messages`);
      await runTaskOnce(ctx, env, ctx.warm, v.warmPrefix, { check: false, rules: v.rules, ...delivery(ctx) });
      await deleteIndices(es, `${v.warmPrefix}_*`);
      live.push({ v, runs: [] });
    } catch (error) {
      errors.push({ name, error: error as Error });
    }
  }
  for (let i = 0; i < settings.repeats; i++) {
    for (const entry of [...live]) {
      const { v, runs } = entry;
      try {
        const r = await runTaskOnce(ctx, env, ctx.main, v.prefix, { check: true, rules: v.rules, expected: v.expected, ...delivery(ctx) });
        runs.push(r);
        const c = r.correctness;
        log(
          `${v.name} run ${i + 1}/${settings.repeats}: ${Math.round(r.rate).toLocaleString("en")} msgs/s from join (${r.seconds.toFixed(1)} s), ` +
            `${Math.round(r.fromStartRate).toLocaleString("en")} from start (start-up ${r.startupSeconds.toFixed(1)} s); ` +
            `_count ${c.count}, distinct ${c.distinct}, duplicated ${c.duplicated}, committed=end ${c.committedEqualsEnd}, sample ${c.sampleEqual}/${c.sampleChecked} equal`,
        );
      } catch (error) {
        errors.push({ name: v.name, error: error as Error });
        live.splice(live.indexOf(entry), 1);
      }
    }
  }
  for (const name of which) {
    await deleteIndices(es, `${variantOf(ctx, name).prefix}_*`);
  }
  return { ...Object.fromEntries(live.map(({ v, runs }) => [v.name, summary(runs)])), errors };
}

/** The task overrides of this run, if any (`--delivery`, `--task`). */
export function delivery(ctx: BenchContext): { delivery?: Record<string, number>; patch?: Record<string, unknown> | null } {
  return { ...(ctx.settings.delivery ? { delivery: ctx.settings.delivery } : {}), patch: ctx.settings.taskPatch };
}
