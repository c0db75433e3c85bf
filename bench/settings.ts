import { parseArgs } from "node:util";

/** What one bench run does; `--smoke` shrinks everything so that the whole harness runs in under two minutes. */
export type BenchSettings = {
  smoke: boolean;
  seed: number;
  partitions: number;
  /** Warm-up messages (own topic), then the measured ones (own topic). */
  warmup: number;
  messages: number;
  repeats: number;
  /** S: the sweep runs on this many documents; the best point then runs on all of them, `repeats` times. */
  sinkSweepDocs: number;
  sinkSweep: { flushBytes: number; concurrency: number }[];
  /** N: the naive baseline runs on the first this-many messages. */
  naiveMessages: number;
  /** Latency: seconds of open-loop load per level, and the levels as fractions of P. */
  latencySeconds: number;
  latencyLevels: number[];
  /** Memory with many tasks: how many, and for how long. */
  manyTasks: number;
  manyTasksSeconds: number;
  stages: Set<StageName>;
  /** Write the figures into BENCHMARKS.md (a smoke run writes its own section). */
  writeReport: boolean;
  /** Run the worker with --cpu-prof and summarise the profile (slows the worker: figures are not comparable). */
  profile: boolean;
  /** Delete the generated topics at the end (otherwise the next run with the same seed and sizes reuses them). */
  dropTopics: boolean;
  note: string;
  /** Overrides of the task's `delivery` settings (P, latency and memory tasks), e.g. for tuning experiments. */
  delivery: Record<string, number> | null;
  /** A JSON merge patch over the bench task's config (P, latency and memory tasks), e.g. {"source":{"consumers":4}}. */
  taskPatch: Record<string, unknown> | null;
  /** Run the worker from its TypeScript sources (node --import tsx) instead of the production bundle. */
  workerFromSource: boolean;
  /** A worker bundle built earlier (e.g. from another commit) to run instead of building the current sources. */
  workerBundle: string | null;
  /** NODE_OPTIONS for the worker process (e.g. "--max-old-space-size=256" or "--trace-gc"). */
  workerNodeOptions: string;
  /** Extra environment for the worker (experiments), e.g. the test Stack's short lease and reconcile intervals. */
  workerEnv: Record<string, string> | null;
};

/** In run order: S0 right after S; P and P0 alternate their repetitions. */
export const STAGES = ["s", "s0", "k", "n", "p", "p0", "latency", "memory"] as const;
export type StageName = (typeof STAGES)[number];

const MiB = 1024 * 1024;

const USAGE = `usage: npm run bench [-- options]     (npm run bench:smoke = --smoke)
  --smoke              small run (≤ 2 min): proves the harness, figures are not meaningful
  --messages N         measured messages (default 1,000,000; smoke 30,000)
  --warmup N           warm-up messages (default 100,000; smoke 3,000)
  --repeats N          repetitions of S, S0, K, N, P and P0 (default 3; smoke 1)
  --only s,s0,k,n,p,p0,latency,memory   run only these stages (latency and memory need P's figure: without p they use
                       --p-rate; S0 runs at S's best point: without s at 5 MiB × 2); P0, S0: the task without rules
  --p-rate N           msgs/s to base the latency levels on when p is not run
  --latency-seconds N  seconds per latency level (default 60; smoke 6)
  --memory-seconds N   seconds the 10 tasks run (default 60; smoke 8)
  --naive-messages N   messages for N (default 10,000; smoke 500)
  --seed N             generator seed (default 42)
  --profile            worker under --cpu-prof; prints the hottest functions (figures not comparable)
  --no-report          do not touch BENCHMARKS.md
  --drop-topics        delete the generated topics afterwards (default: keep them for the next run)
  --note TEXT          a remark stored with the figures (e.g. "other test runs were active")
  --delivery K=V,...   override the task's delivery settings, e.g. bulkMaxDocs=5000,bulkConcurrency=4
  --worker-from-source run the worker with node --import tsx src/main.ts (default: the production bundle, built first)
  --worker-bundle FILE run this worker bundle (a copy of apps/worker/dist/main.js built from another commit) instead of
                       the current sources' (rebuilt when the run ends): two builds measured side by side
  --task JSON          merge patch over the task config, e.g. --task '{"source":{"consumers":4}}'
  --worker-node-options="FLAGS"   NODE_OPTIONS for the worker, e.g. --worker-node-options="--max-old-space-size=256"
  --worker-env K=V,... environment for the worker, e.g. LEASE_MS=6000,RECONCILE_EVERY_MS=1000 (default: the worker's own defaults)
  A run with --delivery, --task, --worker-node-options, --worker-env, --worker-bundle or --profile is an experiment: it does not touch BENCHMARKS.md.`;

export function readSettings(argv: string[]): BenchSettings & { pRate: number | null } {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: "boolean", default: false },
      messages: { type: "string" },
      warmup: { type: "string" },
      repeats: { type: "string" },
      only: { type: "string" },
      "p-rate": { type: "string" },
      "latency-seconds": { type: "string" },
      "memory-seconds": { type: "string" },
      "naive-messages": { type: "string" },
      seed: { type: "string" },
      profile: { type: "boolean", default: false },
      "no-report": { type: "boolean", default: false },
      "drop-topics": { type: "boolean", default: false },
      note: { type: "string" },
      delivery: { type: "string" },
      task: { type: "string" },
      "worker-node-options": { type: "string" },
      "worker-env": { type: "string" },
      "worker-from-source": { type: "boolean", default: false },
      "worker-bundle": { type: "string" },
      help: { type: "boolean", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const smoke = values.smoke ?? false;
  const int = (v: string | undefined, d: number) => {
    if (v === undefined) {
      return d;
    }
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(`not a positive integer: ${v}\n${USAGE}`);
    }
    return n;
  };
  const messages = int(values.messages, smoke ? 30_000 : 1_000_000);
  const only = values.only?.split(",").map((s) => s.trim().toLowerCase()) ?? [...STAGES];
  for (const s of only) {
    if (!(STAGES as readonly string[]).includes(s)) {
      throw new Error(`unknown stage "${s}"\n${USAGE}`);
    }
  }
  const sweep = smoke
    ? [
        { flushBytes: 5 * MiB, concurrency: 2 },
        { flushBytes: 5 * MiB, concurrency: 4 },
      ]
    : [1, 5, 10].flatMap((mb) => [1, 2, 4].map((concurrency) => ({ flushBytes: mb * MiB, concurrency })));
  return {
    smoke,
    seed: int(values.seed, 42),
    partitions: 4,
    warmup: int(values.warmup, smoke ? 3_000 : 100_000),
    messages,
    repeats: int(values.repeats, smoke ? 1 : 3),
    sinkSweepDocs: Math.min(messages, smoke ? 15_000 : 100_000),
    sinkSweep: sweep,
    naiveMessages: Math.min(messages, int(values["naive-messages"], smoke ? 500 : 10_000)),
    latencySeconds: int(values["latency-seconds"], smoke ? 6 : 60),
    latencyLevels: [0.1, 0.5],
    manyTasks: 10,
    manyTasksSeconds: int(values["memory-seconds"], smoke ? 8 : 60),
    stages: new Set(only as StageName[]),
    writeReport: !(values["no-report"] ?? false),
    profile: values.profile ?? false,
    dropTopics: values["drop-topics"] ?? false,
    note: values.note ?? "",
    pRate: values["p-rate"] ? int(values["p-rate"], 0) : null,
    delivery: values.delivery ? parseDelivery(values.delivery) : null,
    taskPatch: values.task ? (JSON.parse(values.task) as Record<string, unknown>) : null,
    workerNodeOptions: values["worker-node-options"] ?? "",
    workerEnv: values["worker-env"] ? parseWorkerEnv(values["worker-env"]) : null,
    workerBundle: values["worker-bundle"] ?? null,
    // profiles of the bundle would attribute every function to dist/main.js: profile the sources
    workerFromSource: (values["worker-from-source"] ?? false) || (values.profile ?? false),
  };
}

/** `k=v,k=v` → the pairs, each checked by `valid` (else an error naming the flag and what it expects). */
function parsePairs(text: string, flag: string, expected: string, valid: (k: string | undefined, v: string | undefined) => boolean): [string, string][] {
  return text.split(",").map((part) => {
    const [k, v] = part.split("=").map((s) => s.trim());
    if (!k || !valid(k, v)) {
      throw new Error(`${flag}: expected ${expected}, got "${part}"\n${USAGE}`);
    }
    return [k, v ?? ""];
  });
}

function parseWorkerEnv(text: string): Record<string, string> {
  const valid = (k: string | undefined, v: string | undefined) => /^[A-Z_][A-Z0-9_]*$/.test(k ?? "") && v !== undefined && v !== "";
  return Object.fromEntries(parsePairs(text, "--worker-env", "NAME=value pairs", valid));
}

function parseDelivery(text: string): Record<string, number> {
  const number = (v: string | undefined) => Number(v?.replace(/_/g, ""));
  const pairs = parsePairs(text, "--delivery", "key=number pairs", (_k, v) => Number.isFinite(number(v)));
  return Object.fromEntries(pairs.map(([k, v]) => [k, number(v)]));
}
