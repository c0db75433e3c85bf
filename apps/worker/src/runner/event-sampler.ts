/** Lets one event through per interval and counts the messages of the rest, so a flood of bad messages doesn't flood the log. */
export class EventSampler {
  private last = Number.NEGATIVE_INFINITY;
  private suppressed = 0;

  constructor(private readonly intervalMs: number) {}

  /**
   * For an event about `messages` messages: how many messages of suppressed events came since the last one let
   * through, or null to suppress this one (its messages are then counted for the next).
   */
  take(messages = 1, now = performance.now()): number | null {
    if (now - this.last < this.intervalMs) {
      this.suppressed += messages;
      return null;
    }
    this.last = now;
    const n = this.suppressed;
    this.suppressed = 0;
    return n;
  }
}
