import { z } from "zod";

/** Settings the web app and the workers share (each app's env.ts extends this). */
export const CommonEnv = z.object({
  DATABASE_URL: z.string().default("postgresql://postgres@127.0.0.1:5432/outflow"),
  REDIS_URL: z.string().default("redis://127.0.0.1:6379"),
  /** Namespace of every Redis key (queues, channels); installations sharing a Redis use different ones. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("outflow"),
  OUTFLOW_SECRET_KEY: z.string({ error: "OUTFLOW_SECRET_KEY is required: 32 bytes, base64 (npm start creates one in .outflow/env)" }).min(1),
});

/** Creates the first admin without the setup link (both or neither); read by `npm start` only while no user exists. */
export const FirstAdminEnv = z
  .object({
    OUTFLOW_ADMIN_EMAIL: z.email({ error: "OUTFLOW_ADMIN_EMAIL is not an email address" }).optional(),
    OUTFLOW_ADMIN_PASSWORD: z.string().min(8, { error: "OUTFLOW_ADMIN_PASSWORD must have at least 8 characters" }).max(128).optional(),
  })
  .refine((e) => (e.OUTFLOW_ADMIN_EMAIL === undefined) === (e.OUTFLOW_ADMIN_PASSWORD === undefined), {
    error: "Set both OUTFLOW_ADMIN_EMAIL and OUTFLOW_ADMIN_PASSWORD, or neither",
  });
