import "server-only";
import { CommonEnv } from "@outflow/schemas/env";
import type { z } from "zod";

const Env = CommonEnv;
export type Env = z.infer<typeof Env>;

let cached: Env | null = null;

/** Parsed on first use (not at import), so `next build` needs no secrets. */
export function env(): Env {
  cached ??= Env.parse(process.env);
  return cached;
}
