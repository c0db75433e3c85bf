import type { OffsetReset } from "@outflow/db/tasks";
import { eventWords, worded } from "@outflow/schemas/event-words";
import type { Kafka } from "kafkajs";

/** What a reset did: kept the committed offsets, left a new group to start at the beginning, or set these positions. */
export type OffsetResetOutcome = { kind: "kept" } | { kind: "new-group" } | { kind: "set"; parts: string[]; missingTopic: boolean };

/** The offsets_reset event of an outcome; a topic that does not exist yet is told in English only (no key). */
export function offsetsResetEvent(
  type: string,
  o: OffsetResetOutcome,
  details: Record<string, unknown>,
): { message: string; details: Record<string, unknown> } {
  if (o.kind === "kept") {
    return worded(eventWords.offsetsResetKept(type), details);
  }
  if (o.kind === "new-group") {
    return worded(eventWords.offsetsResetNewGroup(type), details);
  }
  const set = eventWords.offsetsResetSet(type, o.parts.join("; "));
  return o.missingTopic ? { message: set.message, details } : worded(set, details);
}

/**
 * Sets the group's committed offsets to the wanted position, partition by partition, with concrete offsets
 * (earliest/latest looked up now). Kafka refuses while the group has members: the caller retries later.
 * A new group that starts at the earliest offsets is left alone (the consumers start there anyway, and setting
 * offsets joins the group once, which takes seconds).
 */
export async function applyOffsetReset(
  kafka: Kafka,
  groupId: string,
  topics: string[],
  reset: OffsetReset,
  fromBeginning: boolean,
): Promise<OffsetResetOutcome> {
  if (reset.type === "committed") {
    return { kind: "kept" };
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    // Only "earliest" can be left to the consumers: with "latest", a partition that gets no message before the next
    // restart would have no committed offset and be skipped to its end again, losing what arrived meanwhile.
    if (reset.type === "earliest" && fromBeginning) {
      const committed = present.length ? await admin.fetchOffsets({ groupId, topics: present }) : [];
      if (committed.every((t) => t.partitions.every((p) => p.offset === "-1"))) {
        return { kind: "new-group" };
      }
    }
    const parts: string[] = [];
    let missingTopic = false;
    for (const topic of topics) {
      if (!existing.has(topic)) {
        missingTopic = true;
        parts.push(`${topic}: topic does not exist yet (consumers start at ${reset.type === "latest" ? "the end" : "the beginning"})`);
        continue;
      }
      const bounds = await admin.fetchTopicOffsets(topic);
      let partitions: { partition: number; offset: string }[];
      switch (reset.type) {
        case "earliest":
          partitions = bounds.map((b) => ({ partition: b.partition, offset: b.low }));
          break;
        case "latest":
          partitions = bounds.map((b) => ({ partition: b.partition, offset: b.high }));
          break;
        case "timestamp": {
          const ts = typeof reset.timestamp === "number" ? reset.timestamp : Date.parse(reset.timestamp);
          const found = await admin.fetchTopicOffsetsByTimestamp(topic, ts);
          // -1: no message at or after the time; start at the end.
          partitions = found.map((f) => ({
            partition: f.partition,
            offset: f.offset === "-1" ? (bounds.find((b) => b.partition === f.partition)?.high ?? "0") : f.offset,
          }));
          break;
        }
        default:
          partitions = reset.offsets.filter((o) => o.topic === topic).map((o) => ({ partition: o.partition, offset: o.offset }));
      }
      if (partitions.length > 0) {
        await admin.setOffsets({ groupId, topic, partitions });
        parts.push(`${topic}: ${partitions.map((p) => `[${p.partition}]@${p.offset}`).join(" ")}`);
      }
    }
    return { kind: "set", parts, missingTopic };
  } finally {
    await admin.disconnect();
  }
}
