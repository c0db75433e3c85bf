import type { IHeaders } from "kafkajs";
import { testKafka } from "./kafka";

/** Sets a consumer group's committed offsets (the group must have no members). */
export async function setGroupOffsets(groupId: string, topic: string, partitions: { partition: number; offset: string }[]): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.setOffsets({ groupId, topic, partitions });
  } finally {
    await admin.disconnect();
  }
}

/** Kafka headers as text (first value of each), for comparing with what a test produced. */
export function headersAsText(headers: IHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) {
      out[k] = Buffer.isBuffer(first) ? first.toString("utf8") : String(first);
    }
  }
  return out;
}

/**
 * The consumer group's state (Empty, Stable, PreparingRebalance, Dead, ...), how many members it has and their IDs
 * (sorted; a member that lost its session comes back under a new ID).
 */
export async function groupState(groupId: string): Promise<{ state: string; members: number; memberIds: string[] }> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const g = groups[0];
    return { state: g?.state ?? "Dead", members: g?.members.length ?? 0, memberIds: (g?.members ?? []).map((m) => m.memberId).sort() };
  } finally {
    await admin.disconnect();
  }
}

/** Whether the broker lists the consumer group (a deleted group, or one never joined, is not listed). */
export async function groupListed(groupId: string): Promise<boolean> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    return (await admin.listGroups()).groups.some((g) => g.groupId === groupId);
  } finally {
    await admin.disconnect();
  }
}
