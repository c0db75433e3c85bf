import type { Db } from "@outflow/db/client";
import { recordSample } from "@outflow/db/task-metric-samples";
import { addPartitionCounts, type CounterDelta } from "@outflow/db/task-metrics";
import type { ChunkCounts } from "@outflow/pipeline";

type Entry = {
  topic: string;
  partition: number;
  delta: CounterDelta;
  committed: string | null;
  /** The first offset of the first chunk counted here (the ledger's start, when the partition has none yet). */
  countedFrom: string | null;
  lastError: string | null;
};

const zero = (): CounterDelta => ({
  messagesIn: 0,
  bytesIn: 0,
  messagesWritten: 0,
  documentsWritten: 0,
  filtered: 0,
  dropped: 0,
  discarded: 0,
  deadLettered: 0,
  failed: 0,
  documentsCreated: 0,
  documentsUpdated: 0,
  documentsDeleted: 0,
});

/**
 * Counts per partition in memory; `flush` adds them to Postgres (and keeps every entry it could not write, to add
 * on the next flush), then stores the task's totals as a sample, also when nothing was counted: the rate is read
 * from these samples, so it falls to 0 when the traffic stops.
 */
export class PartitionCounters {
  private entries = new Map<string, Entry>();

  /** Counts settled messages whose offsets were committed (`committed`: the next offset to read). */
  add(topic: string, partition: number, c: Partial<ChunkCounts> & { failed?: number }, committed: string | null, countedFrom: string | null = null): void {
    const e = this.entry(topic, partition);
    for (const [k, v] of Object.entries(c) as [keyof CounterDelta, number][]) {
      e.delta[k] += v;
    }
    if (committed !== null) {
      e.committed = committed;
    }
    if (countedFrom !== null && (e.countedFrom === null || BigInt(countedFrom) < BigInt(e.countedFrom))) {
      e.countedFrom = countedFrom;
    }
  }

  error(topic: string, partition: number, message: string): void {
    this.entry(topic, partition).lastError = message.slice(0, 2_000);
  }

  async flush(db: Db, taskId: string): Promise<void> {
    const snapshotAt = performance.now();
    const pending = [...this.entries.values()];
    this.entries = new Map();
    for (let i = 0; i < pending.length; i++) {
      const e = pending[i] as Entry;
      try {
        await addPartitionCounts(db, taskId, e.topic, e.partition, e.delta, e.committed, e.countedFrom, e.lastError);
      } catch (err) {
        // This entry and every one after it were not written: keep them all for the next flush.
        for (const left of pending.slice(i)) {
          this.restore(left);
        }
        throw err;
      }
    }
    await recordSample(db, taskId, performance.now() - snapshotAt);
  }

  /** Puts back an entry that was not written, merged with what was counted for its partition since. */
  private restore(e: Entry): void {
    this.add(e.topic, e.partition, e.delta, null, e.countedFrom);
    const now = this.entry(e.topic, e.partition);
    // Counts added since the flush began carry a later commit, if any; keep the later one.
    if (e.committed !== null && (now.committed === null || BigInt(e.committed) > BigInt(now.committed))) {
      now.committed = e.committed;
    }
    now.lastError ??= e.lastError;
  }

  private entry(topic: string, partition: number): Entry {
    const key = `${topic}\u0000${partition}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { topic, partition, delta: zero(), committed: null, countedFrom: null, lastError: null };
      this.entries.set(key, e);
    }
    return e;
  }
}
