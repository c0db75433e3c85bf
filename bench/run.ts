/**
 * `npm run bench` / `npm run bench:smoke`: measures, in one run on this machine, the sink limit (S), the source
 * limit (K), a naive consumer (N) and Outflow itself (P), the sink limit and Outflow for a task without rules (S0,
 * P0), then latency under open-loop load and worker memory,
 * checks correctness, prints a table and writes a section of BENCHMARKS.md. Figures are printed, never asserted.
 * See BENCHMARKS.md for the method and `npm run bench -- --help` for options.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { TaskConfigBase } from "@outflow/schemas/task-config";
import { Outflow } from "@outflow/testing/outflow";
import { SERVICES } from "@outflow/testing/services";
import { ROOT, Stack } from "@outflow/testing/stack";
import { WORKER_DEFAULTS } from "../apps/worker/src/env";
import type { BenchContext } from "./context";
import { benchElastic, deleteIndices, nodeInfo, putTemplate } from "./es";
import { type Dataset, DocStore, deleteTopics, prepareDataset } from "./generate";
import { WORKER_CONSUMER } from "./kafka";
import { machine, versions } from "./machine";
import { childrenOf, descendants, ProcSampler, pidsByCmdline, pidsByComm, readText, rssBytes, tsxScriptPid } from "./proc-sampler";
import { formatProfile, largestProfile, summarizeProfile } from "./profile";
import { type BenchResults, type DataFacts, saveJson, textReport, updateBenchmarksMd } from "./report";
import { readSettings } from "./settings";
import { STAGE_WINDOW_MS, StageLog } from "./stage-log";
import { runLatency } from "./stages/latency";
import { runManyTasks } from "./stages/memory";
import { runNaive } from "./stages/naive";
import { type OutflowEnv, runOutflow } from "./stages/outflow";
import { runSink, runSinkRaw } from "./stages/sink";
import { runSource } from "./stages/source";

/** The heap flags the worker's launcher gives node unless WORKER_NODE_FLAGS replaces them (read from the script). */
const WORKER_DEFAULT_NODE_FLAGS = /\$\{WORKER_NODE_FLAGS-([^}]*)\}/.exec(readFileSync(join(ROOT, "apps/worker/bin/outflow-worker"), "utf8"))?.[1] ?? "?";

const started = Date.now();
const log = (line: string) => console.error(`[bench +${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function facts(d: Dataset): DataFacts {
  return {
    topic: d.topic,
    count: d.count,
    reused: d.reused,
    avgValueBytes: d.valueBytes / d.count,
    avgBodyBytes: d.bodyBytes / d.count,
    produceSeconds: d.produceSeconds,
    renderSeconds: d.renderSeconds,
  };
}

/** The commit measured, and whether product code (apps/, packages/) had uncommitted changes. */
function gitState(): { commit: string; dirtyProductFiles: number } {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const dirty = git("status", "--porcelain", "--", "apps", "packages").split("\n").filter(Boolean).length;
  return { commit: git("rev-parse", "--short", "HEAD") || "?", dirtyProductFiles: dirty };
}

/** `{ A: 1, B: "x" }` → `A=1 B=x`. */
const envText = (env: Record<string, string | number>) =>
  Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");

/** A run that changes the product's settings (or profiles it) is an experiment: it is printed, not written to BENCHMARKS.md. */
function experimentOf(s: ReturnType<typeof readSettings>): string {
  const parts: string[] = [];
  if (s.delivery) {
    parts.push(`delivery ${JSON.stringify(s.delivery)}`);
  }
  if (s.taskPatch) {
    parts.push(`task patch ${JSON.stringify(s.taskPatch)}`);
  }
  if (s.workerNodeOptions) {
    parts.push(`worker NODE_OPTIONS "${s.workerNodeOptions}"`);
  }
  if (s.workerEnv) {
    parts.push(`worker env ${envText(s.workerEnv)}`);
  }
  if (s.workerBundle) {
    parts.push(`worker bundle ${s.workerBundle}`);
  }
  if (s.profile) {
    parts.push("worker under --cpu-prof");
  }
  if (s.workerFromSource) {
    parts.push("worker from source (tsx)");
  }
  return parts.join("; ");
}

const WORKER_BUNDLE = join(ROOT, "apps/worker/dist/main.js");

function buildWorker(): void {
  log("building the worker bundle (npm run build -w @outflow/worker)");
  const b = spawnSync("npm", ["run", "build", "-w", "@outflow/worker"], { cwd: ROOT, encoding: "utf8" });
  if (b.status !== 0) {
    throw new Error(`worker build failed: ${b.stderr}`);
  }
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  process.env.NEXT_DIST_DIR ??= ".next-bench";
  const webBuild = join(ROOT, "apps/web", process.env.NEXT_DIST_DIR, "BUILD_ID");
  // The stages that run Outflow itself, on a test Stack serving this build.
  const needsStack = (["p", "p0", "latency", "memory"] as const).some((s) => settings.stages.has(s));
  if (needsStack && !existsSync(webBuild)) {
    throw new Error(`the web app is not built into ${process.env.NEXT_DIST_DIR}: run NEXT_DIST_DIR=${process.env.NEXT_DIST_DIR} npm run build -w @outflow/web`);
  }
  const mode = settings.smoke ? "smoke" : "full";
  log(
    `${mode} run: ${settings.messages.toLocaleString("en")} messages (+${settings.warmup.toLocaleString("en")} warm-up), ${settings.repeats} repeat(s); Kafka ${SERVICES.kafkaBrokers.join(",")}, Elasticsearch ${SERVICES.elasticsearchUrl}`,
  );
  const m = machine();
  mkdirSync(join(ROOT, "bench/out"), { recursive: true });

  const es = benchElastic();
  const esInfo = await nodeInfo(es).catch((err: Error) => {
    throw new Error(`Elasticsearch does not answer at ${SERVICES.elasticsearchUrl} (${err.message}); start it with npm run services:up`);
  });
  const kafkaPids = pidsByCmdline("kafka.Kafka");
  await putTemplate(es);
  await deleteIndices(es, "bench-*");

  const warm = await prepareDataset({ tag: "w", seed: settings.seed, count: settings.warmup, partitions: settings.partitions, log });
  // S0 writes every no-rules document; P0 alone only compares a sample of them.
  const raw = settings.stages.has("s0") ? "all" : settings.stages.has("p0") ? "sample" : "none";
  const mainData = await prepareDataset({ tag: "m", seed: settings.seed, count: settings.messages, partitions: settings.partitions, raw, log });
  log(`data ready: values ${(mainData.valueBytes / mainData.count).toFixed(0)} B, bodies ${(mainData.bodyBytes / mainData.count).toFixed(0)} B on average`);

  let stack: Stack | null = null;
  const workerPid = () => {
    const child = stack?.workers[0]?.child.pid;
    return child ? [tsxScriptPid(child)] : [];
  };
  const sampler = new ProcSampler([
    { name: "worker", pids: workerPid },
    {
      name: "web",
      pids: () => {
        const web = childrenOf(process.pid).filter((p) => /next/.test(readText(`/proc/${p}/cmdline`) ?? ""));
        return [...web, ...web.flatMap(descendants)];
      },
    },
    {
      name: "tsx+esbuild",
      pids: () =>
        (stack?.workers ?? []).flatMap((w) => {
          const tsx = w.child.pid;
          return tsx ? [tsx, ...descendants(tsx)].filter((p) => p !== tsxScriptPid(tsx)) : [];
        }),
    },
    // the bench process and its own esbuild service (tsx)
    { name: "bench", pids: () => [process.pid, ...childrenOf(process.pid).filter((p) => readText(`/proc/${p}/comm`)?.trim() === "esbuild")] },
    { name: "es", pids: () => (esInfo.pid ? [esInfo.pid] : []) },
    { name: "kafka", pids: () => kafkaPids },
    { name: "postgres", pids: () => pidsByComm("postgres") },
    { name: "redis", pids: () => pidsByComm("redis-server") },
  ]);
  sampler.start();
  const ctx: BenchContext = { settings, es, warm, main: mainData, sampler, log };
  const results: BenchResults = {
    mode,
    startedAt: new Date(started).toISOString(),
    seconds: 0,
    machine: m,
    versions: versions(kafkaPids, esInfo),
    services: { kafka: SERVICES.kafkaBrokers.join(","), elasticsearch: SERVICES.elasticsearchUrl },
    settings: {
      seed: settings.seed,
      partitions: settings.partitions,
      warmup: settings.warmup,
      messages: settings.messages,
      repeats: settings.repeats,
      naiveMessages: settings.naiveMessages,
      sinkSweepDocs: settings.sinkSweepDocs,
      profile: settings.profile,
      delivery: { ...(TaskConfigBase.shape.delivery.parse(undefined) as Record<string, number>), ...(settings.delivery ?? {}) },
      workerConsumer: WORKER_CONSUMER,
      workerEnv: `the worker's defaults (${envText(WORKER_DEFAULTS)})${settings.workerEnv ? `, with ${envText(settings.workerEnv)}` : ""}`,
      workerNodeOptions: settings.workerNodeOptions,
      workerForm: settings.workerFromSource
        ? "from source (node --import tsx src/main.ts)"
        : `esbuild bundle, launched by apps/worker/bin/outflow-worker (node ${settings.workerNodeOptions || WORKER_DEFAULT_NODE_FLAGS} dist/main.js)`,
    },
    note: settings.note,
    git: gitState(),
    experiment: experimentOf(settings),
    data: { warm: facts(warm), main: facts(mainData) },
    idleWorkerRss: null,
    errors: [],
  };
  const profileDir = join(ROOT, "bench/out", `prof-${Date.now()}`);
  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      const msg = `${name}: ${(err as Error).stack ?? err}`;
      log(`FAILED ${msg}`);
      results.errors.push(`${name}: ${(err as Error).message}`);
      return undefined;
    }
  };

  try {
    if (settings.stages.has("s")) {
      results.sink = await attempt("S", () => runSink(ctx));
    }
    if (settings.stages.has("s0")) {
      results.sinkRaw = await attempt("S0", () => runSinkRaw(ctx, results.sink?.best ?? null));
      // P0 compares only a sample with them: let the bench process drop the rest.
      if (mainData.raw instanceof DocStore) {
        mainData.raw = settings.stages.has("p0") ? mainData.raw.sample() : null;
      }
    }
    if (settings.stages.has("k")) {
      results.source = await attempt("K", () => runSource(ctx));
    }
    if (settings.stages.has("n")) {
      results.naive = await attempt("N", () => runNaive(ctx));
    }
    if (needsStack) {
      log("starting the Outflow stack (own database, Redis prefix, web app, one worker)");
      const nodeOptions = [process.env.NODE_OPTIONS ?? ""];
      if (settings.profile) {
        mkdirSync(profileDir, { recursive: true });
        nodeOptions.push(`--cpu-prof --cpu-prof-dir=${profileDir}`);
      }
      // Where latency goes inside the worker (fetch, queue, write, commit), logged every second: see stage-log.ts.
      const workerEnv: Record<string, string> = { STAGE_TIMES_EVERY_MS: String(STAGE_WINDOW_MS), ...(settings.workerEnv ?? {}) };
      if (settings.workerNodeOptions) {
        // The bundle's launcher puts its default heap flags on node's command line; WORKER_NODE_FLAGS replaces them
        // (and may hold V8 flags NODE_OPTIONS refuses, such as --single-threaded-gc). From source, NODE_OPTIONS.
        workerEnv.WORKER_NODE_FLAGS = settings.workerNodeOptions;
        if (settings.workerFromSource) {
          nodeOptions.push(settings.workerNodeOptions);
        }
      }
      workerEnv.NODE_OPTIONS = nodeOptions.join(" ").trim();
      if (settings.workerFromSource) {
        delete process.env.OUTFLOW_WORKER_BUNDLE;
      } else if (settings.workerBundle) {
        // Another build's bundle in the launcher's place; the current sources' is built again when the run ends.
        log(`running the worker bundle ${settings.workerBundle}`);
        copyFileSync(settings.workerBundle, WORKER_BUNDLE);
        process.env.OUTFLOW_WORKER_BUNDLE = "1";
      } else {
        // The production form: the esbuild bundle (what `npm start` runs), built from the current sources.
        buildWorker();
        process.env.OUTFLOW_WORKER_BUNDLE = "1";
      }
      // The worker's own lease and reconcile intervals, as users run it (the test Stack shortens them by default).
      stack = await Stack.start({ workers: 1, workerEnv, testTimings: false });
      const workerLog = createWriteStream(join(ROOT, "bench/out", `worker-${mode}-${results.startedAt.replace(/[:.]/g, "-")}.log`));
      for (const w of stack.workers) {
        w.child.stdout?.on("data", (d: Buffer) => workerLog.write(d));
        w.child.stderr?.on("data", (d: Buffer) => workerLog.write(d));
      }
      const worker = stack.workers[0];
      const stageLog = new StageLog();
      stageLog.follow(worker?.child.stdout);
      const env: OutflowEnv = {
        stageLog,
        outflow: await Outflow.connect(stack.api),
        assertWorkerAlive: () => {
          if (worker && (worker.child.exitCode !== null || worker.child.signalCode !== null)) {
            throw new Error(`the worker exited (${worker.child.exitCode ?? worker.child.signalCode}): ${worker.logs.join("").slice(-1500)}`);
          }
        },
      };
      await new Promise((r) => setTimeout(r, 3_000));
      results.idleWorkerRss = workerPid().reduce((n, p) => n + rssBytes(p), 0) || null;
      for (const p of workerPid()) {
        log(`worker process: pid ${p}: ${(readText(`/proc/${p}/cmdline`) ?? "").replace(/\0/g, " ").trim().slice(0, 160)}`);
      }
      const which = (["P", "P0"] as const).filter((v) => settings.stages.has(v.toLowerCase() as "p"));
      if (which.length > 0) {
        const o = await attempt(which.join("+"), () => runOutflow(ctx, env, which));
        results.outflow = o?.P;
        results.outflowRaw = o?.P0;
        for (const e of o?.errors ?? []) {
          log(`FAILED ${e.name}: ${e.error.stack ?? e.error}`);
          results.errors.push(`${e.name}: ${e.error.message}`);
        }
      }
      // The pre-rendered documents are no longer needed: let the bench process shrink before latency is measured.
      mainData.docs.release();
      warm.docs.release();
      mainData.raw = null;
      const pRate = results.outflow?.rate.median ?? settings.pRate;
      if (settings.stages.has("latency")) {
        if (pRate) {
          results.latency = await attempt("latency", () => runLatency(ctx, env, pRate));
        } else {
          results.errors.push("latency: needs P's rate (run stage p, or give --p-rate)");
        }
      }
      if (settings.stages.has("memory")) {
        results.memory = await attempt("memory", () => runManyTasks(ctx, env));
      }
    }
  } finally {
    sampler.stop();
    if (stack) {
      log("stopping the stack");
      await stack.stop().catch((err: Error) => log(`stack stop: ${err.message}`));
    }
    if (settings.workerBundle && !settings.workerFromSource) {
      buildWorker();
    }
    await deleteIndices(es, "bench-*").catch(() => {});
    if (settings.dropTopics) {
      await deleteTopics([warm.topic, mainData.topic]).catch(() => {});
    }
    await es.close();
  }

  if (settings.profile) {
    const file = existsSync(profileDir) ? largestProfile(profileDir) : null;
    if (file) {
      results.profile = summarizeProfile(file);
      console.log(`${formatProfile(results.profile)}\n`);
    } else {
      results.errors.push(`profile: no .cpuprofile written in ${profileDir}`);
    }
  }
  results.seconds = (Date.now() - started) / 1000;
  console.log(textReport(results));
  const json = saveJson(join(ROOT, "bench/out"), results);
  log(`results: ${json}`);
  if (settings.writeReport && !results.experiment) {
    log(`updated ${updateBenchmarksMd(ROOT, results)}`);
  }
  if (settings.profile && !results.profile) {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.stack ?? err);
    process.exit(1);
  },
);
