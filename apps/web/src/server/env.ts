import "server-only";
import { availableParallelism } from "node:os";
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
});
export type Env = z.infer<typeof Env>;

let cached: Env | null = null;

/** Parsed on first use (not at import), so `next build` needs no secrets. */
export function env(): Env {
  cached ??= Env.parse(process.env);
  return cached;
}
