/**
 * The bytes of fetched messages that a worker's consumers may hold queued ahead of Elasticsearch, shared by all its
 * consumer slots: one busy task can use all of it, ten busy tasks share it, so the worker's memory stays bounded
 * however many tasks it runs.
 */
export class FetchBudget {
  private used = 0;
  private readonly waiters = new Set<() => void>();

  constructor(readonly limitBytes: number) {}

  get usedBytes(): number {
    return this.used;
  }

  fits(bytes: number): boolean {
    return this.used + bytes <= this.limitBytes;
  }

  take(bytes: number): void {
    this.used += bytes;
  }

  give(bytes: number): void {
    this.used -= bytes;
    for (const wake of this.waiters) {
      wake();
    }
    this.waiters.clear();
  }

  /** Resolves at the next `give`, when `signal` aborts, or after `timeoutMs` (when given). */
  released(signal: AbortSignal, timeoutMs?: number): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const timer = timeoutMs === undefined ? null : setTimeout(() => done(), timeoutMs);
      const done = () => {
        if (timer) {
          clearTimeout(timer);
        }
        signal.removeEventListener("abort", done);
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
