import type { ReadRange } from "@outflow/connectors/kafka-sample";

/** A letter by its place in the dead-letter topic: [partition, offset]. */
export type LetterPlace = [number, string];

/** A replay's next batch: letters [from, to) of its list, and the ranges of the topic that hold them. */
export type ReplayBatch = { from: number; to: number; ranges: ReadRange[] };

/**
 * The next batch from `position`: at most `maxLetters` letters, and no partition's range wider than `maxSpan`
 * offsets (letters of one group may lie far apart among other letters, or other tasks' in a shared topic: a range
 * reads everything between its ends).
 */
export function nextReplayBatch(topic: string, letters: LetterPlace[], position: number, maxLetters: number, maxSpan: number): ReplayBatch | null {
  if (position >= letters.length) {
    return null;
  }
  const spans = new Map<number, { min: bigint; max: bigint }>();
  let to = position;
  while (to < letters.length && to - position < maxLetters) {
    const [partition, offset] = letters[to] as LetterPlace;
    const o = BigInt(offset);
    const s = spans.get(partition);
    const min = s && s.min < o ? s.min : o;
    const max = s && s.max > o ? s.max : o;
    if (to > position && max - min + 1n > BigInt(maxSpan)) {
      break;
    }
    spans.set(partition, { min, max });
    to++;
  }
  const ranges = [...spans].map(([partition, s]) => ({ topic, partition, from: s.min, count: Number(s.max - s.min + 1n) }));
  return { from: position, to, ranges };
}

/** Waits so that `letters` take at least letters / ratePerSecond seconds since `startedAt`. */
export function rateWaitMs(letters: number, ratePerSecond: number, startedAt: number, now: number): number {
  return Math.max(0, Math.ceil((letters / ratePerSecond) * 1000 - (now - startedAt)));
}
