/**
 * Timing figures (printed, not asserted): the engine must stay linear where JavaScript's RegExp backtracks
 * exponentially, and grok on a typical log line should take microseconds.
 */
import { describe, expect, it } from "vitest";
import { compileGrok, GROK_PRESETS } from "./grok";
import { compileSafeRegex, compileSafeRegexWithLimits, type SafeRegex, type SafeRegexImpl } from "./safe-regex";

function regex(p: string, flags = ""): SafeRegex {
  const r = compileSafeRegex(p, flags);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.regex;
}

function impl(p: string): SafeRegexImpl {
  const r = compileSafeRegexWithLimits(p, "", {});
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.regex;
}

/** Median per-call time in microseconds over `rounds` rounds of `n` calls. */
function time(n: number, f: () => void, rounds = 5): number {
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) {
      f();
    }
    per.push(((performance.now() - t) * 1000) / n);
  }
  per.sort((a, b) => a - b);
  return per[per.length >> 1] ?? 0;
}

const log = (...parts: unknown[]): void => {
  console.log("[regex perf]", ...parts);
};

describe("performance", () => {
  it("(a+)+$ on 30,000 a's and a b: times printed (linearity is asserted by counting steps in safe-regex.test.ts)", () => {
    const input = `${"a".repeat(30_000)}b`;
    for (const engine of ["auto", "pike"] as const) {
      const re = impl("(a+)+$");
      re.engine = engine;
      const t0 = performance.now();
      expect(re.test(input)).toBe(false);
      const t1 = performance.now();
      expect(re.exec(input)).toBeNull();
      const t2 = performance.now();
      log(`(a+)+$ vs 30,000 a + b (${engine}): test ${(t1 - t0).toFixed(1)} ms, exec ${(t2 - t1).toFixed(1)} ms`);
    }
    // The same shape on RegExp: every extra 'a' doubles the time, so only tiny inputs finish.
    for (const n of [14, 16, 18, 20]) {
      const s = `${"a".repeat(n)}b`;
      const t = performance.now();
      expect(/(a+)+$/.test(s)).toBe(false);
      log(`  RegExp (a+)+$ vs ${n} a + b: ${(performance.now() - t).toFixed(1)} ms`);
    }
  });

  it("other pathological shapes: times printed", () => {
    for (const [p, input] of [
      ["(a|aa)+$", `${"a".repeat(30_000)}b`],
      ["(a*)*b", "a".repeat(30_000)],
      ["(?:a?){500}a{500}", "a".repeat(500)],
      ["(x+x+)+y", "x".repeat(30_000)],
      ["(.*a){20}", "a".repeat(10_000)],
    ] as const) {
      const re = regex(p);
      const t = performance.now();
      re.exec(input);
      log(`${p} vs ${input.length} chars: ${(performance.now() - t).toFixed(1)} ms`);
    }
  });

  it("grok presets on typical lines", () => {
    const cases: [string, string][] = [
      [
        GROK_PRESETS.nginx_combined,
        '203.0.113.42 - - [10/Oct/2024:13:55:36 +0000] "GET /api/v1/products/12345?include=reviews&sort=desc HTTP/1.1" 200 5120 "https://www.example.com/shop/category/shoes" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"',
      ],
      [GROK_PRESETS.syslog_rfc3164, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"],
      [
        GROK_PRESETS.syslog_rfc5424,
        '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"] An application event log entry...',
      ],
    ];
    for (const [p, line] of cases) {
      const g = compileGrok(p);
      if (!g.ok) {
        throw new Error(g.reason);
      }
      expect(g.grok.parse(line).ok).toBe(true);
      const us = time(2000, () => g.grok.parse(line));
      log(`grok ${p} on a ${line.length}-char line: ${us.toFixed(2)} µs/line`);
    }
  });

  it("simple patterns vs RegExp", () => {
    const line = '2024-05-01T12:00:00Z level=info user_id=12345 path=/api/v1/orders duration_ms=42 status=200 msg="order created"';
    for (const p of ["user_id=(\\d+)", "duration_ms=\\d+", "status=(?<status>[0-9]{3})", '\\bmsg="([^"]*)"', "ERROR|WARN"]) {
      const re = regex(p);
      const js = new RegExp(p, "u");
      const ours = time(20_000, () => re.exec(line));
      const theirs = time(20_000, () => js.exec(line));
      log(`${p}: ${ours.toFixed(2)} µs (RegExp ${theirs.toFixed(2)} µs)`);
    }
  });
});
