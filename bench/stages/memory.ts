import type { TaskView } from "@outflow/testing/outflow";
import { uniqueName } from "@outflow/testing/services";
import type { BenchContext } from "../context";
import { deleteIndices } from "../es";
import { OffsetWatch } from "../kafka";
import type { ProcWindow } from "../proc-sampler";
import { benchTaskConfig } from "../workload";
import { delivery, type OutflowEnv } from "./outflow";

/**
 * Worker memory with many tasks: `manyTasks` tasks over the measured topic (each its own consumer group and
 * indices) run at once, at full speed, for `manyTasksSeconds`; the worker's RSS is sampled every second. Also
 * reports their combined throughput (committed messages per second).
 */
export type MemoryResult = { tasks: number; seconds: number; committed: number; rate: number; rssPeak: number; rssSteady: number; cpu: ProcWindow };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runManyTasks(ctx: BenchContext, env: OutflowEnv): Promise<MemoryResult> {
  const { settings, log, es } = ctx;
  const { outflow } = env;
  const n = settings.manyTasks;
  await deleteIndices(es, "bench-m*");
  const tasks: TaskView[] = [];
  for (let i = 0; i < n; i++) {
    tasks.push(
      await outflow.createTask(
        benchTaskConfig({ kafkaId: outflow.kafkaId, esId: outflow.esId, topic: ctx.main.topic, index: `bench-m${i}-logs`, ...delivery(ctx) }),
        uniqueName(`bench-m${i}`),
      ),
    );
  }
  const watch = new OffsetWatch(ctx.main.topic);
  await watch.open();
  try {
    log(`memory: starting ${n} tasks at once for ${settings.manyTasksSeconds} s`);
    for (const t of tasks) {
      await outflow.start(t.id);
    }
    // Measure once every task runs (its consumer joined), for the set duration.
    const joinDeadline = Date.now() + 120_000;
    for (;;) {
      const views = await Promise.all(tasks.map((t) => outflow.task(t.id)));
      env.assertWorkerAlive();
      if (views.every((v) => v.status === "running")) {
        break;
      }
      if (Date.now() > joinDeadline) {
        throw new Error(`not every task is running: ${views.map((v) => v.status).join(", ")}`);
      }
      await sleep(250);
    }
    ctx.sampler.sample();
    const t0 = Date.now();
    const c0 = await committedSum(watch, tasks);
    await sleep(settings.manyTasksSeconds * 1_000);
    const c1 = await committedSum(watch, tasks);
    const t1 = Date.now();
    ctx.sampler.sample();
    const cpu = ctx.sampler.window(t0, t1);
    const committed = Number(c1 - c0);
    const rss = cpu.rss.worker ?? { peak: 0, median: 0 };
    return { tasks: n, seconds: (t1 - t0) / 1000, committed, rate: committed / ((t1 - t0) / 1000), rssPeak: rss.peak, rssSteady: rss.median, cpu };
  } finally {
    for (const t of tasks) {
      await outflow.api.delete(`/api/tasks/${t.id}`).catch(() => {});
    }
    await watch.deleteGroups(tasks.map((t) => t.consumerGroup));
    await watch.close();
    await deleteIndices(es, "bench-m*");
  }
}

async function committedSum(watch: OffsetWatch, tasks: TaskView[]): Promise<bigint> {
  let n = 0n;
  for (const t of tasks) {
    n += await watch.committedTotal(t.consumerGroup);
  }
  return n;
}
