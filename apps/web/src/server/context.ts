import "server-only";
import { type Db, getPrisma } from "@outflow/db/client";
import { SecretBox } from "@outflow/db/secret-box";
import { type ControlQueue, createControlQueue } from "@outflow/queue/control-queue";
import { env } from "./env";

type Context = { db: Db; box: SecretBox; queue: ControlQueue };
const g = globalThis as unknown as { __outflowContext?: Context };

/** The server's shared clients, made once per process. */
export function ctx(): Context {
  if (!g.__outflowContext) {
    const e = env();
    g.__outflowContext = { db: getPrisma(e.DATABASE_URL), box: new SecretBox(e.OUTFLOW_SECRET_KEY), queue: createControlQueue(e.REDIS_URL, e.QUEUE_PREFIX) };
  }
  return g.__outflowContext;
}
