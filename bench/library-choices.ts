/**
 * Why the pipeline has its own regex engine and date formats: each against what is at hand, on one core, no
 * services. Regex: ours vs V8's backtracking RegExp and V8's linear engine (the `l` flag, only behind
 * --enable-experimental-regexp-engine; run `node --enable-experimental-regexp-engine --import tsx bench/library-choices.ts`
 * to include it). Dates: formatting and parsing a Java-style pattern in a zone, ours vs Intl.DateTimeFormat and
 * Luxon (in node_modules through cron-parser). Prints µs per call (median of rounds).
 * `npx tsx bench/library-choices.ts`
 */
import { compileDatePattern } from "@outflow/pipeline/date-format";
import { compileSafeRegex } from "@outflow/pipeline/regex/safe-regex";
import { compileTimeZone } from "@outflow/pipeline/time-zone";

// Luxon ships no types: the two calls used here. (It is not a dependency of ours; cron-parser brings it.)
type LuxonDateTime = { toFormat(format: string): string };
const luxon = "luxon";
const { DateTime } = (await import(luxon)) as {
  DateTime: {
    fromMillis(ms: number, opts: { zone: string }): LuxonDateTime;
    fromFormat(text: string, format: string, opts: { zone: string }): LuxonDateTime;
  };
};

function time(n: number, f: () => unknown, rounds = 7): number {
  const per: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) {
      sink += f() ? 1 : 0;
    }
    per.push(Number(process.hrtime.bigint() - t) / 1000 / n);
  }
  if (sink < 0) {
    throw new Error("unreachable");
  }
  per.sort((a, b) => a - b);
  return per[per.length >> 1] ?? 0;
}

function linearRegExp(p: string): RegExp | null {
  try {
    return new RegExp(p, "l");
  } catch {
    return null;
  }
}

const fmt = (us: number) => (us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : `${us.toFixed(2)} µs`);

console.log("# regex: typical log-line patterns (µs per exec)");
const line = '2024-05-01T12:00:00Z level=info user_id=12345 path=/api/v1/orders duration_ms=42 status=200 msg="order created"';
for (const p of ["user_id=(\\d+)", "status=(?<status>[0-9]{3})", '\\bmsg="([^"]*)"', "(?<k>\\w+)=(?<v>\\S+)$", "ERROR|WARN"]) {
  const ours = compileSafeRegex(p);
  if (!ours.ok) {
    throw new Error(ours.reason);
  }
  const js = new RegExp(p, "u");
  const lin = linearRegExp(p);
  const row = [`ours ${fmt(time(50_000, () => ours.regex.exec(line)))}`, `RegExp ${fmt(time(50_000, () => js.exec(line)))}`];
  if (lin) {
    row.push(`RegExp/l ${fmt(time(50_000, () => lin.exec(line)))}`);
  }
  console.log(`${p}: ${row.join(", ")}`);
}

console.log("# regex: (a+)+$ on n a's and a b (ms per test)");
for (const n of [20, 24, 28, 10_000, 100_000]) {
  const input = `${"a".repeat(n)}b`;
  const ours = compileSafeRegex("(a+)+$");
  if (!ours.ok) {
    throw new Error(ours.reason);
  }
  const row = [`ours ${fmt(time(1, () => ours.regex.test(input), 3))}`];
  if (n <= 28) {
    row.push(`RegExp ${fmt(time(1, () => /(a+)+$/.test(input), 1))}`);
  }
  const lin = linearRegExp("(a+)+$");
  if (lin) {
    row.push(`RegExp/l ${fmt(time(1, () => lin.test(input), 3))}`);
  }
  console.log(`n=${n}: ${row.join(", ")}`);
}

console.log("# dates: yyyy-MM-dd'T'HH:mm:ss.SSSXXX in Europe/Berlin (µs per call)");
const zone = compileTimeZone("Europe/Berlin");
const pattern = compileDatePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
const day = compileDatePattern("yyyy.MM.dd");
if (!zone.ok || !pattern.ok || !day.ok) {
  throw new Error("compile");
}
const t0 = Date.UTC(2024, 2, 31, 0, 59, 59, 123);
let k = 0;
const next = () => t0 + (k++ % 100_000) * 37_000;
const intl = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  fractionalSecondDigits: 3,
  hourCycle: "h23",
  timeZoneName: "longOffset",
});
console.log(`format: ours ${fmt(time(100_000, () => pattern.pattern.format(next(), zone.zone)))}`);
console.log(`format: Intl.DateTimeFormat.formatToParts ${fmt(time(100_000, () => intl.formatToParts(next())))} (parts still to be assembled)`);
console.log(
  `format: Luxon toFormat ${fmt(time(100_000, () => DateTime.fromMillis(next(), { zone: "Europe/Berlin" }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZZ")))}`,
);
console.log(`index suffix yyyy.MM.dd: ours ${fmt(time(100_000, () => day.pattern.format(next(), zone.zone)))}`);
console.log(`index suffix yyyy.MM.dd: Luxon ${fmt(time(100_000, () => DateTime.fromMillis(next(), { zone: "Europe/Berlin" }).toFormat("yyyy.MM.dd")))}`);
const texts = Array.from({ length: 1000 }, (_, i) => pattern.pattern.format(t0 + i * 3_700_000, zone.zone));
let j = 0;
console.log(`parse: ours ${fmt(time(100_000, () => pattern.pattern.parse(texts[j++ % 1000], zone.zone)))}`);
console.log(
  `parse: Luxon fromFormat ${fmt(time(100_000, () => DateTime.fromFormat(texts[j++ % 1000] as string, "yyyy-MM-dd'T'HH:mm:ss.SSSZZ", { zone: "Europe/Berlin" })))}`,
);
