import { CONTROL_QUEUE, type JobName, type JobPayload, JobPayloads, workerQueueName } from "@outflow/schemas/jobs";
import { Queue } from "bullmq";
import { Redis } from "ioredis";

/** Redis channel on which the API nudges workers when a task's wanted state or config changes. */
export const taskChangedChannel = (prefix: string) => `${prefix}:task-changed`;

export type ControlQueue = {
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    opts?: { jobId?: string; delayMs?: number /** tries in all, with exponential backoff from `backoffMs` */; attempts?: number; backoffMs?: number },
  ): Promise<void>;
  /** Puts a claim on one worker's own queue. */
  enqueueClaim(workerId: string, payload: JobPayload<"task.claim">): Promise<void>;
  /** Tells workers holding this task to look at it now instead of at their next lease renewal. */
  nudge(taskId: string): Promise<void>;
  /** A repeating `task.reconcile` for all tasks (idempotent: one scheduler however many workers call it). */
  scheduleReconcile(everyMs: number): Promise<void>;
  /** A repeating `alerts.evaluate` (one scheduler however many workers call it, so each pass runs on one worker). */
  scheduleAlerts(everyMs: number): Promise<void>;
  close(): Promise<void>;
};

/** `prefix` namespaces every Redis key (BullMQ's `prefix`), so several installations can share one Redis. */
export function createControlQueue(redisUrl: string, prefix: string): ControlQueue {
  // Fail fast when Redis is down instead of queueing commands in memory (BullMQ's advice for producers).
  const connection = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  connection.on("error", () => {});
  const defaultJobOptions = { removeOnComplete: true, removeOnFail: { count: 1000 }, attempts: 5, backoff: { type: "exponential", delay: 1000 } };
  const queue = new Queue(CONTROL_QUEUE, { connection, prefix, defaultJobOptions });
  const workerQueues = new Map<string, Queue>();
  const workerQueue = (workerId: string): Queue => {
    const name = workerQueueName(workerId);
    let q = workerQueues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions: { ...defaultJobOptions, attempts: 1 } });
      workerQueues.set(name, q);
    }
    return q;
  };
  return {
    async enqueue(name, payload, opts = {}) {
      const data = JobPayloads[name].parse(payload);
      await queue.add(name, data, {
        ...(opts.jobId ? { jobId: opts.jobId } : {}),
        ...(opts.delayMs ? { delay: opts.delayMs } : {}),
        ...(opts.attempts ? { attempts: opts.attempts, backoff: { type: "exponential", delay: opts.backoffMs ?? 1000 }, removeOnFail: { count: 1000 } } : {}),
      });
    },
    async enqueueClaim(workerId, payload) {
      const data = JobPayloads["task.claim"].parse(payload);
      await workerQueue(workerId).add("task.claim", data, { jobId: `claim-${data.taskId}-${data.slot}` });
    },
    async scheduleReconcile(everyMs) {
      await queue.upsertJobScheduler("reconcile-all", { every: everyMs }, { name: "task.reconcile", data: {} });
    },
    async scheduleAlerts(everyMs) {
      await queue.upsertJobScheduler("alerts-all", { every: everyMs }, { name: "alerts.evaluate", data: {} });
    },
    async nudge(taskId) {
      await connection.publish(taskChangedChannel(prefix), taskId);
    },
    async close() {
      await Promise.all([...workerQueues.values()].map((q) => q.close()));
      await queue.close();
      await connection.quit().catch(() => {});
    },
  };
}

/** A connection for BullMQ workers and subscribers: commands wait for Redis instead of failing. */
export function createWorkerRedis(redisUrl: string): Redis {
  return new Redis(redisUrl, { maxRetriesPerRequest: null });
}
