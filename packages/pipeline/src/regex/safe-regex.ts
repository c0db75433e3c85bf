/**
 * compileSafeRegex: user regular expressions without catastrophic backtracking. Parsing and compilation are linear in
 * the pattern, matching is O(program size × input length), so no pattern can stall a worker (the cost still grows
 * with the input: bound what you feed it).
 *
 * Semantics are JavaScript's with the u flag, for every construct both support (property-tested against RegExp):
 * leftmost-first alternation, greedy/lazy quantifiers, captures reset at each iteration of a repetition, an iteration
 * beyond the minimum that matches empty ends the loop (ECMA-262 RepeatMatcher), \w/\b with ſ and K under i, simple
 * case folding for i. Differences:
 * - RegExp (V8) can find an empty match between the two halves of a surrogate pair (e.g. /\B/u after an emoji); this
 *   engine only matches at code-point boundaries, as the spec says.
 * - Accepted here, syntax errors in JavaScript's u mode: (?i) and (?ims-ims) anywhere (to the end of the group), \A,
 *   \z, [[:alpha:]]-style POSIX classes, escaped ASCII punctuation outside classes (\", \-, \#, …), and lone { } ]
 *   as literals (RE2 and non-u JavaScript do the same).
 * - Group names are ASCII identifiers ([A-Za-z_][A-Za-z0-9_]*); the i flag folds only code points in the blocks that
 *   have case (see char-set.ts), per the host's Unicode tables.
 */
import { type Engine, Matcher } from "./matcher";
import { parseRegex } from "./parse";
import { compileProgram, MAX_PROGRAM_SIZE } from "./program";

export const MAX_PATTERN_LENGTH = 2_000;

/**
 * A match. Offsets are UTF-16 code-unit offsets into the input (like RegExp's `index`); `groups` is indexed like a
 * RegExp match array: groups[0] is the whole match and groups[n] is capture group n (undefined if it did not take part).
 */
export type Match = { index: number; end: number; text: string; groups: (string | undefined)[]; named: Record<string, string | undefined> };

export type SafeRegex = {
  source: string;
  /** The effective flags, normalized: a subset of "ims" in that order. */
  flags: string;
  /** Names of the named groups, in order. */
  groupNames: string[];
  /** Whether the pattern matches anywhere in the input (like RegExp.test without the g flag). */
  test(input: string): boolean;
  /** The leftmost-first match starting at or after `from` (a code-unit offset), or null. */
  exec(input: string, from?: number): Match | null;
  /** Replaces the first match (or all, like String.replaceAll) expanding $1, $<name>, $$, $&, $` and $' as JavaScript does. */
  replace(input: string, replacement: string, all: boolean): string;
  /** All non-overlapping matches, like String.matchAll with the g flag (an empty match advances one character). */
  matchAll(input: string): Match[];
};

export type CompileLimits = { maxPatternLength?: number; maxProgramSize?: number };

export type CompileFailure = { ok: false; reason: string; pos?: number; message?: string };

/** The implementation; exported for grok and tests (engine override, slot access), not part of the public API. */
export class SafeRegexImpl implements SafeRegex {
  readonly groupNames: string[];
  private readonly matcher: Matcher;
  private readonly slots: Int32Array;
  private readonly namedGroups: Map<string, number>;
  /** Engine override, for tests that compare the two matchers. */
  engine: Engine = "auto";

  constructor(
    readonly source: string,
    readonly flags: string,
    matcher: Matcher,
    groupNames: string[],
    namedGroups: Map<string, number>,
  ) {
    this.matcher = matcher;
    this.groupNames = groupNames;
    this.namedGroups = namedGroups;
    this.slots = new Int32Array(matcher.prog.slotCount);
  }

  /** Capture group number of a named group. */
  groupIndex(name: string): number | undefined {
    return this.namedGroups.get(name);
  }

  /** Searches from offset 0 and returns every capture slot (-1 = unset), or null; the array is reused by the next call. */
  searchSlots(input: string): Int32Array | null {
    return this.find(input, 0, this.slots.length) ? this.slots : null;
  }

  test(input: string): boolean {
    return this.matcher.search(input, 0, this.slots, 0, this.engine);
  }

  /** Internal: searches and leaves the capture slots in this.slots. */
  private find(input: string, from: number, nslots: number): boolean {
    if (from > input.length) {
      return false;
    }
    return this.matcher.search(input, from, this.slots, nslots, this.engine);
  }

  exec(input: string, from = 0): Match | null {
    const start = Math.max(0, Math.trunc(Number.isFinite(from) ? from : 0));
    if (!this.find(input, start, this.slots.length)) {
      return null;
    }
    return this.toMatch(input);
  }

  private toMatch(input: string): Match {
    const slots = this.slots;
    const groups: (string | undefined)[] = [];
    for (let k = 0; k < slots.length; k += 2) {
      const s = slots[k] as number;
      const e = slots[k + 1] as number;
      groups.push(s >= 0 && e >= 0 ? input.slice(s, e) : undefined);
    }
    const named: Record<string, string | undefined> = Object.create(null);
    for (const [name, idx] of this.namedGroups) {
      named[name] = groups[idx];
    }
    const index = slots[0] as number;
    const end = slots[1] as number;
    return { index, end, text: groups[0] ?? "", groups, named };
  }

  matchAll(input: string): Match[] {
    const out: Match[] = [];
    let pos = 0;
    while (pos <= input.length && this.find(input, pos, this.slots.length)) {
      const m = this.toMatch(input);
      out.push(m);
      pos = m.end === m.index ? advance(input, m.end) : m.end;
    }
    return out;
  }

  replace(input: string, replacement: string, all: boolean): string {
    const simple = !replacement.includes("$");
    const nslots = simple ? 2 : this.slots.length;
    let out = "";
    let last = 0;
    let pos = 0;
    while (pos <= input.length && this.find(input, pos, nslots)) {
      const index = this.slots[0] as number;
      const end = this.slots[1] as number;
      out += input.slice(last, index);
      out += simple ? replacement : this.substitute(input, replacement);
      last = end;
      if (!all) {
        break;
      }
      pos = end === index ? advance(input, end) : end;
    }
    return last === 0 && out === "" ? input : out + input.slice(last);
  }

  /** GetSubstitution (ECMA-262 §22.1.3.19.1) for the match in this.slots. */
  private substitute(input: string, template: string): string {
    const slots = this.slots;
    const groupCount = (slots.length >> 1) - 1;
    const group = (n: number): string => {
      const s = slots[2 * n] as number;
      const e = slots[2 * n + 1] as number;
      return s >= 0 && e >= 0 ? input.slice(s, e) : "";
    };
    let out = "";
    let i = 0;
    while (i < template.length) {
      const d = template.indexOf("$", i);
      if (d < 0 || d + 1 >= template.length) {
        out += template.slice(i);
        break;
      }
      out += template.slice(i, d);
      const c = template.charCodeAt(d + 1);
      if (c === 0x24 /* $ */) {
        out += "$";
        i = d + 2;
      } else if (c === 0x26 /* & */) {
        out += group(0);
        i = d + 2;
      } else if (c === 0x60 /* ` */) {
        out += input.slice(0, slots[0] as number);
        i = d + 2;
      } else if (c === 0x27 /* ' */) {
        out += input.slice(slots[1] as number);
        i = d + 2;
      } else if (c >= 0x30 && c <= 0x39) {
        const c2 = template.charCodeAt(d + 2);
        const two = c2 >= 0x30 && c2 <= 0x39 ? (c - 0x30) * 10 + (c2 - 0x30) : -1;
        if (two >= 1 && two <= groupCount) {
          out += group(two);
          i = d + 3;
        } else if (c - 0x30 >= 1 && c - 0x30 <= groupCount) {
          out += group(c - 0x30);
          i = d + 2;
        } else {
          out += "$";
          i = d + 1;
        }
      } else if (c === 0x3c /* < */ && this.namedGroups.size > 0) {
        const close = template.indexOf(">", d + 2);
        if (close < 0) {
          out += "$<";
          i = d + 2;
        } else {
          const idx = this.namedGroups.get(template.slice(d + 2, close));
          out += idx === undefined ? "" : group(idx);
          i = close + 1;
        }
      } else {
        out += "$";
        i = d + 1;
      }
    }
    return out;
  }
}

function advance(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      return i + 2;
    }
  }
  return i + 1;
}

function normalizeFlags(flags: string): { ok: true; i: boolean; m: boolean; s: boolean } | { ok: false; reason: string } {
  const seen = new Set<string>();
  for (const f of flags) {
    if (seen.has(f)) {
      return { ok: false, reason: `duplicate flag '${f}'` };
    }
    seen.add(f);
    if (!"imsgu".includes(f)) {
      return { ok: false, reason: `unsupported flag '${f}' (supported: i, m, s; g and u are accepted and have no effect)` };
    }
  }
  return { ok: true, i: seen.has("i"), m: seen.has("m"), s: seen.has("s") };
}

/** Compiles with explicit limits (grok compiles long generated patterns); `pos` locates parse errors in `pattern`. */
export function compileSafeRegexWithLimits(pattern: string, flags: string, limits: CompileLimits): { ok: true; regex: SafeRegexImpl } | CompileFailure {
  const maxLength = limits.maxPatternLength ?? MAX_PATTERN_LENGTH;
  if (pattern.length > maxLength) {
    return { ok: false, reason: `pattern is longer than ${maxLength} characters` };
  }
  const f = normalizeFlags(flags);
  if (!f.ok) {
    return { ok: false, reason: f.reason };
  }
  const parsed = parseRegex(pattern, f);
  if (!parsed.ok) {
    return { ok: false, reason: parsed.error.message, pos: parsed.error.pos, message: parsed.error.message };
  }
  const compiled = compileProgram(parsed.ast, limits.maxProgramSize ?? MAX_PROGRAM_SIZE);
  if (!compiled.ok) {
    return { ok: false, reason: compiled.error.message, pos: compiled.error.pos, message: compiled.error.message };
  }
  const normalized = `${f.i ? "i" : ""}${f.m ? "m" : ""}${f.s ? "s" : ""}`;
  const { groupNames, namedGroups } = parsed.ast;
  return { ok: true, regex: new SafeRegexImpl(pattern, normalized, new Matcher(compiled.program), groupNames, namedGroups) };
}

/**
 * Compiles a user regular expression (RE2-style syntax, JavaScript semantics for the supported subset). Never throws:
 * unsupported constructs (backreferences, lookaround, possessive/atomic, …) and over-limit patterns give a reason.
 */
export function compileSafeRegex(pattern: string, flags = ""): { ok: true; regex: SafeRegex } | { ok: false; reason: string } {
  try {
    const r = compileSafeRegexWithLimits(pattern, flags, {});
    return r.ok ? r : { ok: false, reason: r.reason };
  } catch (e) {
    // Defensive: compile is meant to report every problem as a reason.
    return { ok: false, reason: `invalid regular expression: ${e instanceof Error ? e.message : String(e)}` };
  }
}
