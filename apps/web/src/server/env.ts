import "server-only";
import { z } from "zod";

const Env = z.object({
  DATABASE_URL: z.string().default("postgresql://postgres@127.0.0.1:5432/outflow"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  /** Namespace of every Redis key (queues, channels); installations sharing a Redis use different ones. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("outflow"),
  OUTFLOW_SECRET_KEY: z.string({ error: "OUTFLOW_SECRET_KEY is required: 32 bytes, base64 (npm start creates one in .outflow/env)" }).min(1),
});
export type Env = z.infer<typeof Env>;

let cached: Env | null = null;

/** Parsed on first use (not at import), so `next build` needs no secrets. */
export function env(): Env {
  cached ??= Env.parse(process.env);
  return cached;
}
