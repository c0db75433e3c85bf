import { describe, expect, it } from "vitest";
import { CharSet, caseClosure, caseOrbit, complementRanges, normalizeRanges, rangesContain } from "./char-set";

const esc = (c: number): string => `\\u{${c.toString(16)}}`;

describe("case folding", () => {
  it("agrees with RegExp /iu on every code point of the cased blocks (both ways)", () => {
    const blocks = [
      [0x0, 0x5ff],
      [0x1c80, 0x1fff],
      [0x2100, 0x21ff],
      [0x2c00, 0x2d7f],
      [0xa640, 0xa7ff],
      [0xab70, 0xabbf],
      [0xff00, 0xff7f],
      [0x10400, 0x104ff],
      [0x1e900, 0x1e95f],
    ];
    for (const [lo = 0, hi = 0] of blocks) {
      for (let c = lo; c <= hi; c++) {
        if (c >= 0xd800 && c <= 0xdfff) {
          continue;
        }
        const orbit = caseOrbit(c);
        const re = new RegExp(`^${esc(c)}$`, "iu");
        for (const o of orbit) {
          expect(re.test(String.fromCodePoint(o)), `${c.toString(16)} ~ ${o.toString(16)}`).toBe(true);
        }
        // Nothing outside the orbit among the obvious candidates.
        const s = String.fromCodePoint(c);
        for (const v of [s.toUpperCase(), s.toLowerCase()]) {
          const d = v.codePointAt(0) ?? -1;
          if (v.length === String.fromCodePoint(d).length && !orbit.includes(d)) {
            expect(re.test(v), `${c.toString(16)} !~ ${d.toString(16)}`).toBe(false);
          }
        }
      }
    }
  });

  it("keeps the special ASCII orbits and the Turkic exception", () => {
    expect(caseOrbit(0x6b)).toEqual([0x4b, 0x6b, 0x212a]);
    expect(caseOrbit(0x53)).toEqual([0x53, 0x73, 0x17f]);
    expect(caseOrbit(0x31)).toEqual([0x31]);
    expect(caseOrbit(0x131)).toEqual([0x131]); // ı does not fold to i
    expect(caseOrbit(0x3c3)).toEqual([0x3a3, 0x3c2, 0x3c3]); // Σ ς σ
  });

  it("closes sets under folding", () => {
    expect(caseClosure([0x61, 0x63])).toEqual([0x41, 0x43, 0x61, 0x63]);
    const greek = caseClosure([0x3b1, 0x3b1]);
    expect(rangesContain(greek, 0x391)).toBe(true);
  });
});

describe("ranges", () => {
  it("normalizes, complements and matches", () => {
    expect(normalizeRanges([5, 9, 1, 3, 4, 4, 20, 30, 25, 26])).toEqual([1, 9, 20, 30]);
    expect(complementRanges([0, 9, 20, 0x10ffff])).toEqual([10, 19]);
    const set = new CharSet([0x30, 0x39, 0x1f600, 0x1f64f]);
    expect(set.has(0x35)).toBe(true);
    expect(set.has(0x41)).toBe(false);
    expect(set.has(0x1f601)).toBe(true);
    expect(set.has(0x1f650)).toBe(false);
    expect(set.asciiCount()).toBe(10);
  });
});
