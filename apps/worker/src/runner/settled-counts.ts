import type { Db } from "@outflow/db/client";
import { addSettledSpan } from "@outflow/db/task-metrics";
import type { CountsFrom } from "./commit-counts";

/** Tries of one span against others counting the same partition at once (a lease handover). */
const TRIES = 4;

/**
 * Counts settled chunks in Postgres before their offsets are committed to Kafka, each message once: a span that
 * overlaps what is counted already (settled again after a crash, a lost lease or a rejoin) is counted again from
 * where the counting stands, with `past`.
 */
export class SettledCounts {
  constructor(
    private readonly db: Db,
    private readonly taskId: string,
  ) {}

  /** Counts `span` up to `to` (the offset to commit); `past(o)` gives its counts from offset `o` on. */
  async record(topic: string, partition: number, span: CountsFrom, to: string, past: (countedTo: bigint) => CountsFrom | null): Promise<void> {
    let next: CountsFrom | null = span;
    for (let i = 0; i < TRIES && next; i++) {
      const counted = await addSettledSpan(this.db, this.taskId, topic, partition, { counts: next.counts, from: next.from, to });
      if (!counted || BigInt(counted.countedTo) >= BigInt(to)) {
        return;
      }
      next = past(BigInt(counted.countedTo));
    }
    if (next) {
      throw new Error(`counting ${topic}[${partition}] up to ${to} kept meeting other counts`);
    }
  }
}
