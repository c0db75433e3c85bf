/**
 * CPU cost of the worker's pure pipeline per message, without any service: the bench workload's messages through
 * processMessage (parse, rules, date routing, doc ID) and ChunkSettlement (NDJSON, byte lengths), in chunks as the
 * worker does. Prints µs per message for each stage (median of rounds). `npm run bench:pipeline [-- messages]`
 */
import { ChunkSettlement } from "@outflow/pipeline/chunk-settlement";
import { compileTask } from "@outflow/pipeline/compile";
import type { KafkaMessage } from "@outflow/pipeline/message";
import { processMessage } from "@outflow/pipeline/process-message";
import { median } from "./stats";
import { BENCH_RULES, benchTaskConfig, logRecord, Rng } from "./workload";

const count = Number(process.argv[2] ?? 50_000);
const rounds = 7;
const chunk = 1_000;

const task = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic: "t", index: "bench-p" }));
const rng = new Rng(42);
const encoder = new TextEncoder();
const messages: KafkaMessage[] = [];
for (let n = 0; n < count; n++) {
  const rec = logRecord(rng, "pc", n, count);
  messages.push({
    topic: "t",
    partition: 0,
    offset: String(n),
    timestamp: String(Date.now()),
    key: null,
    value: encoder.encode(JSON.stringify(rec)),
    headers: {},
  });
}
const avgBytes = messages.reduce((s, m) => s + (m.value?.length ?? 0), 0) / count;

function round(): { process: number; settle: number } {
  let processNs = 0n;
  let settleNs = 0n;
  let sink = 0;
  for (let from = 0; from < count; from += chunk) {
    const slice = messages.slice(from, from + chunk);
    const t0 = process.hrtime.bigint();
    const now = Date.now();
    const processed = slice.map((m) => processMessage(task, m, now));
    const t1 = process.hrtime.bigint();
    const s = new ChunkSettlement(processed, Number.POSITIVE_INFINITY, true);
    for (const p of s.pending()) {
      sink += p.bytes;
    }
    const t2 = process.hrtime.bigint();
    processNs += t1 - t0;
    settleNs += t2 - t1;
  }
  if (sink === 0) {
    throw new Error("nothing serialised");
  }
  return { process: Number(processNs) / 1000 / count, settle: Number(settleNs) / 1000 / count };
}

const results = Array.from({ length: rounds }, round).slice(2); // the first rounds warm the JIT up
const p = median(results.map((r) => r.process));
const s = median(results.map((r) => r.settle));
console.log(`${count} messages of ${Math.round(avgBytes)} B, ${BENCH_RULES.length} rules, chunks of ${chunk}`);
console.log(`processMessage   ${p.toFixed(2)} µs/msg`);
console.log(`ChunkSettlement  ${s.toFixed(2)} µs/msg`);
console.log(`total            ${(p + s).toFixed(2)} µs/msg`);
