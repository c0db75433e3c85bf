import { type ChunkCounts, emptyCounts, type KafkaMessage, type MessageOutcome, planDisposition } from "@outflow/pipeline";
import type { FailurePolicy } from "@outflow/schemas/task-config";

/** Counts waiting for a commit that covers them, and the first offset they count. */
export type UncountedCounts = { counts: ChunkCounts; from: string };

/**
 * The part of a settled chunk's counts that its commit adds: only messages at or past the offset already committed
 * (`committedBefore`, -1 for none). After a rejoin kafkajs fetches again from the last commit, so a chunk in hand
 * from before it may overlap one fetched after it; the overlap was counted with the commit that covered it.
 */
export function countsPastCommit(
  messages: readonly KafkaMessage[],
  outcomes: readonly MessageOutcome[],
  policy: FailurePolicy["policy"],
  counts: ChunkCounts,
  committedBefore: bigint,
): UncountedCounts | null {
  const first = messages.findIndex((m) => BigInt(m.offset) >= committedBefore);
  const from = messages[first];
  if (!from) {
    return null;
  }
  return first === 0
    ? { counts, from: from.offset }
    : { counts: planDisposition(messages.slice(first), outcomes.slice(first), policy).counts, from: from.offset };
}

/** `a` and `b` added: counts summed, the earlier start kept. */
export function addUncounted(a: UncountedCounts | undefined, b: UncountedCounts): UncountedCounts {
  if (!a) {
    return b;
  }
  const counts = emptyCounts();
  for (const k of Object.keys(counts) as (keyof ChunkCounts)[]) {
    counts[k] = a.counts[k] + b.counts[k];
  }
  return { counts, from: BigInt(a.from) <= BigInt(b.from) ? a.from : b.from };
}
