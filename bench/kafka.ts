import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createKafka } from "@outflow/connectors/kafka";
import { TaskConfigBase } from "@outflow/schemas/task-config";
import { testKafka } from "@outflow/testing/kafka";
import { SERVICES } from "@outflow/testing/services";
import { ROOT } from "@outflow/testing/stack";
import type { Admin, ConsumerConfig, Kafka } from "kafkajs";

/**
 * The worker's consumer settings. Read from apps/worker/src/runner/slot-runner.ts itself (the `kafka.consumer({...})`
 * and `consumer.run({...})` literals), so that K keeps matching the worker as it is tuned; the values below are the
 * fallback when the source no longer parses (a warning is printed then).
 */
export type WorkerConsumerSettings = {
  consumer: Omit<ConsumerConfig, "groupId">;
  run: { autoCommit: false; eachBatchAutoResolve: false; partitionsConsumedConcurrently: number };
  source: string;
};

const FALLBACK: WorkerConsumerSettings = {
  consumer: {
    sessionTimeout: 15_000,
    rebalanceTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxBytesPerPartition: 10 * 1024 * 1024,
    maxBytes: 50 * 1024 * 1024,
    retry: { retries: 10 },
  },
  run: { autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 8 },
  source: "fallback copy in bench/kafka.ts",
};

function numberIn(block: string, key: string): number | undefined {
  const m = new RegExp(`\\b${key}:\\s*([\\d_]+(?:\\s*\\*\\s*[\\d_]+)*)\\s*[,}\\n]`).exec(block);
  return m?.[1]
    ?.split("*")
    .map((f) => Number(f.trim().replace(/_/g, "")))
    .reduce((a, b) => a * b, 1);
}

export function workerConsumerSettings(warn: (s: string) => void): WorkerConsumerSettings {
  const file = join(ROOT, "apps/worker/src/runner/slot-runner.ts");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const consumerBlock = /kafka\.consumer\(\{([\s\S]*?)\}\);/.exec(text)?.[1] ?? "";
  const runBlock = /consumer\.run\(\{([\s\S]*?)eachBatch:/.exec(text)?.[1] ?? "";
  const c = FALLBACK.consumer;
  const read = {
    sessionTimeout: numberIn(consumerBlock, "sessionTimeout"),
    rebalanceTimeout: numberIn(consumerBlock, "rebalanceTimeout"),
    heartbeatInterval: numberIn(consumerBlock, "heartbeatInterval"),
    maxBytesPerPartition: numberIn(consumerBlock, "maxBytesPerPartition"),
    maxBytes: numberIn(consumerBlock, "maxBytes"),
    retries: numberIn(consumerBlock, "retries"),
    partitionsConsumedConcurrently: numberIn(runBlock, "partitionsConsumedConcurrently"),
  };
  const missing = Object.entries(read)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length > 0 || !/autoCommit:\s*false/.test(runBlock)) {
    warn(`could not read ${missing.join(", ") || "autoCommit"} from slot-runner.ts; K uses the fallback copy of the worker's settings`);
    return FALLBACK;
  }
  return {
    consumer: {
      sessionTimeout: read.sessionTimeout ?? c.sessionTimeout,
      rebalanceTimeout: read.rebalanceTimeout ?? c.rebalanceTimeout,
      heartbeatInterval: read.heartbeatInterval ?? c.heartbeatInterval,
      maxBytesPerPartition: read.maxBytesPerPartition ?? c.maxBytesPerPartition,
      maxBytes: read.maxBytes ?? c.maxBytes,
      retry: { retries: read.retries ?? 10 },
    },
    run: { autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: read.partitionsConsumedConcurrently ?? 8 },
    source: "apps/worker/src/runner/slot-runner.ts",
  };
}

/** The task's default bulkMaxDocs: the worker commits once per chunk of this many messages per partition. */
export const WORKER_CHUNK = (TaskConfigBase.shape.delivery.parse(undefined) as { bulkMaxDocs: number }).bulkMaxDocs;

/** A kafkajs client configured exactly as the worker configures one for a stored connection. */
export function workerKafka(clientId: string): Kafka {
  return createKafka({ kind: "kafka", name: "bench", brokers: SERVICES.kafkaBrokers }, { clientId });
}

/** Committed offsets of a group against the end offsets of its topic, through one long-lived admin connection. */
export class OffsetWatch {
  private admin: Admin | null = null;
  ends = new Map<number, bigint>();

  constructor(readonly topic: string) {}

  async open(): Promise<void> {
    this.admin = testKafka().admin();
    await this.admin.connect();
    await this.refreshEnds();
  }

  async refreshEnds(): Promise<void> {
    const offsets = await this.adminOrThrow().fetchTopicOffsets(this.topic);
    this.ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  }

  get endTotal(): bigint {
    let n = 0n;
    for (const v of this.ends.values()) {
      n += v;
    }
    return n;
  }

  /** Committed offset per partition (0 where the group has none). */
  async committed(groupId: string): Promise<Map<number, bigint>> {
    const [t] = await this.adminOrThrow().fetchOffsets({ groupId, topics: [this.topic] });
    const out = new Map<number, bigint>();
    for (const p of t?.partitions ?? []) {
      out.set(p.partition, BigInt(p.offset) < 0n ? 0n : BigInt(p.offset));
    }
    return out;
  }

  async committedTotal(groupId: string): Promise<bigint> {
    let n = 0n;
    for (const v of (await this.committed(groupId)).values()) {
      n += v;
    }
    return n;
  }

  /** Every partition's committed offset equals its end offset. */
  async caughtUp(groupId: string): Promise<boolean> {
    const c = await this.committed(groupId);
    for (const [p, end] of this.ends) {
      if ((c.get(p) ?? 0n) !== end) {
        return false;
      }
    }
    return true;
  }

  async deleteGroups(groupIds: string[]): Promise<void> {
    await this.adminOrThrow()
      .deleteGroups(groupIds)
      .catch(() => {});
  }

  async close(): Promise<void> {
    await this.admin?.disconnect();
    this.admin = null;
  }

  private adminOrThrow(): Admin {
    if (!this.admin) {
      throw new Error("OffsetWatch is not open");
    }
    return this.admin;
  }
}
