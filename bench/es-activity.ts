import type { Client } from "@elastic/elasticsearch";

/** What Elasticsearch's node did over a stretch of time, from its node stats (differences of cumulative counters). */
export type EsActivity = {
  refreshes: number;
  refreshMs: number;
  flushes: number;
  flushMs: number;
  /** Share of the samples in which a merge was running, 0–1. */
  merging: number;
  youngGcMs: number;
  oldGcMs: number;
};

type Sample = {
  t: number;
  refreshes: number;
  refreshMs: number;
  flushes: number;
  flushMs: number;
  merging: boolean;
  youngGcMs: number;
  oldGcMs: number;
};

type NodeStats = {
  nodes?: Record<
    string,
    {
      indices?: {
        refresh?: { total: number; total_time_in_millis: number };
        flush?: { total: number; total_time_in_millis: number };
        merges?: { current: number };
      };
      jvm?: { gc?: { collectors?: Record<string, { collection_time_in_millis: number }> } };
    }
  >;
};

/**
 * Samples the node's refresh, flush, merge and GC counters while a latency level runs, so that the worker's slow
 * write windows can be set beside what Elasticsearch was doing in the same second. One small stats request every
 * `everyMs` (filtered to these counters): a cost the bench adds to what it measures, like its pollers.
 */
export class EsActivitySampler {
  private readonly samples: Sample[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly es: Client,
    private readonly everyMs = 250,
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const s = await this.sample().catch(() => null);
        if (s) {
          this.samples.push(s);
        }
        await new Promise((r) => setTimeout(r, this.everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Activity between `from` and `to` (ms since the epoch); null without samples on both sides. */
  between(from: number, to: number): EsActivity | null {
    const before = this.last(from);
    const after = this.last(to);
    if (!before || !after || after.t <= before.t) {
      return null;
    }
    const inside = this.samples.filter((s) => s.t > before.t && s.t <= after.t);
    return {
      refreshes: after.refreshes - before.refreshes,
      refreshMs: after.refreshMs - before.refreshMs,
      flushes: after.flushes - before.flushes,
      flushMs: after.flushMs - before.flushMs,
      merging: inside.filter((s) => s.merging).length / Math.max(1, inside.length),
      youngGcMs: after.youngGcMs - before.youngGcMs,
      oldGcMs: after.oldGcMs - before.oldGcMs,
    };
  }

  /** The last sample taken at or before `t`. */
  private last(t: number): Sample | undefined {
    let found: Sample | undefined;
    for (const s of this.samples) {
      if (s.t > t) {
        break;
      }
      found = s;
    }
    return found;
  }

  private async sample(): Promise<Sample> {
    const r = (await this.es.nodes.stats({
      node_id: "_local",
      metric: ["indices", "jvm"],
      index_metric: ["refresh", "flush", "merge"],
      filter_path: ["nodes.*.indices.refresh", "nodes.*.indices.flush", "nodes.*.indices.merges.current", "nodes.*.jvm.gc.collectors"],
    })) as NodeStats;
    const node = Object.values(r.nodes ?? {})[0];
    const gc = node?.jvm?.gc?.collectors ?? {};
    return {
      t: Date.now(),
      refreshes: node?.indices?.refresh?.total ?? 0,
      refreshMs: node?.indices?.refresh?.total_time_in_millis ?? 0,
      flushes: node?.indices?.flush?.total ?? 0,
      flushMs: node?.indices?.flush?.total_time_in_millis ?? 0,
      merging: (node?.indices?.merges?.current ?? 0) > 0,
      youngGcMs: gc.young?.collection_time_in_millis ?? 0,
      oldGcMs: gc.old?.collection_time_in_millis ?? 0,
    };
  }
}
