import type { Db } from "@outflow/db/client";
import { recordSample } from "@outflow/db/task-metric-samples";
import { addPartitionState } from "@outflow/db/task-metrics";

type Entry = { topic: string; partition: number; held: boolean; lastError: string | null };

/**
 * What a runner notes per partition besides the counts (which SettledCounts writes with each chunk): the message the
 * retain policy holds and the last transient error. `flush` writes them to Postgres (keeping every entry it could
 * not write, for the next flush), then stores the task's totals as a sample, also when nothing changed: the rate is
 * read from these samples.
 */
export class PartitionCounters {
  private entries = new Map<string, Entry>();

  /** The retain policy holds a message of this partition. */
  held(topic: string, partition: number): void {
    this.entry(topic, partition).held = true;
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
        await addPartitionState(db, taskId, e.topic, e.partition, e);
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

  /** Puts back an entry that was not written; what was noted for its partition since is newer and wins. */
  private restore(e: Entry): void {
    const now = this.entry(e.topic, e.partition);
    now.held ||= e.held;
    now.lastError ??= e.lastError;
  }

  private entry(topic: string, partition: number): Entry {
    const key = `${topic}\u0000${partition}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { topic, partition, held: false, lastError: null };
      this.entries.set(key, e);
    }
    return e;
  }
}
