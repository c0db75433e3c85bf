/** A stored total of a task at one instant. */
export type RateSample = { at: Date; messagesIn: bigint };

/**
 * Messages per second over the window that ends at the newest sample: from the newest sample at least `windowMs`
 * older (or the oldest one, while the task has run less than that). 0 when no sample is newer than the window,
 * because no runner reports counts then. Samples are in ascending time.
 */
export function rateOverWindow(samples: readonly RateSample[], now: Date, windowMs: number): number {
  const last = samples.at(-1);
  if (!last || now.getTime() - last.at.getTime() > windowMs) {
    return 0;
  }
  let base = samples[0] as RateSample;
  for (const s of samples) {
    if (last.at.getTime() - s.at.getTime() >= windowMs) {
      base = s;
    }
  }
  const spanMs = last.at.getTime() - base.at.getTime();
  if (spanMs <= 0) {
    return 0;
  }
  return Math.max(0, Number(last.messagesIn - base.messagesIn)) / (spanMs / 1000);
}
