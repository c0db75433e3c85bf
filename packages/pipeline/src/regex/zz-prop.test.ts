import fc from "fast-check";
import { expect, it } from "vitest";
import { compileSafeRegexWithLimits } from "./safe-regex";

type Gen = { src: string; atom: boolean };
const leaf: fc.Arbitrary<Gen> = fc.constantFrom(
  ...["a", "b", "c", "A", "1", " ", "\\.", ".", "[ab]", "[^a]", "[a-c]", "[\\d_]", "\\d", "\\w", "\\s", "\\W", "\\D"].map((src) => ({ src, atom: true })),
  ...["^", "$", "\\b", "\\B"].map((src) => ({ src, atom: false })),
);
const quant = fc.constantFrom("*", "+", "?", "{2}", "{0,2}", "{1,}", "{1,3}", "*?", "+?", "??", "{1,2}?", "{2,}?");
const { node } = fc.letrec<{ node: Gen }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => ({ src: xs.map((x) => x.src).join(""), atom: false })),
    fc.array(tie("node"), { minLength: 2, maxLength: 3 }).map((xs) => ({ src: `(?:${xs.map((x) => x.src).join("|")})`, atom: true })),
    tie("node").map((x) => ({ src: `(${x.src})`, atom: true })),
    tie("node").map((x) => ({ src: `(?<N>${x.src})`, atom: true })),
    fc.tuple(tie("node"), quant).map(([x, q]) => ({ src: `${x.atom ? x.src : `(?:${x.src})`}${q}`, atom: false })),
  ),
}));
const pattern = node.map((g) => {
  let n = 0;
  return g.src.replace(/\(\?<N>/g, () => `(?<n${n++}>`);
});
const input = fc.string({ unit: fc.constantFrom("a", "b", "c", "A", "1", " ", ".", "\n", "_"), maxLength: 12 });
const flags = fc.constantFrom("", "i", "m", "s");

it("agrees with RegExp", () => {
  fc.assert(
    fc.property(pattern, input, flags, (p, s, f) => {
      const r = compileSafeRegexWithLimits(p, f, {});
      if (!r.ok) throw new Error(`${p}: ${r.reason}`);
      const js = new RegExp(p, `u${f}`).exec(s);
      const m = r.regex.exec(s);
      const mine = m && { index: m.index, end: m.end, groups: m.groups };
      const theirs = js && { index: js.index, end: js.index + js[0].length, groups: [...js] };
      expect(mine, `/${p}/${f} on ${JSON.stringify(s)}`).toEqual(theirs);
      r.regex.engine = "pike";
      const pm = r.regex.exec(s);
      r.regex.engine = "auto";
      expect(pm && { index: pm.index, end: pm.end, groups: pm.groups }, `pike /${p}/${f} on ${JSON.stringify(s)}`).toEqual(theirs);
    }),
    { numRuns: 20000 },
  );
}, 600_000);
