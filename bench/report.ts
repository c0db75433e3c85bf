import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STAGES as WORKER_STAGES } from "../apps/worker/src/runner/stage-times";
import type { EsActivity } from "./es-activity";
import type { WorkerConsumerSettings } from "./kafka";
import type { Machine, Versions } from "./machine";
import type { ProcWindow } from "./proc-sampler";
import type { ProfileSummary } from "./profile";
import type { LatencyResult } from "./stages/latency";
import type { MemoryResult } from "./stages/memory";
import type { NaiveResult } from "./stages/naive";
import type { OutflowResult } from "./stages/outflow";
import type { SinkRawResult, SinkResult } from "./stages/sink";
import type { SourceResult } from "./stages/source";
import { harmonicCeiling, type Spread } from "./stats";

export type DataFacts = {
  topic: string;
  count: number;
  reused: boolean;
  avgValueBytes: number;
  avgBodyBytes: number;
  produceSeconds: number;
  renderSeconds: number;
};

export type BenchResults = {
  mode: "full" | "smoke";
  startedAt: string;
  seconds: number;
  machine: Machine;
  versions: Versions;
  services: { kafka: string; elasticsearch: string };
  settings: {
    seed: number;
    partitions: number;
    warmup: number;
    messages: number;
    repeats: number;
    naiveMessages: number;
    sinkSweepDocs: number;
    profile: boolean;
    /** The bench task's effective delivery settings. */
    delivery: Record<string, number>;
    workerConsumer: WorkerConsumerSettings;
    workerEnv: string;
    workerNodeOptions: string;
    workerForm?: string;
  };
  note: string;
  git: { commit: string; dirtyProductFiles: number };
  /** Non-empty when the run changed the product's settings (then it is not written to BENCHMARKS.md). */
  experiment: string;
  data: { warm: DataFacts; main: DataFacts };
  idleWorkerRss: number | null;
  sink?: SinkResult;
  /** S0: the sink limit on what a task without rules writes. */
  sinkRaw?: SinkRawResult;
  source?: SourceResult;
  naive?: NaiveResult;
  outflow?: OutflowResult;
  /** P0: the bench task without rules. */
  outflowRaw?: OutflowResult;
  latency?: LatencyResult;
  memory?: MemoryResult;
  profile?: ProfileSummary;
  errors: string[];
};

type Goal = { name: string; value: number | null; target: string; ok: boolean | null; unit: string };

const MiB = 1024 * 1024;
const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? "–" : n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mib = (b: number | null | undefined) => (b ? `${fmt(b / MiB, b < 10 * MiB && b % MiB !== 0 ? 1 : 0)} MiB` : "–");
const range = (s: Spread) => `${fmt(s.min)}–${fmt(s.max)}`;

export function ceiling(r: BenchResults): number | null {
  return r.sink && r.source ? harmonicCeiling(r.sink.rate.median, r.source.rate.median) : null;
}

export function goals(r: BenchResults): Goal[] {
  const p = r.outflow?.rate.median ?? null;
  const h = ceiling(r);
  const ratio = (a: number | null, b: number | null | undefined) => (a !== null && b ? a / b : null);
  const at50 = r.latency?.levels.find((l) => l.fraction === 0.5);
  const g = (name: string, value: number | null, op: "≥" | "≤", target: number, unit = ""): Goal => ({
    name,
    value,
    target: `${op} ${fmt(target, target < 10 ? 2 : 0)}${unit}`,
    ok: value === null ? null : op === "≥" ? value >= target : value <= target,
    unit,
  });
  return [
    g("P/H", ratio(p, h), "≥", 0.9),
    g("P/S, no rules (P0/S0)", ratio(r.outflowRaw?.rate.median ?? null, r.sinkRaw?.rate.median), "≥", 0.85),
    g("P/S, six rules", ratio(p, r.sink?.rate.median), "≥", 0.8),
    g("P/N", ratio(p, r.naive?.rate.median), "≥", 20),
    g("ack p99 at 50 % of P", at50?.ack.p99 ?? null, "≤", 300, " ms"),
    g("visible p99 at 50 % of P", at50?.visible.p99 ?? null, "≤", 1500, " ms"),
    g("worker peak RSS, 1 task", r.outflow ? r.outflow.worker.rssPeak / MiB : null, "≤", 256, " MiB"),
    g(`worker peak RSS, ${r.memory?.tasks ?? 10} tasks`, r.memory ? r.memory.rssPeak / MiB : null, "≤", 384, " MiB"),
  ];
}

function cpuSplit(w: ProcWindow | undefined): string {
  if (!w || w.seconds === 0) {
    return "–";
  }
  const parts = Object.entries(w.cpu)
    .filter(([, v]) => v >= 3)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt(v)}`);
  if (w.other >= 3) {
    parts.push(`other ${fmt(w.other)}`);
  }
  return `${parts.join(", ")} (machine ${fmt(w.machine)})`;
}

function medianRun<T extends { rate: number }>(runs: T[]): T | undefined {
  const s = [...runs].sort((a, b) => a.rate - b.rate);
  return s[Math.floor((s.length - 1) / 2)];
}

type Row = [string, string, string, string, string];

/** A measured stage's row: label, median rate, range, runs and the CPU split of its median run. */
function stageRow(label: string, stage: { rate: Spread; runs: { rate: number; cpu: ProcWindow }[] }): Row {
  return [label, fmt(stage.rate.median), range(stage.rate), String(stage.rate.n), cpuSplit(medianRun(stage.runs)?.cpu)];
}

function throughputRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  if (r.sink) {
    rows.push(stageRow(`S sink limit: bulk helper, ${fmt(r.sink.best.flushBytes / MiB)} MiB × ${r.sink.best.concurrency}`, r.sink));
  }
  if (r.sinkRaw) {
    const point = `${fmt(r.sinkRaw.best.flushBytes / MiB)} MiB × ${r.sinkRaw.best.concurrency}${r.sinkRaw.bestFromS ? "" : " (S not run)"}`;
    rows.push(stageRow(`S0 sink limit, no rules: bulk helper, ${point}`, r.sinkRaw));
  }
  if (r.source) {
    rows.push(stageRow("K source limit: kafkajs, worker settings, no-op", r.source));
  }
  const h = ceiling(r);
  if (h !== null) {
    rows.push(["H ceiling S·K/(S+K)", fmt(h), "", "", ""]);
  }
  if (r.naive) {
    rows.push(stageRow(`N naive: eachMessage + awaited index (${fmt(r.settings.naiveMessages)} msgs)`, r.naive));
  }
  if (r.outflow) {
    rows.push(stageRow("P Outflow task, from group join", r.outflow));
    rows.push([
      `P Outflow task, from start request (start-up ${fmt(r.outflow.startupSeconds.median, 1)} s)`,
      fmt(r.outflow.fromStartRate.median),
      range(r.outflow.fromStartRate),
      String(r.outflow.fromStartRate.n),
      "",
    ]);
  }
  if (r.outflowRaw) {
    rows.push(stageRow("P0 Outflow task, no rules, from group join", r.outflowRaw));
    rows.push([
      `P0 Outflow task, no rules, from start request (start-up ${fmt(r.outflowRaw.startupSeconds.median, 1)} s)`,
      fmt(r.outflowRaw.fromStartRate.median),
      range(r.outflowRaw.fromStartRate),
      String(r.outflowRaw.fromStartRate.n),
      "",
    ]);
  }
  if (r.memory) {
    rows.push([`${r.memory.tasks} tasks at once (combined)`, fmt(r.memory.rate), "", "1", cpuSplit(r.memory.cpu)]);
  }
  return rows;
}

const COST_GROUPS = ["worker", "bench", "es", "kafka", "postgres", "redis", "web"] as const;

/**
 * CPU cost per message: µs of CPU each process spent per message in the median run (CPU % of a core ÷ rate). Unlike
 * rates, it hardly depends on how busy the machine was; 2e6 ÷ total is the rate the stage would reach if it had
 * both cores of an otherwise idle 2-core machine to itself (the CPU-bound ceiling).
 */
function costRows(r: BenchResults): string[][] {
  const rows: string[][] = [];
  const add = (name: string, run: { rate: number; cpu: ProcWindow } | undefined) => {
    if (!run || run.cpu.seconds === 0) {
      return;
    }
    const per = (pct: number) => (pct / 100 / run.rate) * 1e6;
    const costs = COST_GROUPS.map((g) => per(run.cpu.cpu[g] ?? 0));
    const total = costs.reduce((a, b) => a + b, 0);
    rows.push([name, ...costs.map((c) => (c >= 0.5 ? fmt(c) : "·")), fmt(total), fmt(2e6 / total), fmt(per(run.cpu.other))]);
  };
  add("S bulk helper", r.sink ? medianRun(r.sink.runs) : undefined);
  add("S0 bulk helper, no rules", r.sinkRaw ? medianRun(r.sinkRaw.runs) : undefined);
  add("K kafkajs no-op", r.source ? medianRun(r.source.runs) : undefined);
  add("N naive", r.naive ? medianRun(r.naive.runs) : undefined);
  add("P Outflow", r.outflow ? medianRun(r.outflow.runs) : undefined);
  add("P0 Outflow, no rules", r.outflowRaw ? medianRun(r.outflowRaw.runs) : undefined);
  if (r.memory) {
    add(`${r.memory.tasks} tasks`, { rate: r.memory.rate, cpu: r.memory.cpu });
  }
  return rows;
}

const COST_HEAD = ["µs of CPU per message", ...COST_GROUPS, "total", "CPU-bound ceiling, 2 idle cores (msgs/s)", "(other people, µs/msg)"];

function pad(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function mdTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

function correctnessLines(r: BenchResults): string[] {
  const lines = (name: string, bodies: string, o: OutflowResult | undefined) =>
    (o?.runs ?? []).map((run, i) => {
      const c = run.correctness;
      const equal = c.sampleEqual ?? c.sampleChecked - c.sampleMismatches.length;
      const ok = c.count === c.expected && c.distinct === c.expected && c.duplicated === 0 && c.committedEqualsEnd && equal === c.sampleChecked;
      return (
        `${name} run ${i + 1}: _count ${fmt(c.count)} (expected ${fmt(c.expected)}), distinct IDs ${fmt(c.distinct)}, duplicated ${c.duplicated}, ` +
        `committed = end ${c.committedEqualsEnd ? "yes" : "NO"}, ${equal}/${c.sampleChecked} sampled documents byte-equal to ${bodies}` +
        `${c.sampleMismatches.length ? ` (${equal < c.sampleChecked - c.sampleMismatches.length ? "the first five: " : ""}${c.sampleMismatches.join("; ")})` : ""} → ${ok ? "OK" : "WRONG"}`
      );
    });
  return [...lines("P", "the pre-rendered bodies", r.outflow), ...lines("P0", "the pre-rendered no-rules bodies", r.outflowRaw)];
}

function fmtConsumer(c: WorkerConsumerSettings): string {
  const k = c.consumer;
  return (
    `sessionTimeout ${fmt(k.sessionTimeout)} ms, maxBytesPerPartition ${mib(k.maxBytesPerPartition)}, maxBytes ${mib(k.maxBytes)}, ` +
    `partitionsConsumedConcurrently ${c.run.partitionsConsumedConcurrently}, autoCommit off (commit per chunk)`
  );
}

function headerLines(r: BenchResults): string[] {
  const m = r.machine;
  const v = r.versions;
  const d = r.data.main;
  return [
    `Machine: ${m.cores} cores (${m.cpuModel}), ${fmt(m.ramGiB, 1)} GiB RAM, ${m.os}, kernel ${m.kernel}; load average before: ${m.loadBefore.join(" ")}`,
    `Versions: Node ${v.node}, Kafka ${v.kafka}, Elasticsearch ${v.elasticsearch} (heap ${v.esHeap}), kafkajs ${v.kafkajs}, @elastic/elasticsearch ${v.esClient}${v.loadProducer ? `; latency load generator @platformatic/kafka ${v.loadProducer}` : ""}`,
    `Services: Kafka ${r.services.kafka}, Elasticsearch ${r.services.elasticsearch}`,
    `Data: ${fmt(d.count)} measured + ${fmt(r.data.warm.count)} warm-up messages, ${r.settings.partitions} partitions, seed ${r.settings.seed}; ` +
      `message value ${fmt(d.avgValueBytes)} B, written body ${fmt(d.avgBodyBytes)} B on average; topic ${d.reused ? "reused" : `produced in ${fmt(d.produceSeconds, 1)} s`}`,
    `Task: ${r.settings.partitions}-partition topic → date-split index (yyyyMMdd of $.timestamp), document ID $.event_id, 6 rules (rename, lowercase, cast, drop, add, filter that keeps all), failure policy retain; ` +
      `delivery ${Object.entries(r.settings.delivery)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(", ")}; one worker process, one consumer` +
      (r.outflowRaw || r.sinkRaw ? `; P0 and S0: the same task without rules (each message's own JSON text) into bench-raw-* indices` : ""),
    `Worker: ${r.settings.workerForm ?? "from source (tsx)"}; ${r.settings.workerEnv}${r.settings.workerNodeOptions ? `, NODE_OPTIONS ${r.settings.workerNodeOptions}` : ""}; kafkajs consumer ${fmtConsumer(r.settings.workerConsumer)} (K uses the same)`,
    `Index template bench-*: 1 shard, 0 replicas, refresh 1 s, strict explicit mapping${r.outflowRaw || r.sinkRaw ? " (bench-raw-*: the same for the raw records' fields)" : ""}; indices deleted before every run`,
    `Code: commit ${r.git.commit}${r.git.dirtyProductFiles ? ` plus uncommitted changes in ${r.git.dirtyProductFiles} file(s) under apps/ and packages/` : ""}`,
    `Repeats: ${r.settings.repeats} (median, range); S sweep on ${fmt(r.settings.sinkSweepDocs)} documents; run took ${fmt(r.seconds / 60, 1)} min`,
    ...(r.experiment ? [`EXPERIMENT (not comparable with the reference figures): ${r.experiment}`] : []),
    ...(r.note ? [`Note: ${r.note}`] : []),
  ];
}

function latencyRows(r: BenchResults): string[][] {
  return (r.latency?.levels ?? []).map((l) => [
    `${fmt(l.fraction * 100)} % of P`,
    fmt(l.rate),
    fmt(l.sent),
    `${fmt(l.ack.p50)} / ${fmt(l.ack.p99)} / ${fmt(l.ack.max)}`,
    `${fmt(l.visible.p50)} / ${fmt(l.visible.p99)} / ${fmt(l.visible.max)}`,
    cpuSplit(l.cpu),
  ]);
}

const STAGE_HEAD = ["Inside the worker, ms (p50 / worst 1-s p99)", ...WORKER_STAGES, "event loop delay (median 1-s p99 / worst max)"];

/** Per latency level: where the ack latency went inside the worker (stage-log.ts). */
function stageRows(r: BenchResults): string[][] {
  return (r.latency?.levels ?? []).flatMap((l) =>
    l.stages
      ? [
          [
            `${fmt(l.fraction * 100)} % of P`,
            ...WORKER_STAGES.map((s) => `${fmt(l.stages?.[s].p50 ?? 0)} / ${fmt(l.stages?.[s].worstP99 ?? 0)}`),
            l.loopDelay ? `${fmt(l.loopDelay.p99)} / ${fmt(l.loopDelay.worstMax)}` : "–",
          ],
        ]
      : [],
  );
}

const ES_HEAD = ["Elasticsearch during the latency levels", "worker write / queue p99 ms", "refreshes (ms)", "flushes (ms)", "merging", "GC young / old ms"];

/**
 * Per latency level: Elasticsearch's refreshes, flushes, merges and GC over the whole level, and in the worker's
 * slowest 1-s windows of writes (from the start of the window's slowest write), to show what a write stall met.
 */
function esRows(r: BenchResults): string[][] {
  const cells = (a: EsActivity | null) =>
    a
      ? [
          `${fmt(a.refreshes)} (${fmt(a.refreshMs)})`,
          `${fmt(a.flushes)} (${fmt(a.flushMs)})`,
          `${fmt(a.merging * 100)} %`,
          `${fmt(a.youngGcMs)} / ${fmt(a.oldGcMs)}`,
        ]
      : ["–", "–", "–", "–"];
  return (r.latency?.levels ?? []).flatMap((l) => {
    if (!l.es) {
      return [];
    }
    const level = `${fmt(l.fraction * 100)} % of P`;
    return [
      [`${level}, whole level (${fmt(l.seconds)} s)`, "–", ...cells(l.es)],
      ...(l.slowWrites ?? []).map((w, i) => [
        `${level}, slowest write window ${i + 1} (${new Date(w.at).toISOString().slice(11, 19)})`,
        `${fmt(w.writeP99)} / ${fmt(w.queueP99)}`,
        ...cells(w.es),
      ]),
    ];
  });
}

/** The tables under the latency table that have rows: inside the worker, and Elasticsearch meanwhile. */
function latencyDetailTables(r: BenchResults): { head: string[]; rows: string[][] }[] {
  return [
    { head: STAGE_HEAD, rows: stageRows(r) },
    { head: ES_HEAD, rows: esRows(r) },
  ].filter((t) => t.rows.length > 0);
}

function memoryRows(r: BenchResults): string[][] {
  const rows: string[][] = [];
  if (r.idleWorkerRss) {
    rows.push(["idle (no task)", mib(r.idleWorkerRss), "–"]);
  }
  if (r.outflow) {
    rows.push(["1 task at full speed (P runs)", mib(r.outflow.worker.rssPeak), mib(r.outflow.worker.rssSteady)]);
  }
  if (r.outflowRaw) {
    rows.push(["1 task without rules at full speed (P0 runs)", mib(r.outflowRaw.worker.rssPeak), mib(r.outflowRaw.worker.rssSteady)]);
  }
  if (r.latency) {
    rows.push(["1 task, latency runs", mib(r.latency.rssPeak), mib(r.latency.rssSteady)]);
  }
  if (r.memory) {
    rows.push([`${r.memory.tasks} tasks at full speed`, mib(r.memory.rssPeak), mib(r.memory.rssSteady)]);
  }
  return rows;
}

function goalRows(r: BenchResults): string[][] {
  return goals(r).map((g) => [
    g.name,
    // Ratios get three decimals, so that one just under its target (0.896) does not print as the target (0.90).
    g.value === null ? "–" : `${fmt(g.value, g.value < 10 ? 3 : 0)}${g.unit}`,
    g.target,
    g.ok === null ? "not measured" : g.ok ? "met" : "MISSED",
  ]);
}

function finalistsText(sink: NonNullable<BenchResults["sink"]>): string {
  return (sink.finalists ?? []).map((p) => `${fmt(p.flushBytes / MiB)} MiB × ${p.concurrency} → ${fmt(p.rate)}`).join(", ");
}

export function textReport(r: BenchResults): string {
  const out: string[] = [`Outflow bench (${r.mode}), ${r.startedAt}`, ...headerLines(r), ""];
  out.push(pad([["Stage", "median msgs/s", "range", "runs", "CPU, % of one core (median run)"], ...throughputRows(r)]));
  if (r.sink) {
    out.push(
      "",
      `S sweep (${fmt(r.settings.sinkSweepDocs)} docs): ${r.sink.sweep.map((p) => `${fmt(p.flushBytes / MiB)} MiB×${p.concurrency} ${fmt(p.rate)}`).join(", ")}`,
      `S finalists (all ${fmt(r.settings.messages)} docs, one run each): ${finalistsText(r.sink)}`,
    );
  }
  const costs = costRows(r);
  if (costs.length) {
    out.push("", pad([COST_HEAD, ...costs]));
  }
  if (r.latency) {
    out.push("", pad([["Load", "msgs/s", "sent", "ack ms p50 / p99 / max", "visible ms p50 / p99 / max", "CPU"], ...latencyRows(r)]));
    for (const t of latencyDetailTables(r)) {
      out.push("", pad([t.head, ...t.rows]));
    }
  }
  const mem = memoryRows(r);
  if (mem.length) {
    out.push("", pad([["Worker RSS", "peak", "steady (median)"], ...mem]));
  }
  const corr = correctnessLines(r);
  if (corr.length) {
    out.push("", ...corr);
  }
  out.push("", pad([["Goal", "measured", "target", ""], ...goalRows(r)]));
  if (r.errors.length) {
    out.push("", ...r.errors.map((e) => `ERROR: ${e}`));
  }
  return out.join("\n");
}

export function markdownSection(r: BenchResults): string {
  const out: string[] = [
    `### ${r.mode === "smoke" ? "Smoke run" : "Full run"}, ${r.startedAt}`,
    "",
    ...(r.mode === "smoke"
      ? ["A smoke run proves the harness end to end; its stages are too short (and its services often cold) for the figures to mean anything.", ""]
      : []),
    ...headerLines(r).map((l) => `- ${l}`),
    "",
    mdTable(["Stage", "median msgs/s", "range", "runs", "CPU, % of one core (median run)"], throughputRows(r)),
  ];
  if (r.sink) {
    out.push(
      "",
      `S sweep on ${fmt(r.settings.sinkSweepDocs)} documents (flushBytes × concurrency → docs/s): ${r.sink.sweep.map((p) => `${fmt(p.flushBytes / MiB)} MiB × ${p.concurrency} → ${fmt(p.rate)}`).join("; ")}. Its two best points, once each on all ${fmt(r.settings.messages)} documents: ${finalistsText(r.sink)}; S is the faster one's median.`,
    );
  }
  const costs = costRows(r);
  if (costs.length) {
    out.push("", mdTable(COST_HEAD, costs));
  }
  if (r.latency) {
    out.push("", mdTable(["Load", "msgs/s", "sent", "ack ms p50 / p99 / max", "visible ms p50 / p99 / max", "CPU"], latencyRows(r)));
    for (const t of latencyDetailTables(r)) {
      out.push("", mdTable(t.head, t.rows));
    }
  }
  const mem = memoryRows(r);
  if (mem.length) {
    out.push("", mdTable(["Worker RSS (node process of the worker)", "peak", "steady (median)"], mem));
  }
  const corr = correctnessLines(r);
  if (corr.length) {
    out.push("", "Correctness:", "", ...corr.map((c) => `- ${c}`));
  }
  out.push("", mdTable(["Goal", "measured", "target", ""], goalRows(r)));
  if (r.profile) {
    out.push("", "Worker CPU profile, self time by area:", "", ...r.profile.areas.slice(0, 12).map((a) => `- ${a.area}: ${a.pct} %`));
  }
  if (r.errors.length) {
    out.push("", ...r.errors.map((e) => `- ERROR: ${e}`));
  }
  return out.join("\n");
}

/** Replaces the run's block in BENCHMARKS.md (between its markers), or appends one. */
export function updateBenchmarksMd(root: string, r: BenchResults): string {
  const file = join(root, "BENCHMARKS.md");
  const begin = `<!-- bench:${r.mode}:begin (written by npm run bench${r.mode === "smoke" ? ":smoke" : ""}; edits inside are overwritten) -->`;
  const end = `<!-- bench:${r.mode}:end -->`;
  const block = `${begin}\n${markdownSection(r)}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const i = text.indexOf(`<!-- bench:${r.mode}:begin`);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) {
    text = `${text.slice(0, i)}${block}${text.slice(j + end.length)}`;
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(file, text);
  return file;
}

export function saveJson(dir: string, r: BenchResults): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${r.mode}-${r.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    file,
    JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2),
  );
  return file;
}

// `npx tsx bench/report.ts bench/out/<run>.json [--write]` prints a saved run again (and rewrites its section of BENCHMARKS.md).
if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npx tsx bench/report.ts bench/out/<run>.json [--write]");
    process.exit(2);
  }
  const r = JSON.parse(readFileSync(file, "utf8")) as BenchResults;
  console.log(textReport(r));
  if (process.argv.includes("--write")) {
    console.log(`updated ${updateBenchmarksMd(join(import.meta.dirname, ".."), r)}`);
  }
}
