import { z } from "zod";

export const CONTROL_QUEUE = "outflow-control";

/** BullMQ carries commands; the long-running consumer loops are held by workers under leases. */
export const JobPayloads = {
  /** Make sure every consumer slot of a running task is claimed by some worker. */
  "task.reconcile": z.object({ taskId: z.string().optional() }),
  /** Claim one consumer slot of a task and run its loop in this worker. */
  "task.claim": z.object({ taskId: z.string(), slot: z.int().min(0), configVersion: z.int() }),
} as const;
export type JobName = keyof typeof JobPayloads;
export type JobPayload<N extends JobName> = z.infer<(typeof JobPayloads)[N]>;
