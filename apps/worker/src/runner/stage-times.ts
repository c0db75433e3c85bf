/**
 * Where a message's time goes inside the worker, per chunk (the bench's latency stage reads these to say which
 * stage holds the tail back):
 *  - fetch: the chunk's oldest message timestamp → processed and queued (Kafka, the producer, the fetch budget);
 *  - queue: queued → its write starts (the partition's earlier chunks);
 *  - write: Elasticsearch, retries included;
 *  - commit: the offset commit after the write.
 */
export const STAGES = ["fetch", "queue", "write", "commit"] as const;
export type StageName = (typeof STAGES)[number];
export type StageSummary = { n: number; p50: number; p99: number; max: number };

/** Durations per stage since the last `take()`; a bounded reservoir, so an unread recorder cannot grow. */
export class StageTimes {
  private readonly samples = new Map<StageName, number[]>(STAGES.map((s) => [s, []]));

  constructor(private readonly maxSamples = 100_000) {}

  record(stage: StageName, ms: number): void {
    const list = this.samples.get(stage) as number[];
    if (list.length < this.maxSamples) {
      list.push(ms);
    }
  }

  /** Percentiles of each stage since the last call, then starts afresh. */
  take(): Record<StageName, StageSummary> {
    const out = {} as Record<StageName, StageSummary>;
    for (const stage of STAGES) {
      const list = (this.samples.get(stage) as number[]).sort((a, b) => a - b);
      const at = (q: number) => list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0;
      out[stage] = { n: list.length, p50: at(0.5), p99: at(0.99), max: list[list.length - 1] ?? 0 };
      this.samples.set(stage, []);
    }
    return out;
  }
}
