import type { KafkaMessage } from "@outflow/pipeline";
import type { Admin, Kafka } from "kafkajs";
import { type PartitionBounds, type SampleWindowRequest, sampleWindowRanges, type WindowProblem } from "./sample-window";

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
  try {
    await assertTopicsExist(admin, topics);
    const starts: BoundedRange[] = [];
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
          starts.push({ topic, partition: b.partition, from: start, count: opts.limit, end: high });
        }
      }
    }
    const out = await readRanges(kafka, starts, opts.timeoutMs ?? 8_000);
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
    await admin.disconnect().catch(() => {});
  }
}

/** A steered sample that cannot be read (a partition or offset the topic does not have), naming the field. */
export class SampleWindowError extends Error {
  constructor(readonly problem: WindowProblem) {
    super(problem.message);
  }
}

/**
 * A steered sample (see {@link sampleWindowRanges}): at most `limit` messages and about `maxBytes` of keys and
 * values, in time order (offset order when one partition is chosen), with the bounds of every partition.
 * `latest` keeps the last `limit` messages; the other positions the first.
 */
export async function sampleWindow(
  kafka: Kafka,
  topics: string[],
  req: SampleWindowRequest,
  opts: { maxBytes: number; timeoutMs?: number },
): Promise<{ messages: SampledMessage[]; bounds: PartitionBounds[] }> {
  const admin = kafka.admin();
  await admin.connect();
  const bounds: PartitionBounds[] = [];
  const byTime: { topic: string; partition: number; offset: string }[] = [];
  try {
    await assertTopicsExist(admin, topics);
    for (const topic of topics) {
      for (const b of await admin.fetchTopicOffsets(topic)) {
        bounds.push({ topic, partition: b.partition, low: BigInt(b.low), high: BigInt(b.high) });
      }
      if (req.position.type === "timestamp") {
        for (const f of await admin.fetchTopicOffsetsByTimestamp(topic, req.position.timestamp)) {
          byTime.push({ topic, partition: f.partition, offset: f.offset });
        }
      }
    }
  } finally {
    await admin.disconnect().catch(() => {});
  }
  bounds.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  const plan = sampleWindowRanges(bounds, req, byTime);
  if (!plan.ok) {
    throw new SampleWindowError(plan.problem);
  }
  const ends = new Map(bounds.map((b) => [`${b.topic}:${b.partition}`, b.high]));
  const ranges = plan.ranges.map((r) => ({ ...r, end: ends.get(`${r.topic}:${r.partition}`) ?? r.from }));
  const read = await readRanges(kafka, ranges, opts.timeoutMs ?? 8_000, opts.maxBytes);
  const byOffset = (a: SampledMessage, b: SampledMessage) => Number(BigInt(a.offset) - BigInt(b.offset));
  const ordered = read.sort(
    (a, b) => (req.only ? 0 : Number(a.timestamp) - Number(b.timestamp)) || a.topic.localeCompare(b.topic) || a.partition - b.partition || byOffset(a, b),
  );
  const messages = req.position.type === "latest" ? ordered.slice(-req.limit) : ordered.slice(0, req.limit);
  return { messages, bounds };
}

/** Where to read: `count` messages of one partition from offset `from` (inclusive). */
export type ReadRange = { topic: string; partition: number; from: bigint; count: number };

/**
 * Reads the messages at the given offsets without touching any task's offsets (a throwaway consumer group, deleted
 * afterwards): up to `count` messages of each range, fewer where the partition ends first or its messages were
 * deleted by retention (reading starts at the partition's first offset then). Sorted by topic, partition, offset.
 */
export async function readMessagesAt(kafka: Kafka, ranges: ReadRange[], opts: { timeoutMs?: number; maxBytes?: number } = {}): Promise<KafkaMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const bounded: BoundedRange[] = [];
  try {
    for (const topic of new Set(ranges.map((r) => r.topic))) {
      const bounds = await admin.fetchTopicOffsets(topic);
      for (const r of ranges.filter((x) => x.topic === topic)) {
        const b = bounds.find((x) => x.partition === r.partition);
        if (!b) {
          throw new Error(`partition ${r.partition} of topic ${topic} not found`);
        }
        const from = r.from > BigInt(b.low) ? r.from : BigInt(b.low);
        const end = BigInt(b.high);
        if (from < end && r.count > 0) {
          bounded.push({ ...r, from, end });
        }
      }
    }
  } finally {
    await admin.disconnect().catch(() => {});
  }
  const out = await readRanges(kafka, bounded, opts.timeoutMs ?? 8_000, opts.maxBytes);
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** A range whose partition end (its high watermark when read) is known: reading stops there. */
type BoundedRange = ReadRange & { end: bigint };

/** `maxBytes`: reading stops once the messages read (keys and values) hold this many bytes. */
async function readRanges(kafka: Kafka, ranges: BoundedRange[], timeoutMs: number, maxBytes = Number.POSITIVE_INFINITY): Promise<KafkaMessage[]> {
  const live = ranges.filter((r) => r.from < r.end && r.count > 0);
  if (live.length === 0) {
    return [];
  }
  const byKey = new Map(live.map((r) => [`${r.topic}:${r.partition}`, { ...r, read: 0 }]));
  const out: KafkaMessage[] = [];
  let bytes = 0;
  const groupId = `outflow-read-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...new Set(live.map((r) => r.topic))], fromBeginning: true });
    const pending = new Set(byKey.keys());
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const key = `${batch.topic}:${batch.partition}`;
          const r = byKey.get(key);
          if (!r || !pending.has(key)) {
            return;
          }
          for (const m of batch.messages) {
            const offset = BigInt(m.offset);
            if (offset >= r.end || r.read >= r.count || bytes >= maxBytes) {
              break;
            }
            if (offset < r.from) {
              continue;
            }
            r.read += 1;
            bytes += (m.key?.length ?? 0) + (m.value?.length ?? 0);
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
          const last = batch.messages.at(-1);
          if ((last && BigInt(last.offset) + 1n >= r.end) || r.read >= r.count) {
            pending.delete(key);
          }
          if (pending.size === 0 || bytes >= maxBytes) {
            resolve();
          }
        },
      });
    });
    for (const r of live) {
      consumer.seek({ topic: r.topic, partition: r.partition, offset: r.from.toString() });
    }
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  } finally {
    await consumer.disconnect().catch(() => {});
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => {});
    await admin.disconnect().catch(() => {});
  }
  return out;
}

/** Throws "topic(s) not found: a, b" unless every topic exists. */
export async function assertTopicsExist(admin: Admin, topics: string[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t));
  if (missing.length > 0) {
    throw new Error(`topic(s) not found: ${missing.join(", ")}`);
  }
}
