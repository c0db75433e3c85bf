/**
 * CPU cost of the worker's pure pipeline per message, without any service: the bench workload's messages through
 * processMessage (parse, rules, date routing, doc ID) and ChunkSettlement (NDJSON, byte lengths), in chunks as the
 * worker does. Prints µs per message for each stage (median of rounds), for the workload as JSON (with the bench's
 * six rules, and without rules as P0 runs it) and as Avro (the
 * same records through the schema registry's framing, the schema already looked up, as the worker has it after the
 * first message): elapsed time, and the CPU time of this thread (what the stage costs, even when other processes
 * share the cores). Values are Buffers, as kafkajs hands them to the worker. `npm run bench:pipeline [-- messages]`
 */
import { ChunkSettlement } from "@outflow/pipeline/chunk-settlement";
import { compileTask } from "@outflow/pipeline/compile";
import { frame } from "@outflow/pipeline/formats/registry-wire";
import { provideSchemas } from "@outflow/pipeline/formats/schema-decoders";
import type { KafkaMessage } from "@outflow/pipeline/message";
import { processMessage } from "@outflow/pipeline/process-message";
import avro from "avsc";
import { median } from "./stats";
import { benchTaskConfig, logRecord, Rng } from "./workload";

const count = Number(process.argv[2] ?? 50_000);
const rounds = 7;
const chunk = 1_000;

/** The workload's record as Avro (`@version` is no Avro name; the bench rules drop it anyway). */
const LOG_SCHEMA = {
  type: "record",
  name: "Log",
  fields: [
    { name: "timestamp", type: "string" },
    { name: "event_id", type: "string" },
    { name: "service", type: "string" },
    { name: "host", type: "string" },
    { name: "level", type: "string" },
    {
      name: "trace",
      type: {
        type: "record",
        name: "Trace",
        fields: [
          { name: "id", type: "string" },
          { name: "span_id", type: "string" },
        ],
      },
    },
    {
      name: "http",
      type: {
        type: "record",
        name: "Http",
        fields: [
          { name: "method", type: "string" },
          { name: "path", type: "string" },
          { name: "status", type: "string" },
          { name: "duration_ms", type: "double" },
          { name: "bytes", type: "long" },
          { name: "user_agent", type: "string" },
        ],
      },
    },
    {
      name: "client",
      type: {
        type: "record",
        name: "Client",
        fields: [
          { name: "ip", type: "string" },
          { name: "region", type: "string" },
        ],
      },
    },
    {
      name: "labels",
      type: { type: "record", name: "Labels", fields: ["env", "region", "version"].map((name) => ({ name, type: "string" })) },
    },
    {
      name: "internal",
      type: {
        type: "record",
        name: "Internal",
        fields: [
          { name: "shard", type: "int" },
          { name: "pod_uid", type: "string" },
        ],
      },
    },
    { name: "msg", type: "string" },
  ],
};
const avroType = avro.Type.forSchema(LOG_SCHEMA as never);

const jsonTask = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic: "t", index: "bench-p" }));
/** P0's task: no rules, so each document is its message's own JSON text. */
const rawTask = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic: "t", index: "bench-raw-p", rules: [] }));
const avroTask = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic: "t", index: "bench-p", patch: { parse: { format: { type: "avro" } } } }));
const rng = new Rng(42);
const encoder = new TextEncoder();
/** CPU time of this thread, µs (not of the process: no GC or compiler helper threads). */
const threadCpu = () => {
  const u = process.threadCpuUsage();
  return u.user + u.system;
};
const jsonMessages: KafkaMessage[] = [];
const avroMessages: KafkaMessage[] = [];
for (let n = 0; n < count; n++) {
  const rec = logRecord(rng, "pc", n, count);
  const m = { topic: "t", partition: 0, offset: String(n), timestamp: String(Date.now()), key: null, headers: {} };
  jsonMessages.push({ ...m, value: Buffer.from(encoder.encode(JSON.stringify(rec))) });
  avroMessages.push({ ...m, value: Buffer.from(frame(1, avroType.toBuffer(rec))) });
}
provideSchemas(avroTask, avroMessages.slice(0, 1), new Map([[1, { schema: JSON.stringify(LOG_SCHEMA) }]]));
const avgBytes = (messages: KafkaMessage[]) => messages.reduce((s, m) => s + (m.value?.length ?? 0), 0) / count;

type Cost = { process: number; settle: number; processCpu: number; settleCpu: number };

function round(task: typeof jsonTask, messages: KafkaMessage[]): Cost {
  let processNs = 0n;
  let settleNs = 0n;
  let processCpu = 0;
  let settleCpu = 0;
  let sink = 0;
  for (let from = 0; from < count; from += chunk) {
    const slice = messages.slice(from, from + chunk);
    const c0 = threadCpu();
    const t0 = process.hrtime.bigint();
    const now = Date.now();
    const processed = slice.map((m) => processMessage(task, m, now));
    const t1 = process.hrtime.bigint();
    const c1 = threadCpu();
    const s = new ChunkSettlement(processed, Number.POSITIVE_INFINITY, true);
    for (const p of s.pending()) {
      sink += p.bytes;
    }
    const t2 = process.hrtime.bigint();
    const c2 = threadCpu();
    processNs += t1 - t0;
    settleNs += t2 - t1;
    processCpu += c1 - c0;
    settleCpu += c2 - c1;
  }
  if (sink === 0) {
    throw new Error("nothing serialised");
  }
  return { process: Number(processNs) / 1000 / count, settle: Number(settleNs) / 1000 / count, processCpu: processCpu / count, settleCpu: settleCpu / count };
}

for (const [name, task, messages] of [
  ["JSON", jsonTask, jsonMessages],
  ["JSON, no rules", rawTask, jsonMessages],
  ["Avro", avroTask, avroMessages],
] as const) {
  const results = Array.from({ length: rounds }, () => round(task, messages)).slice(2); // the first rounds warm the JIT up
  const m = (k: keyof Cost) => median(results.map((r) => r[k]));
  const [p, s, pc, sc] = [m("process"), m("settle"), m("processCpu"), m("settleCpu")];
  console.log(`${name}: ${count} messages of ${Math.round(avgBytes(messages))} B, ${task.rules.length} rules, chunks of ${chunk}`);
  console.log(`processMessage   ${p.toFixed(2)} µs/msg (CPU ${pc.toFixed(2)})`);
  console.log(`ChunkSettlement  ${s.toFixed(2)} µs/msg (CPU ${sc.toFixed(2)})`);
  console.log(`total            ${(p + s).toFixed(2)} µs/msg (CPU ${(pc + sc).toFixed(2)})`);
}
