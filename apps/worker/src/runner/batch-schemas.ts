import type { KafkaMessage } from "@outflow/pipeline";
import type { SchemaLookup } from "@outflow/pipeline/formats/schema-book";
import { resolveSchemas } from "@outflow/pipeline/formats/schema-decoders";
import type { EachBatchPayload } from "kafkajs";
import { backoffMs, sleep } from "./backoff";
import { CONSUMER_SETTINGS } from "./consumer-settings";
import type { Generation } from "./slot-generation";

/** How a generation reaches its schema registry, and tells its runner the registry is away or back. */
export type BatchSchemas = {
  lookup: SchemaLookup;
  /** The registry did not answer: record it (the task shows `retrying`); the batch waits and asks again. */
  unavailable(reason: string): Promise<void>;
  recovered(): Promise<void>;
};

/**
 * Before a chunk is processed: every schema id it carries that the task has not compiled is looked up. A registry
 * that does not answer is its own condition, never the messages': the chunk waits (backing off, heartbeating) and
 * asks again, nothing processed, discarded or committed meanwhile. False when the batch was given up (a halt, a
 * rebalance): it is not processed and kafkajs fetches it again.
 */
export async function schemasReady(gen: Generation, messages: KafkaMessage[], p: EachBatchPayload, stillWanted: () => boolean): Promise<boolean> {
  const schemas = gen.schemas;
  if (!schemas) {
    return true;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await resolveSchemas(gen.compiled, messages, schemas.lookup);
      if (attempt > 1) {
        await schemas.recovered();
      }
      return true;
    } catch (err) {
      if (!stillWanted()) {
        return false;
      }
      await schemas.unavailable((err as Error).message);
      const until = Date.now() + backoffMs(attempt);
      while (Date.now() < until && stillWanted()) {
        await sleep(Math.min(CONSUMER_SETTINGS.heartbeatInterval, until - Date.now()), gen.ending.signal);
        await p.heartbeat().catch(() => {});
      }
      if (!stillWanted()) {
        return false;
      }
    }
  }
}
