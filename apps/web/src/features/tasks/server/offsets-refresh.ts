import "server-only";
import { createKafka } from "@outflow/connectors/kafka";
import { readGroupOffsets } from "@outflow/connectors/kafka-offsets";
import { resolveConnection } from "@outflow/db/connections";
import { setEndOffsets } from "@outflow/db/task-metrics";
import type { TaskRecord } from "@outflow/db/tasks";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { OFFSETS_REFRESH_SECONDS } from "@outflow/schemas/figure-age";
import { ctx } from "@/server/context";

const inFlight = new Map<string, Promise<void>>();
const lastTry = new Map<string, number>();

/**
 * Reads a task's end and committed offsets from Kafka when the stored ones are older than their refresh interval
 * (a stopped or failed task has no runner reading them), so its lag stays true while someone looks at it. In the
 * background and at most once per interval per task in this process; the answer that asked shows the stored
 * figures with their age, the next one the fresh ones. A Kafka that does not answer leaves them stale, and says so.
 */
export function refreshOffsetsIfOld(task: TaskRecord, offsetsReadAt: string | null): void {
  const now = Date.now();
  const intervalMs = OFFSETS_REFRESH_SECONDS * 1000;
  const fresh = offsetsReadAt !== null && now - Date.parse(offsetsReadAt) < intervalMs;
  if (fresh || inFlight.has(task.id) || now - (lastTry.get(task.id) ?? 0) < intervalMs) {
    return;
  }
  lastTry.set(task.id, now);
  const run = refresh(task)
    .catch((err: Error) => console.warn(`offsets of task ${task.id} not read from Kafka: ${err.message}`))
    .finally(() => inFlight.delete(task.id));
  inFlight.set(task.id, run);
}

async function refresh(task: TaskRecord): Promise<void> {
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, task.config.source.connectionId);
  if (conn?.kind !== "kafka") {
    return;
  }
  const kafka = createKafka(conn as KafkaConnectionInput, { clientId: "outflow-console-offsets", connectionTimeout: 3_000, requestTimeout: 5_000, retries: 0 });
  await setEndOffsets(db, task.id, await readGroupOffsets(kafka, task.consumerGroup, task.config.source.topics));
}
