import type { Db } from "@outflow/db/client";
import { recordSample } from "@outflow/db/task-metric-samples";
import { addPartitionCounts, type CounterDelta } from "@outflow/db/task-metrics";
import type { ChunkCounts } from "@outflow/pipeline";

type Entry = { topic: string; partition: number; delta: CounterDelta; committed: string | null; lastError: string | null };

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
});

/**
 * Counts per partition in memory; `flush` adds them to Postgres (and keeps them if that fails), then stores the
 * task's totals as a sample, also when nothing was counted: the rate is read from these samples, so it falls to 0
 * when the traffic stops.
 */
export class PartitionCounters {
  private entries = new Map<string, Entry>();

  add(topic: string, partition: number, c: Partial<ChunkCounts> & { failed?: number }, committed: string | null): void {
    const e = this.entry(topic, partition);
    for (const [k, v] of Object.entries(c) as [keyof CounterDelta, number][]) {
      e.delta[k] += v;
    }
    if (committed !== null) {
      e.committed = committed;
    }
  }

  error(topic: string, partition: number, message: string): void {
    this.entry(topic, partition).lastError = message.slice(0, 2_000);
  }

  async flush(db: Db, taskId: string): Promise<void> {
    const snapshotAt = performance.now();
    const pending = [...this.entries.values()];
    this.entries = new Map();
    for (const e of pending) {
      try {
        await addPartitionCounts(db, taskId, e.topic, e.partition, e.delta, e.committed, e.lastError);
      } catch (err) {
        this.add(e.topic, e.partition, e.delta, e.committed);
        throw err;
      }
    }
    await recordSample(db, taskId, performance.now() - snapshotAt);
  }

  private entry(topic: string, partition: number): Entry {
    const key = `${topic}\u0000${partition}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { topic, partition, delta: zero(), committed: null, lastError: null };
      this.entries.set(key, e);
    }
    return e;
  }
}
