import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Summary of a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by code area. */
type CpuNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type CpuProfile = { nodes: CpuNode[]; startTime: number; endTime: number; samples: number[] };

export type ProfileSummary = {
  file: string;
  seconds: number;
  areas: { area: string; pct: number }[];
  top: { fn: string; where: string; pct: number }[];
};

function areaOf(url: string, fn: string): string {
  if (fn === "(idle)") {
    return "idle";
  }
  if (fn === "(garbage collector)") {
    return "GC";
  }
  if (fn === "(program)") {
    return "V8/native (program)";
  }
  const areas: [RegExp, string][] = [
    [/node_modules\/kafkajs/, "kafkajs"],
    [/node_modules\/(@elastic|undici)/, "Elasticsearch client"],
    [/packages\/pipeline/, "pipeline (@outflow/pipeline)"],
    [/apps\/worker/, "worker runner"],
    [/node_modules\/(@prisma|pg|pg-protocol|prisma)/, "Prisma / pg"],
    [/node_modules\/(bullmq|ioredis)/, "BullMQ / ioredis"],
    [/node_modules\/zod/, "zod"],
    [/node_modules\/tsx|node_modules\/esbuild/, "tsx loader"],
    [/^node:/, "Node.js internals"],
  ];
  for (const [re, name] of areas) {
    if (re.test(url)) {
      return name;
    }
  }
  return url ? "other JS" : "builtins (JSON, Buffer, regexp, …)";
}

export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  for (const s of p.samples) {
    hits.set(s, (hits.get(s) ?? 0) + 1);
  }
  const total = p.samples.length || 1;
  const areas = new Map<string, number>();
  const fns = new Map<string, { fn: string; where: string; n: number }>();
  for (const [id, n] of hits) {
    const node = byId.get(id);
    if (!node) {
      continue;
    }
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + n);
    const where = url ? `${url.replace(/^file:\/\/.*?\/(node_modules|packages|apps)\//, "$1/")}:${lineNumber + 1}` : "(native)";
    const key = `${functionName}@${where}`;
    const f = fns.get(key) ?? { fn: functionName || "(anonymous)", where, n: 0 };
    f.n += n;
    fns.set(key, f);
  }
  const pct = (n: number) => Math.round((n / total) * 1000) / 10;
  return {
    file,
    seconds: (p.endTime - p.startTime) / 1e6,
    areas: [...areas.entries()].map(([area, n]) => ({ area, pct: pct(n) })).sort((a, b) => b.pct - a.pct),
    top: [...fns.values()]
      .sort((a, b) => b.n - a.n)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, pct: pct(f.n) })),
  };
}

/** The largest profile in a directory: the worker's node process (the tsx launcher's profile is tiny). */
export function largestProfile(dir: string): string | null {
  let best: { file: string; size: number } | null = null;
  for (const f of readdirSync(dir)) {
    if (f.endsWith(".cpuprofile")) {
      const size = statSync(join(dir, f)).size;
      if (!best || size > best.size) {
        best = { file: join(dir, f), size };
      }
    }
  }
  return best?.file ?? null;
}

export function formatProfile(s: ProfileSummary): string {
  const lines = [`CPU profile of the worker (${s.seconds.toFixed(0)} s, ${s.file})`, "", "By area (self time, % of samples):"];
  for (const a of s.areas) {
    lines.push(`  ${a.pct.toFixed(1).padStart(5)} %  ${a.area}`);
  }
  lines.push("", "Hottest functions (self time):");
  for (const f of s.top) {
    lines.push(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}`);
  }
  return lines.join("\n");
}

// `npx tsx bench/profile.ts <file-or-dir>` summarises an existing profile.
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv[2];
  if (!arg) {
    console.error("usage: npx tsx bench/profile.ts <file.cpuprofile | dir>");
    process.exit(2);
  }
  const file = statSync(arg).isDirectory() ? largestProfile(arg) : arg;
  if (!file) {
    console.error(`no .cpuprofile in ${arg}`);
    process.exit(1);
  }
  console.log(formatProfile(summarizeProfile(file, 40)));
}
