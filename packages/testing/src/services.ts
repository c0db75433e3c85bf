import { createServer } from "node:net";

/** Where the real services of integration tests are (the ones `npm run services:up` starts). */
export const SERVICES = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(","),
  elasticsearchUrl: process.env.ES_URL ?? "http://127.0.0.1:9200",
  postgresUrl: process.env.PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
  /** Apicurio Registry's Confluent-compatible API (scripts/services/schema-registry.sh). */
  schemaRegistryUrl: process.env.SCHEMA_REGISTRY_URL ?? "http://127.0.0.1:8081/apis/ccompat/v7",
};

/** A name unique to this run, for topics, indices and task names (lowercase: valid as an index name). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) {
        return v;
      }
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A TCP port that is free now, chosen by the OS from its ephemeral range (above every port browsers and Next.js
 * refuse, such as 3659 or 6000; a random pick from 3100-3899 once hit 3659).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}
