import type { Kafka } from "kafkajs";

/** One partition's offsets as Kafka has them: its end, and the consumer group's committed offset (null: none). */
export type PartitionOffsets = { topic: string; partition: number; endOffset: string; committedOffset: string | null };

/** Reads the end offset of every partition of `topics` and the group's committed offsets, in one admin session. */
export async function readGroupOffsets(kafka: Kafka, groupId: string, topics: string[]): Promise<PartitionOffsets[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length === 0) {
      return [];
    }
    const committed = await admin.fetchOffsets({ groupId, topics: present });
    const committedBy = new Map<string, string>();
    for (const t of committed) {
      for (const p of t.partitions) {
        if (p.offset !== "-1") {
          committedBy.set(`${t.topic}:${p.partition}`, p.offset);
        }
      }
    }
    const rows: PartitionOffsets[] = [];
    for (const topic of present) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        rows.push({ topic, partition: p.partition, endOffset: p.high, committedOffset: committedBy.get(`${topic}:${p.partition}`) ?? null });
      }
    }
    return rows;
  } finally {
    await admin.disconnect();
  }
}
