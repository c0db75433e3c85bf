import { hostname } from "node:os";
import { CommonEnv } from "@outflow/schemas/env";
import { z } from "zod";

/** Defaults of the intervals the bench reports (it runs the worker as users do). */
export const WORKER_DEFAULTS = { LEASE_MS: 10_000, RECONCILE_EVERY_MS: 5_000, METRICS_EVERY_MS: 1_000, MAX_SLOTS: 64 } as const;

const Env = CommonEnv.extend({
  WORKER_ID: z
    .string()
    .min(1)
    .default(`${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`),
  /** How long a consumer slot's lease lasts without renewal; a crashed worker's slots move after this. */
  LEASE_MS: z.coerce.number().int().min(2_000).default(WORKER_DEFAULTS.LEASE_MS),
  /** Most consumer slots one worker process runs. */
  MAX_SLOTS: z.coerce.number().int().min(1).default(WORKER_DEFAULTS.MAX_SLOTS),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(500).default(WORKER_DEFAULTS.RECONCILE_EVERY_MS),
  METRICS_EVERY_MS: z.coerce.number().int().min(200).default(WORKER_DEFAULTS.METRICS_EVERY_MS),
  /**
   * Bytes of fetched messages the worker's consumers may queue ahead of Elasticsearch, shared by all its slots
   * (each partition can always have one chunk settling on top of this).
   */
  FETCH_AHEAD_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(4 * 1024 * 1024),
  /** Every this many ms, log where messages spent their time in the worker (fetch, queue, write, commit); 0: off. */
  STAGE_TIMES_EVERY_MS: z.coerce.number().int().min(0).default(0),
  /** Port of the worker's Prometheus endpoint `/metrics`; 0: not served. Each worker on one host needs its own. */
  OUTFLOW_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  /** Address the metrics endpoint listens on: loopback unless set (e.g. 0.0.0.0 for a Prometheus on another host). */
  OUTFLOW_WORKER_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** How often every task's alert rules are evaluated (one worker runs each pass). */
  ALERTS_EVERY_MS: z.coerce.number().int().min(200).default(15_000),
  /** Tries of one webhook delivery in all, and the first wait between them (doubling: 5, 10, 20, 40 s). */
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(50).default(5_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Fault tests only: on SIGUSR2 the process blocks its event loop for this many ms (0: off). */
  FAULT_BLOCK_MS: z.coerce.number().int().min(0).default(0),
});
export type Env = z.infer<typeof Env>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`worker configuration is invalid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
