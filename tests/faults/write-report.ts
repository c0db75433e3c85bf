// Writes the figures table of RELIABILITY.md from .outflow/fault-results.jsonl (the latest run of each scenario).
// usage: npx tsx tests/faults/write-report.ts      (after npm run test:faults)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");
const results = join(root, ".outflow/fault-results.jsonl");
const target = join(root, "RELIABILITY.md");
if (!existsSync(results)) {
  console.error("no .outflow/fault-results.jsonl: run npm run test:faults first");
  process.exit(1);
}
type Row = Record<string, unknown> & { scenario: string; at: string; profile: string };
const latest = new Map<string, Row>();
for (const line of readFileSync(results, "utf8").split("\n").filter(Boolean)) {
  const row = JSON.parse(line) as Row;
  const prev = latest.get(row.scenario);
  // a full run beats a short one; otherwise the newest wins
  if (!prev || (prev.profile !== "full" && row.profile === "full") || (prev.profile === row.profile && row.at > prev.at)) {
    latest.set(row.scenario, row);
  }
}
const cell = (v: unknown) => (v === undefined ? "" : typeof v === "object" ? `\`${JSON.stringify(v)}\`` : String(v)).replace(/\|/g, "\\|");
const known = ["scenario", "at", "profile", "messages", "faults", "lost", "duplicates", "reconciliation", "timeline"];
type Reconciled = { committedSpan?: number; settled?: number; balanced?: boolean };
/** The ledger of a run: committed offsets read from Kafka against the messages counted as settled, over its partitions. */
function ledger(rec: unknown): string {
  if (!Array.isArray(rec) || rec.length === 0) {
    return "";
  }
  const rows = rec as Reconciled[];
  if (rows.some((r) => r.committedSpan === undefined)) {
    return "not recorded";
  }
  const span = rows.reduce((n, r) => n + (r.committedSpan ?? 0), 0);
  const settled = rows.reduce((n, r) => n + (r.settled ?? 0), 0);
  const off = rows.filter((r) => !r.balanced).length;
  return off === 0
    ? `balanced on ${rows.length} partitions: ${span.toLocaleString("en-US")} committed = ${settled.toLocaleString("en-US")} counted`
    : `${off} of ${rows.length} partitions off: ${span.toLocaleString("en-US")} committed, ${settled.toLocaleString("en-US")} counted`;
}
const lines = [
  "| Scenario | Run | Messages | Faults injected | Lost | Duplicates (rewrites) | Ledger (Kafka's committed offsets against the counters) | Other figures |",
  "|---|---|---|---|---|---|---|---|",
  ...[...latest.values()]
    .sort((a, b) => a.scenario.localeCompare(b.scenario))
    .map((r) => {
      const other = Object.entries(r)
        .filter(([k]) => !known.includes(k))
        .map(([k, v]) => `${k}: ${cell(v)}`)
        .join("; ");
      return `| ${r.scenario} | ${r.profile}, ${r.at.slice(0, 16).replace("T", " ")} | ${cell(r.messages)} | ${cell(r.faults)} | ${cell(r.lost)} | ${cell(r.duplicates)} | ${ledger(r.reconciliation)} | ${other} |`;
    }),
];
const doc = readFileSync(target, "utf8");
const start = "<!-- figures:start -->";
const end = "<!-- figures:end -->";
const next = doc.replace(new RegExp(`${start}[\\s\\S]*${end}`), `${start}\n${lines.join("\n")}\n${end}`);
writeFileSync(target, next);
console.log(`RELIABILITY.md: ${latest.size} scenarios`);
