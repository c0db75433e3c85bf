import type { KafkaMessage } from "@outflow/pipeline";
import type { Kafka } from "kafkajs";

export type SamplePosition = { type: "earliest" } | { type: "latest" } | { type: "timestamp"; timestamp: number };

/** A message read for the wizard's preview: the pipeline's own message type. */
export type SampledMessage = KafkaMessage;

/**
 * Reads up to `limit` messages from the topics without touching any task's offsets: a throwaway consumer group
 * that seeks each partition to the position, stops at the partitions' end (or after `timeoutMs`), then is deleted.
 * `latest` means the last `limit` messages of each partition.
 */
export async function sampleMessages(
  kafka: Kafka,
  topics: string[],
  opts: { limit: number; position: SamplePosition; timeoutMs?: number },
): Promise<SampledMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `outflow-sample-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      throw new Error(`topic(s) not found: ${missing.join(", ")}`);
    }
    const starts: { topic: string; partition: number; offset: string; end: bigint }[] = [];
    for (const topic of topics) {
      const bounds = await admin.fetchTopicOffsets(topic);
      const byTime = opts.position.type === "timestamp" ? await admin.fetchTopicOffsetsByTimestamp(topic, opts.position.timestamp) : [];
      for (const b of bounds) {
        const low = BigInt(b.low);
        const high = BigInt(b.high);
        let start = low;
        if (opts.position.type === "latest") {
          start = high - BigInt(opts.limit) > low ? high - BigInt(opts.limit) : low;
        } else if (opts.position.type === "timestamp") {
          const found = byTime.find((f) => f.partition === b.partition)?.offset ?? "-1";
          start = found === "-1" ? high : BigInt(found);
        }
        if (start < high) {
          starts.push({ topic, partition: b.partition, offset: start.toString(), end: high });
        }
      }
    }
    if (starts.length === 0) {
      return [];
    }
    const out: SampledMessage[] = [];
    const remaining = new Map(starts.map((s) => [`${s.topic}:${s.partition}`, s.end]));
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      const done = new Promise<void>((resolve) => {
        void consumer.run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}:${batch.partition}`;
            const end = remaining.get(key);
            if (end === undefined) {
              return;
            }
            for (const m of batch.messages) {
              if (BigInt(m.offset) >= end) {
                break;
              }
              if (out.filter((o) => o.topic === batch.topic && o.partition === batch.partition).length < opts.limit) {
                out.push({
                  topic: batch.topic,
                  partition: batch.partition,
                  offset: m.offset,
                  timestamp: m.timestamp,
                  key: m.key,
                  value: m.value,
                  headers: m.headers ?? {},
                });
              }
            }
            const last = batch.messages.at(-1);
            const perPartition = out.filter((o) => o.topic === batch.topic && o.partition === batch.partition).length;
            if ((last && BigInt(last.offset) + 1n >= end) || perPartition >= opts.limit) {
              remaining.delete(key);
            }
            if (remaining.size === 0) {
              resolve();
            }
          },
        });
      });
      for (const s of starts) {
        consumer.seek({ topic: s.topic, partition: s.partition, offset: s.offset });
      }
      await Promise.race([done, new Promise((r) => setTimeout(r, opts.timeoutMs ?? 8_000))]);
    } finally {
      await consumer.disconnect().catch(() => {});
    }
    return out
      .sort(
        (a, b) =>
          Number(a.timestamp) - Number(b.timestamp) ||
          a.topic.localeCompare(b.topic) ||
          a.partition - b.partition ||
          Number(BigInt(a.offset) - BigInt(b.offset)),
      )
      .slice(0, opts.limit);
  } finally {
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.disconnect().catch(() => {});
  }
}
