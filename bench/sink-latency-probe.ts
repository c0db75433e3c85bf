/**
 * `npx tsx bench/sink-latency-probe.ts [docs/s] [seconds]`: Elasticsearch alone at a fixed rate, written the way the
 * worker writes (bulks of what is due, at most two in flight, a new one as soon as a slot is free), with the bench's
 * documents and index template. Prints the acknowledgement latency (intended send → bulk acknowledged), p50 / p99 /
 * max, after a 10 s warm-up. It tells how much of the pipeline's latency at the same rate the sink alone accounts
 * for (BENCHMARKS.md, "Goals missed"). ES_URL as for `npm run bench`.
 */
import { compileTask, processMessage } from "@outflow/pipeline";
import { benchElastic, deleteIndices, putTemplate } from "./es";
import { percentiles } from "./stats";
import { benchTaskConfig, logRecord, Rng } from "./workload";

const rate = Number(process.argv[2] ?? 7_639);
const seconds = Number(process.argv[3] ?? 30);
const IN_FLIGHT = 2;
const MAX_DOCS = 2_000;
const INDEX = "bench-probe-logs";

const es = benchElastic();
await putTemplate(es);
await deleteIndices(es, `${INDEX}_*`);

// 1,024 documents as the bench task writes them (latency documents: today's timestamps), reused round-robin.
const compiled = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic: "t", index: INDEX }));
const rng = new Rng(7);
const docs = Array.from({ length: 1_024 }, (_, i) => {
  const { event_id: _id, ...rest } = logRecord(rng, "probe", i, 1_024, Date.now());
  const value = Buffer.from(JSON.stringify({ bench: { phase: "probe", p: i % 4, ps: i, sent: Date.now() }, event_id: `probe-${i}`, ...rest }));
  const out = processMessage(compiled, { topic: "t", partition: 0, offset: "0", timestamp: "0", key: null, value }, 0);
  const action = out.kind === "write" ? out.actions[0] : undefined;
  if (action?.op !== "index") {
    throw new Error(`the probe document did not become an index action: ${JSON.stringify(out).slice(0, 300)}`);
  }
  return { index: action.index, body: JSON.stringify(action.doc) };
});

/** Sends `rate` documents a second for `secs` seconds; resolves with each document's latency in ms. */
async function level(phase: string, secs: number): Promise<number[]> {
  const total = Math.round(rate * secs);
  const latencies: number[] = [];
  const pending: number[] = []; // intended send times of the documents not yet in a request
  let seq = 0;
  let inFlight = 0;
  let failure: Error | null = null;
  const pump = () => {
    while (inFlight < IN_FLIGHT && pending.length > 0) {
      const intended = pending.splice(0, MAX_DOCS);
      const lines: string[] = [];
      for (let i = 0; i < intended.length; i++, seq++) {
        const d = docs[seq % docs.length] as { index: string; body: string };
        lines.push(`{"index":{"_index":"${d.index}","_id":"${phase}-${seq}"}}`, d.body);
      }
      inFlight++;
      es.transport
        .request({ method: "POST", path: "/_bulk", bulkBody: `${lines.join("\n")}\n`, querystring: { filter_path: "errors" } }, { meta: false })
        .then((r) => {
          if ((r as { errors?: boolean }).errors) {
            throw new Error("a bulk request had item errors");
          }
          const now = Date.now();
          for (const t of intended) {
            latencies.push(Math.round(now - t));
          }
        })
        .catch((err: Error) => {
          failure = err;
        })
        .finally(() => {
          inFlight--;
          pump();
        });
    }
  };
  const t0 = Date.now() + 20;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((Date.now() - t0) * rate) / 1_000));
      for (; next < due; next++) {
        pending.push(t0 + (next * 1_000) / rate);
      }
      pump();
      if (next >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 10);
  });
  while (latencies.length < total && !failure) {
    await new Promise((r) => setTimeout(r, 20));
  }
  if (failure) {
    throw failure;
  }
  return latencies;
}

try {
  await level("warm", 10);
  const p = percentiles(await level("measured", seconds));
  console.log(
    `Elasticsearch alone, ${rate.toLocaleString("en")} docs/s for ${seconds} s, ≤ ${IN_FLIGHT} bulks in flight: ack p50 ${p.p50} ms, p99 ${p.p99} ms, max ${p.max} ms`,
  );
} finally {
  await deleteIndices(es, `${INDEX}_*`);
  await es.close();
}
