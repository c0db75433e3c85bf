import { createKafka } from "@outflow/connectors/kafka";
import { TaskConfigBase } from "@outflow/schemas/task-config";
import { testKafka } from "@outflow/testing/kafka";
import { SERVICES } from "@outflow/testing/services";
import type { Admin, ConsumerConfig, Kafka } from "kafkajs";
import { CONSUMER_SETTINGS, RUN_SETTINGS } from "../apps/worker/src/runner/consumer-settings";

/** The worker's consumer settings, imported from the worker itself so that K matches it as it is tuned. */
export type WorkerConsumerSettings = { consumer: Omit<ConsumerConfig, "groupId">; run: typeof RUN_SETTINGS; source: string };

export const WORKER_CONSUMER: WorkerConsumerSettings = {
  consumer: CONSUMER_SETTINGS,
  run: RUN_SETTINGS,
  source: "apps/worker/src/runner/consumer-settings.ts",
};

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
