import { readGroupOffsets } from "@outflow/connectors/kafka-offsets";
import type { Db } from "@outflow/db/client";
import { compactSamples, recordSample } from "@outflow/db/task-metric-samples";
import { setEndOffsets } from "@outflow/db/task-metrics";
import { consumerGroupOf } from "@outflow/db/tasks";
import type { Kafka } from "kafkajs";

/** Records end offsets and the group's committed offsets for every partition of the task's topics (for lag). */
export async function reportOffsets(db: Db, kafka: Kafka, taskId: string, topics: string[]): Promise<void> {
  await setEndOffsets(db, taskId, await readGroupOffsets(kafka, consumerGroupOf(taskId), topics));
  await recordSample(db, taskId);
  await compactSamples(db, taskId);
}
