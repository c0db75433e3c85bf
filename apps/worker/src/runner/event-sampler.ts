/** Lets one event through per interval and counts the rest, so a flood of bad messages doesn't flood the log. */
export class EventSampler {
  private last = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(private readonly intervalMs: number) {}

  /** Returns how many were suppressed since the last one let through, or null to suppress this one. */
  take(now = performance.now()): number | null {
    if (now - this.last < this.intervalMs) {
      this.suppressed++;
      return null;
    }
    this.last = now;
    const n = this.suppressed;
    this.suppressed = 0;
    return n;
  }
}
