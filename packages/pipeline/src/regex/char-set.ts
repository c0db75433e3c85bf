/**
 * Sets of Unicode code points for the regex engine: sorted inclusive ranges, the predefined classes (\d \w \s, line
 * terminators), simple case folding for the `i` flag, and a compiled form with an ASCII bitmap for the matcher.
 */

/** Sorted, non-overlapping, non-adjacent inclusive ranges, flattened: [lo0, hi0, lo1, hi1, …]. */
export type RangeSet = readonly number[];

export const MAX_CODE_POINT = 0x10ffff;

export const EMPTY_SET: RangeSet = [];
export const ALL_SET: RangeSet = [0, MAX_CODE_POINT];
export const DIGIT_SET: RangeSet = [0x30, 0x39];
export const WORD_SET: RangeSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
/** JavaScript's \s: WhiteSpace and LineTerminator. */
export const SPACE_SET: RangeSet = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];
/** What `.` (without the s flag), `^` and `$` (with the m flag) treat as line ends, as JavaScript does. */
export const LINE_TERMINATOR_SET: RangeSet = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];

export function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** [A-Za-z0-9_]; with the i flag JavaScript also counts U+017F (ſ) and U+212A (Kelvin sign), which fold onto s and k. */
export function isWordChar(c: number, ignoreCase: boolean): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
  }
  return ignoreCase && (c === 0x17f || c === 0x212a);
}

/** Sorts and merges arbitrary [lo, hi] pairs. */
export function normalizeRanges(pairs: readonly number[]): RangeSet {
  const n = pairs.length >> 1;
  if (n === 0) {
    return EMPTY_SET;
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    order.push(i);
  }
  order.sort((x, y) => (pairs[2 * x] ?? 0) - (pairs[2 * y] ?? 0));
  const out: number[] = [];
  for (const i of order) {
    const lo = pairs[2 * i] ?? 0;
    const hi = pairs[2 * i + 1] ?? 0;
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] ?? 0) + 1) {
      if (hi > (out[last] ?? 0)) {
        out[last] = hi;
      }
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

export function complementRanges(a: RangeSet): RangeSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < a.length; i += 2) {
    const lo = a[i] ?? 0;
    const hi = a[i + 1] ?? 0;
    if (lo > next) {
      out.push(next, lo - 1);
    }
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) {
    out.push(next, MAX_CODE_POINT);
  }
  return out;
}

export function rangesContain(a: RangeSet, c: number): boolean {
  let lo = 0;
  let hi = (a.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (c < (a[2 * mid] ?? 0)) {
      hi = mid - 1;
    } else if (c > (a[2 * mid + 1] ?? 0)) {
      lo = mid + 1;
    } else {
      return true;
    }
  }
  return false;
}

export function rangesSize(a: RangeSet): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 2) {
    n += (a[i + 1] ?? 0) - (a[i] ?? 0) + 1;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------------
// Simple case folding (the i flag). JavaScript's /iu compares simple case folds (CaseFolding.txt, status C and S). The
// equivalence classes are derived from toUpperCase/toLowerCase, which agree with simple case folding for every code
// point except U+0131 (dotless i, which only folds in Turkic locales). Only the blocks that hold cased letters are
// scanned (built lazily, ~5 ms, only when a non-ASCII character meets the i flag).

const CASED_BLOCKS: readonly number[] = [
  0x0, 0x5ff, 0x1080, 0x10ff, 0x1380, 0x13ff, 0x1c80, 0x1fff, 0x2100, 0x21ff, 0x2480, 0x24ff, 0x2c00, 0x2d7f, 0xa600, 0xa7ff, 0xab00, 0xabff, 0xff00, 0xff7f,
  0x10400, 0x105ff, 0x10c80, 0x10dff, 0x11880, 0x118ff, 0x16e00, 0x16eff, 0x1e900, 0x1e97f,
];

function singleCodePoint(s: string): number {
  const c = s.codePointAt(0);
  if (c === undefined || s.length !== (c > 0xffff ? 2 : 1)) {
    return -1;
  }
  return c;
}

function foldKey(cp: number): number {
  if (cp === 0x131) {
    return cp;
  }
  const upper = singleCodePoint(String.fromCodePoint(cp).toUpperCase());
  const u = upper < 0 ? cp : upper;
  const lower = singleCodePoint(String.fromCodePoint(u).toLowerCase());
  return lower < 0 ? u : lower;
}

type FoldTable = { orbits: Map<number, readonly number[]>; cased: Int32Array };
let foldTable: FoldTable | undefined;

function getFoldTable(): FoldTable {
  if (foldTable) {
    return foldTable;
  }
  const groups = new Map<number, number[]>();
  for (let b = 0; b < CASED_BLOCKS.length; b += 2) {
    const end = CASED_BLOCKS[b + 1] ?? 0;
    for (let cp = CASED_BLOCKS[b] ?? 0; cp <= end; cp++) {
      const k = foldKey(cp);
      if (k !== cp) {
        const g = groups.get(k);
        if (g) {
          g.push(cp);
        } else {
          groups.set(k, [k, cp]);
        }
      }
    }
  }
  const orbits = new Map<number, readonly number[]>();
  for (const g of groups.values()) {
    const members = [...new Set(g)].sort((x, y) => x - y);
    for (const c of members) {
      orbits.set(c, members);
    }
  }
  const cased = Int32Array.from([...orbits.keys()].sort((x, y) => x - y));
  foldTable = { orbits, cased };
  return foldTable;
}

/** ASCII letters fold among themselves, plus k ~ U+212A (Kelvin sign) and s ~ U+017F (long s). */
function asciiOrbit(c: number): readonly number[] {
  const lower = c | 0x20;
  if (lower === 0x6b) {
    return [0x4b, 0x6b, 0x212a];
  }
  if (lower === 0x73) {
    return [0x53, 0x73, 0x17f];
  }
  if (lower >= 0x61 && lower <= 0x7a) {
    return [lower - 0x20, lower];
  }
  return [c];
}

/** All code points that match `c` under the i flag (including `c`), sorted. */
export function caseOrbit(c: number): readonly number[] {
  if (c < 0x80) {
    return asciiOrbit(c);
  }
  return getFoldTable().orbits.get(c) ?? [c];
}

/** Closes a set under simple case folding, so that a code point matches iff its case fold does. */
export function caseClosure(set: RangeSet): RangeSet {
  if (set.length === 0) {
    return set;
  }
  const extra: number[] = [];
  if ((set[set.length - 1] ?? 0) < 0x80) {
    for (let i = 0; i < set.length; i += 2) {
      for (let c = set[i] ?? 0; c <= (set[i + 1] ?? -1); c++) {
        for (const o of asciiOrbit(c)) {
          extra.push(o, o);
        }
      }
    }
    return normalizeRanges([...set, ...extra]);
  }
  const { orbits, cased } = getFoldTable();
  let j = 0;
  for (let i = 0; i < set.length && j < cased.length; i += 2) {
    const lo = set[i] ?? 0;
    const hi = set[i + 1] ?? 0;
    while (j < cased.length && (cased[j] ?? 0) < lo) {
      j++;
    }
    while (j < cased.length && (cased[j] ?? 0) <= hi) {
      for (const o of orbits.get(cased[j] ?? 0) ?? []) {
        extra.push(o, o);
      }
      j++;
    }
  }
  return extra.length === 0 ? set : normalizeRanges([...set, ...extra]);
}

// ---------------------------------------------------------------------------------------------------------------------

/** A set ready for matching: an ASCII bitmap and, above ASCII, a binary search over the ranges. */
export class CharSet {
  readonly ranges: RangeSet;
  readonly ascii = new Uint32Array(4);
  private readonly hiRanges: Int32Array;
  private readonly hasHi: boolean;

  constructor(ranges: RangeSet) {
    this.ranges = ranges;
    const hi: number[] = [];
    for (let i = 0; i < ranges.length; i += 2) {
      const lo = ranges[i] ?? 0;
      const h = ranges[i + 1] ?? 0;
      for (let c = lo; c <= h && c < 0x80; c++) {
        this.ascii[c >> 5] = (this.ascii[c >> 5] ?? 0) | (1 << (c & 31));
      }
      if (h >= 0x80) {
        hi.push(Math.max(lo, 0x80), h);
      }
    }
    this.hiRanges = Int32Array.from(hi);
    this.hasHi = hi.length > 0;
  }

  has(c: number): boolean {
    if (c < 0x80) {
      return ((this.ascii[c >> 5] ?? 0) & (1 << (c & 31))) !== 0;
    }
    if (!this.hasHi) {
      return false;
    }
    const r = this.hiRanges;
    let lo = 0;
    let hi = (r.length >> 1) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (c < (r[2 * mid] ?? 0)) {
        hi = mid - 1;
      } else if (c > (r[2 * mid + 1] ?? 0)) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** How many ASCII code points are in the set (to judge whether it is worth using as a search prefilter). */
  asciiCount(): number {
    let n = 0;
    for (const w of this.ascii) {
      let x = w;
      while (x !== 0) {
        x &= x - 1;
        n++;
      }
    }
    return n;
  }
}
