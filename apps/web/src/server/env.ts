import "server-only";
import { CommonEnv } from "@outflow/schemas/env";
import { z } from "zod";

const Env = CommonEnv.extend({
  /** The largest request body any route reads (bytes); larger ones are refused with 413. */
  OUTFLOW_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
});
export type Env = z.infer<typeof Env>;

let cached: Env | null = null;

/** Parsed on first use (not at import), so `next build` needs no secrets. */
export function env(): Env {
  cached ??= Env.parse(process.env);
  return cached;
}
