import { z } from "zod";

export const CONTROL_QUEUE = "outflow-control";

/** Each worker also listens on a queue of its own: reconcile places a slot's claim on the worker that should run it. */
export const workerQueueName = (workerId: string) => `outflow-worker-${workerId.replace(/[^A-Za-z0-9_-]/g, "_")}`;

/** BullMQ carries commands; the long-running consumer loops are held by workers under leases. */
export const JobPayloads = {
  /** Make sure every consumer slot of a running task is claimed by some worker. */
  "task.reconcile": z.object({ taskId: z.string().optional() }),
  /** Claim one consumer slot of a task and run its loop in this worker (sent to the chosen worker's own queue). */
  "task.claim": z.object({ taskId: z.string(), slot: z.int().min(0), configVersion: z.int() }),
  /** Evaluate every task's alert rules once (a repeating job: one worker runs each pass). */
  "alerts.evaluate": z.object({}),
  /** Send one alert notification to one webhook; retried with backoff by BullMQ, so retries survive a restart. */
  "webhook.deliver": z.object({ webhookId: z.string(), taskId: z.string(), body: z.record(z.string(), z.unknown()) }),
  /**
   * Commit past one held message (retain policy) and count it as discarded, then start the task again. Applied only
   * while that offset is still the partition's held message and committed offset, so a repeat does nothing more.
   */
  "task.held.skip": z.object({
    taskId: z.string(),
    topic: z.string(),
    partition: z.int().min(0),
    offset: z.string().regex(/^\d+$/),
    actor: z.object({ userId: z.string(), email: z.string() }),
  }),
} as const;
export type JobName = keyof typeof JobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof JobPayloads)[N]>;
