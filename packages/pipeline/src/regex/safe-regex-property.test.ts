/**
 * Property tests: random patterns from the supported syntax, random inputs; the engine must agree with JavaScript's
 * RegExp (u flag) on match position, end and every group — including the corner cases of empty loop iterations and
 * captures reset inside repetitions — and its two matchers (backtracker, Pike VM) must agree with each other.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSafeRegexWithLimits, type Match, type SafeRegexImpl } from "./safe-regex";

type Gen = { src: string; atom: boolean };

const leaf: fc.Arbitrary<Gen> = fc.constantFrom(
  ...["a", "b", "A", "k", "s", "é", "😀", "1", " ", "\\.", ".", "[ab]", "[^a]", "[a-c]", "[\\d_]", "[é😀]", "[^\\s]", "\\d", "\\w", "\\s", "\\W", "\\D"].map(
    (src) => ({ src, atom: true }),
  ),
  ...["^", "$", "\\b", "\\B"].map((src) => ({ src, atom: false })),
);
const quantifier = fc.constantFrom("*", "+", "?", "{2}", "{0,2}", "{1,}", "{1,3}", "*?", "+?", "??", "{1,2}?", "{2,}?", "{0}");

const { node } = fc.letrec<{ node: Gen }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => ({ src: xs.map((x) => x.src).join(""), atom: false })),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => ({ src: `(?:${xs.map((x) => x.src).join("|")})`, atom: true })),
    tie("node").map((x) => ({ src: `(${x.src})`, atom: true })),
    tie("node").map((x) => ({ src: `(?<N>${x.src})`, atom: true })),
    fc.tuple(tie("node"), quantifier).map(([x, q]) => ({ src: `${x.atom ? x.src : `(?:${x.src})`}${q}`, atom: false })),
  ),
}));

/** Patterns with unique group names n0, n1, … */
const patternArb = node.map((g) => {
  let n = 0;
  return g.src.replace(/\(\?<N>/g, () => `(?<n${n++}>`);
});
const inputArb = fc.string({ unit: fc.constantFrom("a", "b", "A", "k", "s", "1", " ", "\n", "_", ".", "é", "É", "😀", "\u017f", "\u212a"), maxLength: 14 });
const flagsArb = fc.constantFrom("", "i", "m", "s", "im", "is");
const templateArb = fc.constantFrom("<$&>", "$1", "[$2|$1]", "$<n0>", "$$", "$`", "$'", "$01", "$10", "-");

type Shape = { index: number; end: number; groups: (string | undefined)[] } | null;
const shape = (m: Match | null): Shape => m && { index: m.index, end: m.end, groups: m.groups };
const jsShape = (m: RegExpExecArray | null): Shape => m && { index: m.index, end: m.index + m[0].length, groups: [...m] };

/**
 * V8 deviates from the spec here: with the u flag, an empty match (e.g. \B) can be found between the two halves of a
 * surrogate pair, where the spec (and this engine) only try code-point boundaries. Such cases are skipped.
 */
function splitsPair(s: string, m: Shape): boolean {
  if (m === null) {
    return false;
  }
  const inside = (i: number): boolean => i > 0 && i < s.length && /[\ud800-\udbff]/.test(s[i - 1] ?? "") && /[\udc00-\udfff]/.test(s[i] ?? "");
  return inside(m.index) || inside(m.end);
}

function compile(p: string, flags: string): SafeRegexImpl {
  const r = compileSafeRegexWithLimits(p, flags, {});
  if (!r.ok) {
    throw new Error(`/${p}/${flags} did not compile: ${r.reason}`);
  }
  return r.regex;
}

const ENGINES = ["backtrack", "pike"] as const;

describe("agreement with RegExp on random patterns", () => {
  it("exec from random offsets: index, end and groups", () => {
    fc.assert(
      fc.property(patternArb, inputArb, flagsArb, fc.nat(16), (p, s, flags, rawFrom) => {
        const from = Math.min(rawFrom, s.length);
        // RegExp with the u flag treats a lastIndex inside a surrogate pair specially; stay on code-point boundaries.
        fc.pre(!(from > 0 && from < s.length && /[\ud800-\udbff]/.test(s[from - 1] ?? "")));
        const re = compile(p, flags);
        const js = new RegExp(p, `gu${flags}`);
        js.lastIndex = from;
        const expected = jsShape(js.exec(s));
        fc.pre(!splitsPair(s, expected));
        for (const engine of ENGINES) {
          re.engine = engine;
          expect(shape(re.exec(s, from)), `${engine}: /${p}/${flags}.exec(${JSON.stringify(s)}, ${from})`).toEqual(expected);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it("test, matchAll and replace", () => {
    fc.assert(
      fc.property(patternArb, inputArb, flagsArb, templateArb, (p, s, flags, template) => {
        const re = compile(p, flags);
        const js = new RegExp(p, `u${flags}`);
        const jsAll = new RegExp(p, `gu${flags}`);
        const all = [...s.matchAll(jsAll)].map(jsShape);
        fc.pre(!all.some((m) => splitsPair(s, m)));
        for (const engine of ENGINES) {
          re.engine = engine;
          const what = `${engine}: /${p}/${flags} on ${JSON.stringify(s)}`;
          expect(re.test(s), what).toBe(js.test(s));
          expect(re.matchAll(s).map(shape), what).toEqual(all);
          expect(re.replace(s, template, false), `${what} replace ${template}`).toBe(s.replace(js, template));
          expect(re.replace(s, template, true), `${what} replaceAll ${template}`).toBe(s.replace(jsAll, template));
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it("longer inputs (where the Pike VM and the backtracker take different paths through the search)", () => {
    const longInput = fc.string({ unit: fc.constantFrom("a", "b", " ", "1", "\n"), minLength: 20, maxLength: 200 });
    fc.assert(
      fc.property(patternArb, longInput, flagsArb, (p, s, flags) => {
        const re = compile(p, flags);
        const expected = jsShape(new RegExp(p, `u${flags}`).exec(s));
        for (const engine of ENGINES) {
          re.engine = engine;
          expect(shape(re.exec(s)), `${engine}: /${p}/${flags} on ${JSON.stringify(s)}`).toEqual(expected);
        }
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
