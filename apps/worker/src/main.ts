import { hostname } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { disconnectAll, getPrisma } from "@outflow/db/client";
import { SecretBox } from "@outflow/db/secret-box";
import { heartbeatWorker, removeWorker } from "@outflow/db/workers";
import { createControlQueue, createWorkerRedis, taskChangedChannel } from "@outflow/queue/control-queue";
import { CONTROL_QUEUE, workerQueueName } from "@outflow/schemas/jobs";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { readEnv } from "./env";
import { claimSlotJob } from "./jobs/claim-slot";
import type { AnyJob } from "./jobs/define-job";
import { deliverWebhookJob } from "./jobs/deliver-webhook";
import { evaluateAlertsJob } from "./jobs/evaluate-alerts";
import { reconcileTasksJob } from "./jobs/reconcile-tasks";
import { startReplayWorker } from "./jobs/replay-worker";
import { skipHeldJob } from "./jobs/skip-held";
import { createLogger } from "./logger";
import { serveWorkerMetrics } from "./metrics/serve-worker-metrics";
import { FetchBudget } from "./runner/fetch-budget";
import { RunnerRegistry } from "./runner/runner-registry";
import { StageTimes } from "./runner/stage-times";

const env = readEnv();
const log = createLogger(env.LOG_LEVEL, { worker: env.WORKER_ID });
const db = getPrisma(env.DATABASE_URL);
const stageTimes = env.STAGE_TIMES_EVERY_MS > 0 ? new StageTimes() : null;
const deps = {
  db,
  box: new SecretBox(env.OUTFLOW_SECRET_KEY),
  env,
  log,
  workerId: env.WORKER_ID,
  fetchBudget: new FetchBudget(env.FETCH_AHEAD_BYTES),
  stageTimes,
};
if (stageTimes) {
  // The event loop's own delays beside the stages: a blocked loop delays every stage at once.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  setInterval(() => {
    const stages = stageTimes.take();
    const loopDelay = { p99: Math.round(loop.percentile(99) / 1e6), max: Math.round(loop.max / 1e6) };
    loop.reset();
    if (stages.write.n > 0) {
      log.info("stage times", { stages, loopDelay });
    }
  }, env.STAGE_TIMES_EVERY_MS).unref();
}
const queue = createControlQueue(env.REDIS_URL, env.QUEUE_PREFIX);
const registry = new RunnerRegistry(deps);
const metricsServer =
  env.OUTFLOW_WORKER_METRICS_PORT > 0
    ? await serveWorkerMetrics({
        db,
        log,
        fetchBudget: deps.fetchBudget,
        slots: () => registry.slots(),
        maxSlots: env.MAX_SLOTS,
        host: env.OUTFLOW_WORKER_METRICS_HOST,
        port: env.OUTFLOW_WORKER_METRICS_PORT,
      })
    : null;

const jobs = new Map<string, AnyJob>();
for (const job of [
  reconcileTasksJob(deps, queue),
  claimSlotJob(deps, registry),
  evaluateAlertsJob(deps, queue),
  deliverWebhookJob(deps),
  skipHeldJob(deps, queue),
] as AnyJob[]) {
  jobs.set(job.name, job);
}

const me = { id: env.WORKER_ID, host: hostname(), pid: process.pid };
await heartbeatWorker(db, me);
const heartbeat = setInterval(() => void heartbeatWorker(db, me).catch((err) => log.warn("heartbeat failed", { err: err.message })), 2_000);

async function processJob(job: Job): Promise<void> {
  const def = jobs.get(job.name);
  if (!def) {
    throw new UnrecoverableError(`unknown job "${job.name}"`);
  }
  await def.handle(def.schema.parse(job.data) as never, { job });
}

// One BullMQ worker on the shared control queue (reconcile), one on this process's own queue (claims placed here).
const workerConnection = createWorkerRedis(env.REDIS_URL);
const bullWorkers = [CONTROL_QUEUE, workerQueueName(env.WORKER_ID)].map((name) => {
  const w = new Worker(name, processJob, { connection: workerConnection, prefix: env.QUEUE_PREFIX, concurrency: 4 });
  w.on("failed", (job, err) => log.warn("job failed", { job: job?.name, data: job?.data, err: err.message }));
  w.on("error", (err) => log.error("bullmq worker error", { err: err.message }));
  return w;
});

// Dead-letter replays: their own queue and BullMQ worker (jobs/replay-worker.ts).
const replays = await startReplayWorker(deps);

const subscriber = createWorkerRedis(env.REDIS_URL);
await subscriber.subscribe(taskChangedChannel(env.QUEUE_PREFIX));
subscriber.on("message", (_channel, taskId: string) => registry.nudge(taskId));

await queue.scheduleReconcile(env.RECONCILE_EVERY_MS);
await queue.scheduleAlerts(env.ALERTS_EVERY_MS);
await queue.enqueue("task.reconcile", {});
log.info("worker started", { leaseMs: env.LEASE_MS, maxSlots: env.MAX_SLOTS });

if (env.FAULT_BLOCK_MS > 0) {
  // Fault injection for the lease-loss test: freeze the whole process, as a long GC pause or a stuck call would.
  process.on("SIGUSR2", () => {
    log.warn("fault injection: blocking the event loop", { ms: env.FAULT_BLOCK_MS });
    const until = Date.now() + env.FAULT_BLOCK_MS;
    while (Date.now() < until) {
      // busy wait
    }
    log.warn("fault injection: event loop released");
  });
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    return;
  }
  stopping = true;
  log.info("shutting down", { signal });
  clearInterval(heartbeat);
  await Promise.all([...bullWorkers.map((w) => w.close()), replays.close()]);
  await registry.stopAll("the worker is shutting down");
  await queue.enqueue("task.reconcile", {}).catch(() => {});
  await removeWorker(db, me.id).catch(() => {});
  metricsServer?.close();
  await subscriber.quit().catch(() => {});
  await workerConnection.quit().catch(() => {});
  await queue.close();
  await disconnectAll();
  log.info("stopped");
  process.exit(0);
}
for (const s of ["SIGINT", "SIGTERM"] as const) {
  process.once(s, () => void shutdown(s));
}
