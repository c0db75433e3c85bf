import "server-only";
import { availableParallelism } from "node:os";
import { trustedProxies } from "@outflow/auth/client-address";
import { CommonEnv } from "@outflow/schemas/env";
import { z } from "zod";

const Env = CommonEnv.extend({
  /** The largest request body any route reads (bytes); larger ones are refused with 413. */
  OUTFLOW_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Threads that run previews at once (off the request thread); default: the cores less one, 1 to 4. */
  OUTFLOW_PREVIEW_THREADS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(() => Math.max(1, Math.min(4, availableParallelism() - 1))),
  /** Milliseconds one preview may compute; past it the preview is stopped (422 naming this budget). */
  OUTFLOW_PREVIEW_BUDGET_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** Reverse proxies (addresses, CIDRs; comma-separated) whose X-Forwarded-For names the client; default none. */
  OUTFLOW_TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((v, c) => {
      try {
        trustedProxies(v);
      } catch (err) {
        c.addIssue({ code: "custom", message: (err as Error).message });
      }
    }),
});
export type Env = z.infer<typeof Env>;

let cached: Env | null = null;

/** Parsed on first use (not at import), so `next build` needs no secrets. */
export function env(): Env {
  cached ??= Env.parse(process.env);
  return cached;
}
