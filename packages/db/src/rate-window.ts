/** A stored total of a task at one instant. */
export type RateSample = { at: Date; messagesIn: bigint };

export type RateWindow = {
  /** The span the rate averages over: what "last N s" on the console says. */
  windowMs: number;
};

/**
 * Messages per second over the window that ends at the newest sample: from the newest sample at least `windowMs`
 * older (or the oldest one, while the task has run less than that). At the end of a backlog it falls over the window,
 * as an average of the last N seconds does, not at once. 0 when no sample is newer than the window (no runner reports
 * counts). Samples are in ascending time.
 */
export function rateOverWindow(samples: readonly RateSample[], now: Date, w: RateWindow): number {
  const last = samples.at(-1);
  if (!last || now.getTime() - last.at.getTime() > w.windowMs) {
    return 0;
  }
  const age = (s: RateSample) => last.at.getTime() - s.at.getTime();
  let base = samples[0] as RateSample;
  for (const s of samples) {
    if (age(s) >= w.windowMs) {
      base = s;
    }
  }
  const spanMs = age(base);
  if (spanMs <= 0) {
    return 0;
  }
  return Math.max(0, Number(last.messagesIn - base.messagesIn)) / (spanMs / 1000);
}
