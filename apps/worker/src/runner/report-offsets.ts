import type { Db } from "@outflow/db/client";
import { compactSamples, recordSample } from "@outflow/db/task-metric-samples";
import { setEndOffsets } from "@outflow/db/task-metrics";
import { consumerGroupOf } from "@outflow/db/tasks";
import type { Kafka } from "kafkajs";

/** Records end offsets and the group's committed offsets for every partition of the task's topics (for lag). */
export async function reportOffsets(db: Db, kafka: Kafka, taskId: string, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId: consumerGroupOf(taskId), topics });
    const committedBy = new Map<string, string>();
    for (const t of committed) {
      for (const p of t.partitions) {
        if (p.offset !== "-1") {
          committedBy.set(`${t.topic}:${p.partition}`, p.offset);
        }
      }
    }
    const rows: { topic: string; partition: number; endOffset: string; committedOffset: string | null }[] = [];
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        rows.push({ topic, partition: p.partition, endOffset: p.high, committedOffset: committedBy.get(`${topic}:${p.partition}`) ?? null });
      }
    }
    await setEndOffsets(db, taskId, rows);
    await recordSample(db, taskId);
    await compactSamples(db, taskId);
  } finally {
    await admin.disconnect();
  }
}
