import type { Counters, PartitionLedger } from "@outflow/schemas/task";

/**
 * One partition's ledger since the last offset reset, from numbers kept apart: the span of offsets the consumer
 * group has committed (read from Kafka, from the first offset counted) against the messages the counters settled.
 * Every committed offset is a message settled once: written, filtered, dropped, discarded or dead-lettered. A message
 * the retain policy holds is not committed, so it is outside the span. On a compacted topic, or one written by
 * transactions, offsets have gaps that are no message: the span is then larger by the gaps.
 */
export function partitionLedger(p: { countedFrom: string | null; kafkaCommitted: string | null; since: Counters }): PartitionLedger {
  const s = p.since;
  const settled = s.messagesWritten + s.filtered + s.dropped + s.discarded + s.deadLettered;
  const span = p.countedFrom !== null && p.kafkaCommitted !== null ? Math.max(0, Number(BigInt(p.kafkaCommitted) - BigInt(p.countedFrom))) : null;
  // Nothing counted since the reset: the span starts with the first counted message, so it holds nothing either.
  const committed = span ?? (p.countedFrom === null ? 0 : null);
  const unaccounted = committed === null ? null : committed - settled;
  return {
    countedFrom: p.countedFrom,
    committedOffset: p.kafkaCommitted,
    committed,
    settled,
    retained: s.failed,
    unaccounted,
    balanced: unaccounted === null ? null : unaccounted === 0,
  };
}
