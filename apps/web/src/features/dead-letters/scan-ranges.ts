/** A partition's bounds: its first offset still held, and its end (the next offset to be written). */
export type PartitionBounds = { partition: number; low: bigint; high: bigint };

/**
 * The newest `limit` records of a topic over its partitions: each partition gets an equal share, and what a short
 * partition does not use goes to the others (so a topic of one busy and three quiet partitions still reads `limit`).
 */
export function newestRanges(bounds: PartitionBounds[], limit: number): { partition: number; from: bigint; count: number }[] {
  const sizes = new Map(bounds.map((b) => [b.partition, Number(b.high > b.low ? b.high - b.low : 0n)]));
  const take = new Map(bounds.map((b) => [b.partition, 0]));
  let left = limit;
  let open = bounds.filter((b) => (sizes.get(b.partition) ?? 0) > 0).map((b) => b.partition);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const p of open) {
      const room = (sizes.get(p) ?? 0) - (take.get(p) ?? 0);
      const n = Math.min(share, room, left);
      take.set(p, (take.get(p) ?? 0) + n);
      left -= n;
    }
    open = open.filter((p) => (take.get(p) ?? 0) < (sizes.get(p) ?? 0));
  }
  return bounds
    .filter((b) => (take.get(b.partition) ?? 0) > 0)
    .map((b) => {
      const count = take.get(b.partition) ?? 0;
      return { partition: b.partition, from: b.high - BigInt(count), count };
    });
}
