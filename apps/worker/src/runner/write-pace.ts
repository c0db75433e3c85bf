/** What one task may send at once: its `delivery` settings are the ceiling; the pace moves below them. */
export type PaceLimits = { maxDocs: number; maxBytes: number; concurrency: number };

/** How one `_bulk` request went, as far as pacing cares. */
export type RequestOutcome = {
  /** The pace's epoch when the request was sent (see {@link WritePace.epoch}). */
  epoch: number;
  latencyMs: number;
  /** The server pushed back: a whole-request 429, or any item answered 429 (es_rejected_execution_exception). */
  throttled: boolean;
};

/** Why the pace is below its ceiling: the server's 429s, or requests slower than {@link PaceOptions.slowMs}. */
export type PaceCause = "throttled" | "slow";

export type PaceState = PaceLimits & { ceiling: PaceLimits; backingOff: PaceCause | null };

export type PaceOptions = {
  /** A request that takes longer than this counts as the server struggling (halves the concurrency only). */
  slowMs: number;
  /** The smallest request the pace goes down to. */
  minDocs: number;
  minBytes: number;
  /** Requests answered in time, 429-free, after which the pace steps up once. */
  stepUpAfter: number;
};

export const DEFAULT_PACE_OPTIONS: PaceOptions = { slowMs: 10_000, minDocs: 50, minBytes: 64 * 1024, stepUpAfter: 4 };

/**
 * Additive increase, multiplicative decrease of a task's write pace. It starts at the task's own settings (so a
 * server that keeps up sees exactly what it saw before), halves concurrency and request size when the server answers
 * 429, halves concurrency when requests get slower than `slowMs`, and climbs back by one request in flight and an
 * eighth of the ceiling's size after every `stepUpAfter` good answers. One push-back halves once: answers to
 * requests sent before the last decrease (an older epoch) do not cut again, as TCP's congestion control does with a
 * window's losses.
 */
export class WritePace {
  private now: PaceLimits;
  private good = 0;
  private cause: PaceCause | null = null;
  /** Goes up at every decrease; a request carries the epoch it was sent in. */
  epoch = 0;

  constructor(
    private readonly ceiling: PaceLimits,
    private readonly opts: PaceOptions = DEFAULT_PACE_OPTIONS,
  ) {
    this.now = { ...ceiling };
  }

  limits(): PaceLimits {
    return this.now;
  }

  state(): PaceState {
    return { ...this.now, ceiling: this.ceiling, backingOff: this.cause };
  }

  /** Takes one answer into account; true when the limits changed. */
  record(outcome: RequestOutcome): boolean {
    if (outcome.throttled) {
      return this.decrease(outcome.epoch, "throttled", true);
    }
    if (outcome.latencyMs > this.opts.slowMs) {
      return this.decrease(outcome.epoch, "slow", false);
    }
    this.good++;
    if (this.good < this.opts.stepUpAfter || this.atCeiling()) {
      return false;
    }
    this.good = 0;
    const c = this.ceiling;
    this.now = {
      concurrency: Math.min(c.concurrency, this.now.concurrency + 1),
      maxDocs: Math.min(c.maxDocs, this.now.maxDocs + Math.ceil(c.maxDocs / 8)),
      maxBytes: Math.min(c.maxBytes, this.now.maxBytes + Math.ceil(c.maxBytes / 8)),
    };
    if (this.atCeiling()) {
      this.cause = null;
    }
    return true;
  }

  private decrease(epoch: number, cause: PaceCause, size: boolean): boolean {
    this.good = 0;
    if (epoch < this.epoch) {
      return false;
    }
    const before = this.now;
    const o = this.opts;
    this.now = {
      concurrency: Math.max(1, Math.floor(before.concurrency / 2)),
      maxDocs: size ? Math.max(Math.min(o.minDocs, this.ceiling.maxDocs), Math.floor(before.maxDocs / 2)) : before.maxDocs,
      maxBytes: size ? Math.max(Math.min(o.minBytes, this.ceiling.maxBytes), Math.floor(before.maxBytes / 2)) : before.maxBytes,
    };
    this.epoch++;
    if (this.atCeiling()) {
      return false;
    }
    // A throttle outranks slowness in what the console says.
    this.cause = cause === "throttled" || this.cause === null ? cause : this.cause;
    return this.now.concurrency !== before.concurrency || this.now.maxDocs !== before.maxDocs || this.now.maxBytes !== before.maxBytes;
  }

  private atCeiling(): boolean {
    const c = this.ceiling;
    return this.now.concurrency === c.concurrency && this.now.maxDocs === c.maxDocs && this.now.maxBytes === c.maxBytes;
  }
}
