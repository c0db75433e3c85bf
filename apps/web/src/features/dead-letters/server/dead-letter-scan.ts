import "server-only";
import { createKafka } from "@outflow/connectors/kafka";
import { readMessagesAt } from "@outflow/connectors/kafka-sample";
import { resolveConnection } from "@outflow/db/connections";
import type { TaskRecord } from "@outflow/db/tasks";
import type { KafkaMessage } from "@outflow/pipeline";
import { type DeadLetter, readDeadLetter } from "@outflow/pipeline/dead-letters";
import { DEAD_LETTER_SCAN_LIMIT } from "@outflow/schemas/api/dead-letters";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";
import type { Kafka } from "kafkajs";
import { kafkaAppError } from "@/features/connections/server/kafka-app-error";
import { serverError } from "@/lib/http/server-error";
import { ctx } from "@/server/context";
import { newestRanges } from "../scan-ranges";

export type Scan = {
  topic: string;
  limit: number;
  scanned: number;
  records: number;
  complete: boolean;
  readAt: string;
  /** This task's letters among the records read, newest first. */
  letters: DeadLetter[];
};

/** The task's dead-letter topic and a client of the Kafka that holds it; 409 when the task has another policy. */
export async function deadLetterTopic(task: TaskRecord): Promise<{ topic: string; kafka: Kafka; conn: KafkaConnectionInput }> {
  const f = task.config.failure;
  if (f.policy !== "dead_letter") {
    throw serverError("conflict", "deadLettersNeedPolicy", { policy: f.policy });
  }
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, f.connectionId ?? task.config.source.connectionId);
  if (conn?.kind !== "kafka") {
    throw serverError("unprocessable_entity", "deadLetterConnectionGone");
  }
  return {
    topic: f.topic,
    conn,
    kafka: createKafka(conn, { clientId: "outflow-console-dead-letters", connectionTimeout: 3_000, retries: 1 }),
  };
}

type Cached = { highs: string; scan: Scan };
const g = globalThis as unknown as { __outflowDeadLetterScans?: Map<string, Cached> };
const CACHED_SCANS = 20;

/**
 * The task's letters among the newest {@link DEAD_LETTER_SCAN_LIMIT} records of its dead-letter topic (a topic may be
 * shared: other tasks' records are read and left out). A scan is kept while the topic's partition ends stay where
 * they were, so paging through one does not read the topic again.
 */
export async function scanDeadLetters(task: TaskRecord): Promise<Scan> {
  const { topic, kafka, conn } = await deadLetterTopic(task);
  try {
    const admin = kafka.admin();
    await admin.connect();
    let bounds: { partition: number; low: bigint; high: bigint }[];
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(topic)) {
        return { topic, limit: DEAD_LETTER_SCAN_LIMIT, scanned: 0, records: 0, complete: true, readAt: new Date().toISOString(), letters: [] };
      }
      bounds = (await admin.fetchTopicOffsets(topic)).map((b) => ({ partition: b.partition, low: BigInt(b.low), high: BigInt(b.high) }));
    } finally {
      await admin.disconnect().catch(() => {});
    }
    const highs = bounds.map((b) => `${b.partition}:${b.low}-${b.high}`).join(",");
    const key = `${task.id}\u0000${topic}`;
    g.__outflowDeadLetterScans ??= new Map();
    const cached = g.__outflowDeadLetterScans.get(key);
    if (cached?.highs === highs) {
      return cached.scan;
    }
    const records = bounds.reduce((n, b) => n + Number(b.high - b.low), 0);
    const ranges = newestRanges(bounds, DEAD_LETTER_SCAN_LIMIT).map((r) => ({ ...r, topic }));
    const read = await readMessagesAt(kafka, ranges, { timeoutMs: 10_000 });
    const scan: Scan = {
      topic,
      limit: DEAD_LETTER_SCAN_LIMIT,
      scanned: read.length,
      records,
      complete: read.length >= records,
      readAt: new Date().toISOString(),
      letters: lettersOf(read, task.id),
    };
    g.__outflowDeadLetterScans.delete(key);
    g.__outflowDeadLetterScans.set(key, { highs, scan });
    if (g.__outflowDeadLetterScans.size > CACHED_SCANS) {
      g.__outflowDeadLetterScans.delete(g.__outflowDeadLetterScans.keys().next().value as string);
    }
    return scan;
  } catch (err) {
    throw kafkaFailure(conn, err);
  }
}

/** One record of the dead-letter topic, wherever it is (not only among the scanned): null when it is not this task's letter. */
export async function readOneLetter(task: TaskRecord, partition: number, offset: string): Promise<DeadLetter | null> {
  const { topic, kafka, conn } = await deadLetterTopic(task);
  try {
    const [record] = await readMessagesAt(kafka, [{ topic, partition, from: BigInt(offset), count: 1 }], { timeoutMs: 8_000 });
    return record && record.offset === offset ? readDeadLetter(record, task.id) : null;
  } catch (err) {
    if ((err as Error).message.includes("not found")) {
      return null;
    }
    throw kafkaFailure(conn, err);
  }
}

function lettersOf(records: KafkaMessage[], taskId: string): DeadLetter[] {
  return records
    .map((r) => readDeadLetter(r, taskId))
    .filter((l): l is DeadLetter => l !== null)
    .sort((a, b) => Number(b.at) - Number(a.at) || a.partition - b.partition || Number(BigInt(b.offset) - BigInt(a.offset)));
}

function kafkaFailure(conn: KafkaConnectionInput, err: unknown): Error {
  return err instanceof AppError ? err : kafkaAppError(conn, err);
}
