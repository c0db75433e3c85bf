/** Elasticsearch `_nodes/hot_threads` text (taken with `snapshots=1`), read into samples (see es-hot-threads.ts). */
export type ThreadSample = { pool: string; cpu: number; other: number; where: string };

const frameName = (line: string) =>
  line
    .trim()
    .replace(/^.*?\//, "")
    .replace(/\(.*$/, "");

/** Elasticsearch's own or Lucene's frame nearest the top of a stack, skipping thread-pool and queue plumbing. */
const PLACE = /org\.(apache\.lucene|elasticsearch)\./;
const PLUMBING = /util\.concurrent|ActionListener|\$\$Lambda/;

/**
 * One report → its threads: pool, CPU and other %, and where its stack was: the innermost frame, and the nearest
 * Elasticsearch or Lucene frame under it (e.g. `force0 ← TranslogWriter.syncUpTo`).
 */
export function parseHotThreads(text: string): ThreadSample[] {
  const out: ThreadSample[] = [];
  for (const block of text.split(/\n {3}(?=\d+(?:\.\d+)?% \[)/).slice(1)) {
    const head = /^([\d.]+)% \[cpu=([\d.]+)%, (other|idle)=([\d.]+)%\].*?thread '[^']*\]\[([a-z_]+)\]\[/.exec(block);
    if (!head) {
      continue;
    }
    const frames = block
      .split("\n")
      .slice(1)
      .filter((l) => /^\s+\S+\(/.test(l))
      .map(frameName);
    const top = frames[0] ?? "?";
    const place = frames.find((f) => PLACE.test(f) && !PLUMBING.test(f));
    const short = (f: string) => f.split(".").slice(-2).join(".");
    out.push({
      pool: head[5] ?? "?",
      cpu: Number(head[2]),
      other: head[3] === "other" ? Number(head[4]) : 0,
      where: place && place !== top ? `${short(top)} ← ${short(place)}` : short(top),
    });
  }
  return out;
}
