import { readdirSync, readFileSync } from "node:fs";
import { median } from "./stats";

/**
 * Samples, every second, the resident memory (VmRSS) and CPU time of the processes that share the machine during a
 * benchmark (the worker, Elasticsearch, Kafka, Postgres, ...), and the machine's total CPU use. Windows of samples
 * give each stage's CPU split: the evidence for which process is the bottleneck.
 */

const CLK_TCK = 100; // getconf CLK_TCK on Linux x86-64

/** A named group of processes; `pids` is re-evaluated at every sample (a worker's node child can change). */
export type ProcGroup = { name: string; pids: () => number[] };

type Sample = { t: number; rss: Record<string, number>; ticks: Record<string, number>; busy: number; total: number };

export type ProcWindow = {
  seconds: number;
  /** CPU use per group in % of one core (200 % = both cores of a 2-core machine). */
  cpu: Record<string, number>;
  /** Whole machine, % of one core; `other` = machine − every named group (other people's load, kernel). */
  machine: number;
  other: number;
  rss: Record<string, { peak: number; median: number }>;
};

export function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readText(`/proc/${pid}/status`) ?? "");
  return m ? Number(m[1]) * 1024 : 0;
}

/** utime + stime, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

export function childrenOf(pid: number): number[] {
  const text = readText(`/proc/${pid}/task/${pid}/children`) ?? "";
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}

/**
 * The node process that really runs a script started through `tsx`: the tsx CLI spawns it as a child (with tsx's
 * loader on its command line), next to an esbuild service process. The pid itself when there is no such child.
 */
export function tsxScriptPid(pid: number): number {
  for (const p of descendants(pid)) {
    const cmd = (readText(`/proc/${p}/cmdline`) ?? "").replace(/\0/g, " ");
    if (cmd.includes("tsx/dist/loader") || cmd.includes("tsx/dist/preflight")) {
      return p;
    }
  }
  return pid;
}

export function descendants(pid: number): number[] {
  const out: number[] = [];
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop() as number;
    for (const c of childrenOf(p)) {
      out.push(c);
      todo.push(c);
    }
  }
  return out;
}

/** Every process whose command line contains `needle` (e.g. "kafka.Kafka"). */
export function pidsByCmdline(needle: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) {
      continue;
    }
    const cmd = readText(`/proc/${d}/cmdline`);
    if (cmd?.replace(/\0/g, " ").includes(needle)) {
      out.push(Number(d));
    }
  }
  return out;
}

/** Every process whose name (comm) is exactly `comm` (e.g. "postgres"). */
export function pidsByComm(comm: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (/^\d+$/.test(d) && readText(`/proc/${d}/comm`)?.trim() === comm) {
      out.push(Number(d));
    }
  }
  return out;
}

function machineTicks(): { busy: number; total: number } {
  const line = (readText("/proc/stat") ?? "").split("\n")[0] ?? "";
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}

export class ProcSampler {
  private readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private resolved = new Map<string, { at: number; pids: number[] }>();

  constructor(
    private readonly groups: ProcGroup[],
    private readonly everyMs = 1_000,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Takes one sample now (also call it at a window's edges for exact CPU accounting). */
  sample(): void {
    const rss: Record<string, number> = {};
    const ticks: Record<string, number> = {};
    for (const g of this.groups) {
      const pids = this.pidsOf(g);
      rss[g.name] = pids.reduce((n, p) => n + rssBytes(p), 0);
      ticks[g.name] = pids.reduce((n, p) => n + cpuTicks(p), 0);
    }
    this.samples.push({ t: Date.now(), rss, ticks, ...machineTicks() });
  }

  /** Group pids are cached for 5 s: scanning /proc every second costs the machine we measure. */
  private pidsOf(g: ProcGroup): number[] {
    const hit = this.resolved.get(g.name);
    if (hit && Date.now() - hit.at < 5_000) {
      return hit.pids;
    }
    const pids = g.pids();
    this.resolved.set(g.name, { at: Date.now(), pids });
    return pids;
  }

  /** CPU and memory of the samples taken between t0 and t1 (epoch ms). */
  window(t0: number, t1: number): ProcWindow {
    const inside = this.samples.filter((s) => s.t >= t0 - 50 && s.t <= t1 + 50);
    const first = inside[0];
    const last = inside[inside.length - 1];
    const cpu: Record<string, number> = {};
    const rss: Record<string, { peak: number; median: number }> = {};
    let machine = 0;
    let seconds = 0;
    if (first && last && last.t > first.t) {
      seconds = (last.t - first.t) / 1000;
      const pct = (dTicks: number) => (dTicks / CLK_TCK / seconds) * 100;
      const nCores = (last.total - first.total) / CLK_TCK / seconds; // ≈ cores
      machine = ((last.busy - first.busy) / (last.total - first.total)) * nCores * 100;
      for (const g of this.groups) {
        // A group whose process changed (restart) counts only positive differences.
        cpu[g.name] = Math.max(0, pct((last.ticks[g.name] ?? 0) - (first.ticks[g.name] ?? 0)));
      }
    }
    for (const g of this.groups) {
      const values = inside.map((s) => s.rss[g.name] ?? 0).filter((v) => v > 0);
      rss[g.name] = { peak: values.length ? Math.max(...values) : 0, median: values.length ? median(values) : 0 };
    }
    const named = Object.values(cpu).reduce((a, b) => a + b, 0);
    return { seconds, cpu, machine, other: Math.max(0, machine - named), rss };
  }
}
