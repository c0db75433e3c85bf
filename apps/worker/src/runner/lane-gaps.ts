/**
 * Remembers, per partition lane, the first offset of a chunk that was skipped unsettled (fetched before a rejoin,
 * or interrupted), so that no later chunk can commit past it.
 *
 * A skipped chunk is normally fetched again: a rejoin makes kafkajs fetch from the last commit, which is at or
 * before it. But a batch fetched before the rejoin can still reach the handler after it (kafkajs rejoins from
 * inside one broker's fetcher when partition leadership moves, while another broker's batches wait in its queue):
 * that batch starts after the skipped chunk, and committing it would lose the skipped messages. Offsets are not
 * contiguous in Kafka (compaction, transaction markers), so only "starts after a skipped chunk" is a gap.
 */
export class LaneGaps {
  private readonly skippedFrom = new Map<string, bigint>();

  /** A chunk of `lane` starting at `firstOffset` was left unsettled. */
  skipped(lane: string, firstOffset: string): void {
    const offset = BigInt(firstOffset);
    const known = this.skippedFrom.get(lane);
    if (known === undefined || offset < known) {
      this.skippedFrom.set(lane, offset);
    }
  }

  /**
   * Before a chunk of `lane` starting at `firstOffset` is settled: false when it starts after a skipped chunk
   * (its messages would be lost). A chunk at or before the skipped one covers it again, and clears the mark.
   */
  mayFollow(lane: string, firstOffset: string): boolean {
    const known = this.skippedFrom.get(lane);
    if (known === undefined) {
      return true;
    }
    if (BigInt(firstOffset) > known) {
      return false;
    }
    this.skippedFrom.delete(lane);
    return true;
  }

  /** After a rejoin: lanes not assigned any more are fetched by another member, from the commits. */
  keepOnly(assigned: ReadonlySet<string>): void {
    for (const lane of this.skippedFrom.keys()) {
      if (!assigned.has(lane)) {
        this.skippedFrom.delete(lane);
      }
    }
  }
}
