import type { Kafka } from "kafkajs";
import { assertTopicsExist, type ReadRange } from "./kafka-sample";

/**
 * Where reading starts in one partition: an offset, or `tail` (the last messages before `high`, for a task that
 * starts at `latest` and so would read only what comes after it).
 */
export type PartitionStart = { topic: string; partition: number; low: bigint; high: bigint; start: bigint | "tail" };

/** The larger of two offsets (Math.max takes no bigints). */
const later = (a: bigint, b: bigint): bigint => (a < b ? b : a);

/**
 * `n` messages spread over the partitions: each gets an equal share, and what a partition has not got (it holds
 * fewer) goes to the others, so the messages come from every partition that has any, not the first `n` of one.
 */
export function spreadOverPartitions(parts: PartitionStart[], n: number): ReadRange[] {
  const available = parts.map((p) => {
    const from = p.start === "tail" ? p.low : later(p.start, p.low);
    const left = p.high - from;
    return left > 0n ? (left > BigInt(n) ? n : Number(left)) : 0;
  });
  const given = parts.map(() => 0);
  let left = n;
  let open = parts.map((_, i) => i).filter((i) => (available[i] as number) > 0);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    const next: number[] = [];
    for (const i of open) {
      const take = Math.min(share, (available[i] as number) - (given[i] as number), left);
      given[i] = (given[i] as number) + take;
      left -= take;
      if ((given[i] as number) < (available[i] as number)) {
        next.push(i);
      }
    }
    open = next;
  }
  const ranges: ReadRange[] = [];
  parts.forEach((p, i) => {
    const count = given[i] as number;
    if (count > 0) {
      const from = p.start === "tail" ? p.high - BigInt(count) : later(p.start, p.low);
      ranges.push({ topic: p.topic, partition: p.partition, from, count });
    }
  });
  return ranges;
}

/** A task's start position, as the dry run reads it: Kafka's forms, and a consumer group's committed offsets. */
export type DryRunStart =
  | { type: "earliest" }
  | { type: "latest" }
  | { type: "timestamp"; timestamp: number }
  /** An existing task: where its group has committed; a partition without a commit starts at `otherwise`. */
  | { type: "committed"; groupId: string; otherwise: { type: "earliest" } | { type: "latest" } | { type: "timestamp"; timestamp: number } };

/**
 * Where each partition of `topics` would start, read in one admin session. `latest` (also for a partition without
 * a commit) becomes the tail of the partition: a task started there reads only later messages, which the dry run
 * cannot wait for; the latest ones stand in for them.
 */
export async function partitionStarts(kafka: Kafka, topics: string[], start: DryRunStart): Promise<PartitionStart[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await assertTopicsExist(admin, topics);
    const committed = new Map<string, string>();
    if (start.type === "committed") {
      for (const t of await admin.fetchOffsets({ groupId: start.groupId, topics })) {
        for (const p of t.partitions) {
          if (p.offset !== "-1") {
            committed.set(`${t.topic}:${p.partition}`, p.offset);
          }
        }
      }
    }
    const fallback = start.type === "committed" ? start.otherwise : start;
    const out: PartitionStart[] = [];
    for (const topic of topics) {
      const bounds = await admin.fetchTopicOffsets(topic);
      const byTime = fallback.type === "timestamp" ? await admin.fetchTopicOffsetsByTimestamp(topic, fallback.timestamp) : [];
      for (const b of bounds) {
        const low = BigInt(b.low);
        const high = BigInt(b.high);
        const at = committed.get(`${topic}:${b.partition}`);
        let from: bigint | "tail" = low;
        if (at !== undefined) {
          from = BigInt(at);
        } else if (fallback.type === "latest") {
          from = "tail";
        } else if (fallback.type === "timestamp") {
          const found = byTime.find((f) => f.partition === b.partition)?.offset ?? "-1";
          from = found === "-1" ? high : BigInt(found);
        }
        out.push({ topic, partition: b.partition, low, high, start: from });
      }
    }
    return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  } finally {
    await admin.disconnect().catch(() => {});
  }
}
