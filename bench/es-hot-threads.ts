/**
 * `npx tsx bench/es-hot-threads.ts <seconds> [raw-output-file]`: samples Elasticsearch's `_nodes/hot_threads` every
 * second (busiest 4 threads over 500 ms, one stack snapshot each) while something else runs (e.g. `npm run bench -- --only
 * latency`), then prints, per thread pool, how busy its threads were (on a CPU, or neither on a CPU nor idle:
 * blocked, or waiting for a core) and where its stacks were (the innermost frame, and the nearest Elasticsearch or
 * Lucene frame under it). It is the profile of
 * Elasticsearch that BENCHMARKS.md quotes; the sampling itself costs Elasticsearch a little CPU. ES_URL as for the
 * bench.
 */
import { writeFileSync } from "node:fs";
import { benchElastic } from "./es";
import { parseHotThreads, type ThreadSample } from "./hot-threads";

const seconds = Number(process.argv[2] ?? 60);
const rawFile = process.argv[3];
const es = benchElastic();

const raw: string[] = [];
const samples: ThreadSample[] = [];
let reports = 0;
const until = Date.now() + seconds * 1000;
while (Date.now() < until) {
  const text = (await es.transport.request(
    { method: "GET", path: "/_nodes/hot_threads", querystring: { threads: 4, interval: "500ms", snapshots: 1, ignore_idle_threads: true } },
    { meta: false },
  )) as string;
  raw.push(`=== ${new Date().toISOString()}\n${text}`);
  samples.push(...parseHotThreads(text));
  reports++;
  await new Promise((r) => setTimeout(r, 500));
}
await es.close();
if (rawFile) {
  writeFileSync(rawFile, raw.join("\n"));
}

const pools = new Map<string, ThreadSample[]>();
for (const s of samples) {
  pools.set(s.pool, [...(pools.get(s.pool) ?? []), s]);
}
console.log(`${reports} hot_threads reports over ${seconds} s (each: the 4 busiest threads over 500 ms)`);
for (const [pool, list] of [...pools].sort((a, b) => b[1].length - a[1].length)) {
  const mean = (f: (s: ThreadSample) => number) => (list.reduce((n, s) => n + f(s), 0) / list.length).toFixed(1);
  const places = new Map<string, number>();
  for (const s of list) {
    places.set(s.where, (places.get(s.where) ?? 0) + 1);
  }
  const top = [...places]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([f, n]) => `${n}× ${f}`);
  console.log(`${pool}: in ${list.length} reports; per thread: on a CPU ${mean((s) => s.cpu)} %, blocked or waiting ${mean((s) => s.other)} %`);
  for (const t of top) {
    console.log(`    ${t}`);
  }
}
