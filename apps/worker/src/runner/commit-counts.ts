import { type ChunkCounts, type KafkaMessage, type MessageOutcome, planDisposition } from "@outflow/pipeline";
import type { FailurePolicy } from "@outflow/schemas/task-config";

/** Counts of settled messages and the first offset they count. */
export type CountsFrom = { counts: ChunkCounts; from: string };

/**
 * The part of a settled chunk's counts past an offset already counted (`countedTo`, -1 for none): only its messages
 * at or past it. After a rejoin, a crash or a lost lease the messages from the last commit are settled again, and a
 * chunk may overlap what was counted before. Null when all of it was.
 */
export function countsPast(
  messages: readonly KafkaMessage[],
  outcomes: readonly MessageOutcome[],
  policy: FailurePolicy["policy"],
  counts: ChunkCounts,
  countedTo: bigint,
): CountsFrom | null {
  const first = messages.findIndex((m) => BigInt(m.offset) >= countedTo);
  const from = messages[first];
  if (!from) {
    return null;
  }
  return first === 0
    ? { counts, from: from.offset }
    : { counts: planDisposition(messages.slice(first), outcomes.slice(first), policy).counts, from: from.offset };
}
