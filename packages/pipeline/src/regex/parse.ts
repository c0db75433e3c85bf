/**
 * Regex parser: pattern text → AST. Flags are resolved while parsing (case folding turns literals into sets, `.` and
 * `^`/`$` pick their line-terminator behaviour), so the AST has no flag-dependent nodes left.
 *
 * Positions in error messages are 0-based UTF-16 offsets into the pattern.
 */
import {
  ALL_SET,
  CharSet,
  caseClosure,
  caseOrbit,
  complementRanges,
  DIGIT_SET,
  LINE_TERMINATOR_SET,
  normalizeRanges,
  type RangeSet,
  SPACE_SET,
  WORD_SET,
} from "./char-set";

export type Assertion = "start_text" | "end_text" | "start_line" | "end_line" | "word_boundary" | "not_word_boundary";

export type Node =
  | { kind: "empty" }
  | { kind: "literal"; cp: number }
  | { kind: "set"; set: CharSet }
  | { kind: "assert"; assertion: Assertion; ignoreCase: boolean }
  | { kind: "capture"; index: number; name: string | undefined; body: Node }
  | { kind: "concat"; items: Node[] }
  | { kind: "alt"; items: Node[] }
  /** pos: where the quantifier (text) is. */
  | { kind: "repeat"; min: number; max: number; greedy: boolean; body: Node; pos: number; text: string };

export type Ast = { root: Node; groupCount: number; groupNames: string[]; namedGroups: Map<string, number> };

export type ParseError = { message: string; pos: number };

export const MAX_REPEAT = 1000;
/** Deepest group nesting (keeps the recursive parser and compiler far from the call-stack limit). */
export const MAX_NESTING = 500;

type Flags = { i: boolean; m: boolean; s: boolean };

class Fail {
  constructor(readonly error: ParseError) {}
}

const POSIX_CLASSES: Readonly<Record<string, RangeSet>> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: WORD_SET,
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

const setCache = new Map<string, CharSet>();

function charSet(ranges: RangeSet): CharSet {
  if (ranges.length > 64) {
    return new CharSet(ranges);
  }
  const key = ranges.join(",");
  let s = setCache.get(key);
  if (!s) {
    s = new CharSet(ranges);
    setCache.set(key, s);
  }
  return s;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function describe(cp: number): string {
  if (cp < 0x20 || cp === 0x7f) {
    return `\\x${cp.toString(16).padStart(2, "0")}`;
  }
  return String.fromCodePoint(cp);
}

/** A class atom: one code point, or a predefined set such as \d (which cannot be a range endpoint). */
type ClassAtom = { cp: number; set?: undefined } | { cp?: undefined; set: RangeSet };

class Parser {
  private pos = 0;
  private flags: Flags;
  private groupCount = 0;
  private depth = 0;
  private readonly groupNames: string[] = [];
  private readonly namedGroups = new Map<string, number>();

  constructor(
    private readonly src: string,
    flags: Flags,
  ) {
    this.flags = { ...flags };
  }

  parse(): Ast {
    const root = this.parseAlternation();
    if (this.pos < this.src.length) {
      // Only a ')' can stop the top-level alternation early.
      throw this.fail(`unmatched ')' at position ${this.pos}`, this.pos);
    }
    return { root, groupCount: this.groupCount, groupNames: this.groupNames, namedGroups: this.namedGroups };
  }

  private fail(message: string, pos: number): Fail {
    return new Fail({ message, pos });
  }

  private peek(offset = 0): number {
    return this.src.charCodeAt(this.pos + offset);
  }

  private eof(): boolean {
    return this.pos >= this.src.length;
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  private parseAlternation(): Node {
    const items: Node[] = [this.parseConcat()];
    while (!this.eof() && this.peek() === 0x7c /* | */) {
      this.pos++;
      items.push(this.parseConcat());
    }
    return items.length === 1 ? (items[0] ?? { kind: "empty" }) : { kind: "alt", items };
  }

  private parseConcat(): Node {
    const items: Node[] = [];
    while (!this.eof()) {
      const c = this.peek();
      if (c === 0x7c || c === 0x29) {
        break;
      }
      const start = this.pos;
      const atom = this.parseAtom();
      if (atom === null) {
        continue; // a flag group such as (?i)
      }
      const quantified = this.parseQuantifier(atom, start);
      items.push(quantified);
    }
    if (items.length === 0) {
      return { kind: "empty" };
    }
    return items.length === 1 ? (items[0] ?? { kind: "empty" }) : { kind: "concat", items };
  }

  /** Reads {n}, {n,}, {n,m} at the current position; null (and position unchanged) when it is not one. */
  private readBraces(): { min: number; max: number } | null {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos, this.pos + 32));
    if (!m) {
      return null;
    }
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" || m[3] === undefined ? -1 : Number(m[3]);
    this.pos += m[0].length;
    return { min, max };
  }

  private parseQuantifier(atom: Node, atomStart: number): Node {
    if (this.eof()) {
      return atom;
    }
    const qpos = this.pos;
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === 0x2a /* * */) {
      min = 0;
      max = -1;
      this.pos++;
    } else if (c === 0x2b /* + */) {
      min = 1;
      max = -1;
      this.pos++;
    } else if (c === 0x3f /* ? */) {
      min = 0;
      max = 1;
      this.pos++;
    } else if (c === 0x7b /* { */) {
      const b = this.readBraces();
      if (b === null) {
        return atom; // a literal '{', handled as an atom next
      }
      ({ min, max } = b);
      if (min > MAX_REPEAT || max > MAX_REPEAT) {
        throw this.fail(`repetition count ${Math.max(min, max)} exceeds the limit of ${MAX_REPEAT} at position ${qpos}`, qpos);
      }
      if (max !== -1 && max < min) {
        throw this.fail(`invalid repetition range ${this.src.slice(qpos, this.pos)} at position ${qpos} (minimum greater than maximum)`, qpos);
      }
    } else {
      return atom;
    }
    if (atom.kind === "assert" && this.src.charCodeAt(atomStart) !== 0x28) {
      throw this.fail(`nothing to repeat at position ${qpos} (a quantifier cannot follow an assertion)`, qpos);
    }
    let greedy = true;
    if (!this.eof() && this.peek() === 0x3f) {
      greedy = false;
      this.pos++;
    }
    if (!this.eof()) {
      const n = this.peek();
      if (n === 0x2b) {
        throw this.fail(`possessive quantifiers are not supported (${this.src.slice(qpos, this.pos + 1)} at position ${qpos})`, qpos);
      }
      if (n === 0x2a || n === 0x3f || (n === 0x7b && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos, this.pos + 32)))) {
        throw this.fail(`nothing to repeat at position ${this.pos} (quantifier follows another quantifier)`, this.pos);
      }
    }
    return { kind: "repeat", min, max, greedy, body: atom, pos: qpos, text: this.src.slice(qpos, this.pos) };
  }

  /** One atom, or null for a flag group like (?i) that only changes flags. */
  private parseAtom(): Node | null {
    const start = this.pos;
    const c = this.src.codePointAt(this.pos) ?? 0;
    switch (c) {
      case 0x28: // (
        return this.parseGroup();
      case 0x5b: // [
        return this.parseClass();
      case 0x2e: // .
        this.pos++;
        return { kind: "set", set: charSet(this.flags.s ? ALL_SET : complementRanges(LINE_TERMINATOR_SET)) };
      case 0x5e: // ^
        this.pos++;
        return { kind: "assert", assertion: this.flags.m ? "start_line" : "start_text", ignoreCase: false };
      case 0x24: // $
        this.pos++;
        return { kind: "assert", assertion: this.flags.m ? "end_line" : "end_text", ignoreCase: false };
      case 0x5c: // \
        return this.parseEscape();
      case 0x2a: // *
      case 0x2b: // +
      case 0x3f: // ?
        throw this.fail(`nothing to repeat at position ${start} ('${String.fromCharCode(c)}' has no expression before it)`, start);
      case 0x7b: // {
        if (this.readBraces() !== null) {
          throw this.fail(`nothing to repeat at position ${start} ('${this.src.slice(start, this.pos)}' has no expression before it)`, start);
        }
        this.pos++;
        return this.literal(c);
      default:
        this.pos += c > 0xffff ? 2 : 1;
        return this.literal(c);
    }
  }

  private literal(cp: number): Node {
    if (this.flags.i) {
      const orbit = caseOrbit(cp);
      if (orbit.length > 1) {
        return { kind: "set", set: charSet(normalizeRanges(orbit.flatMap((o) => [o, o]))) };
      }
    }
    return { kind: "literal", cp };
  }

  private setNode(ranges: RangeSet): Node {
    return { kind: "set", set: charSet(this.flags.i ? caseClosure(ranges) : ranges) };
  }

  private parseGroup(): Node | null {
    const open = this.pos;
    if (++this.depth > MAX_NESTING) {
      throw this.fail(`groups nest more than ${MAX_NESTING} deep at position ${open}`, open);
    }
    this.pos++; // (
    let index = -1;
    let name: string | undefined;
    const saved = this.flags;
    if (this.startsWith("?")) {
      const rest = this.src.slice(this.pos, this.pos + 3);
      if (rest.startsWith("?:")) {
        this.pos += 2;
      } else if (rest.startsWith("?=") || rest.startsWith("?!")) {
        throw this.fail(`lookahead assertions are not supported ((${rest.slice(0, 2)} at position ${open})`, open);
      } else if (rest.startsWith("?<=") || rest.startsWith("?<!")) {
        throw this.fail(`lookbehind assertions are not supported ((${rest} at position ${open})`, open);
      } else if (rest.startsWith("?>")) {
        throw this.fail(`atomic groups are not supported ((?> at position ${open})`, open);
      } else if (rest.startsWith("?P=") || rest.startsWith("?P>") || rest.startsWith("?&")) {
        throw this.fail(`backreferences and subroutine calls are not supported ((${rest} at position ${open})`, open);
      } else if (rest.startsWith("?<") || rest.startsWith("?P<")) {
        this.pos += rest.startsWith("?<") ? 2 : 3;
        const m = /^([A-Za-z_][A-Za-z0-9_]*)>/.exec(this.src.slice(this.pos, this.pos + 256));
        if (!m || m[1] === undefined) {
          throw this.fail(`invalid group name at position ${this.pos} (use letters, digits and _ and close it with '>')`, this.pos);
        }
        name = m[1];
        if (this.namedGroups.has(name)) {
          throw this.fail(`duplicate group name '${name}' at position ${this.pos}`, this.pos);
        }
        this.pos += m[0].length;
        index = ++this.groupCount;
        this.groupNames.push(name);
        this.namedGroups.set(name, index);
      } else {
        const flagGroup = this.parseFlagGroup(open);
        if (flagGroup === "set") {
          this.depth--;
          return null;
        }
      }
    } else {
      index = ++this.groupCount;
    }
    const body = this.parseAlternation();
    if (this.eof() || this.peek() !== 0x29) {
      throw this.fail(`missing ')' for the group opened at position ${open}`, open);
    }
    this.pos++;
    this.flags = saved;
    this.depth--;
    if (index < 0) {
      return body;
    }
    return { kind: "capture", index, name, body };
  }

  /**
   * After "(": parses ?flags) or ?flags: where flags are [ims]* optionally followed by -[ims]*. "set" means a (?i)
   * form that changes the flags until the end of the enclosing group; "scoped" means (?i:…), whose body follows.
   */
  private parseFlagGroup(open: number): "set" | "scoped" {
    const m = /^\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(this.src.slice(this.pos, this.pos + 32));
    if (!m) {
      const what = this.src.slice(open, open + 3);
      throw this.fail(`unsupported group syntax '${what}' at position ${open}`, open);
    }
    const on = m[1] ?? "";
    const off = m[2] ?? "";
    const flags = { ...this.flags };
    for (const [letters, value] of [
      [on, true],
      [off, false],
    ] as const) {
      for (const f of letters) {
        if (f !== "i" && f !== "m" && f !== "s") {
          throw this.fail(`unknown flag '${f}' in '${this.src.slice(open, this.pos + m[0].length)}' at position ${open} (supported: i, m, s)`, open);
        }
        flags[f] = value;
      }
    }
    if (on === "" && off === "" && m[2] === undefined) {
      throw this.fail(`unsupported group syntax '${this.src.slice(open, this.pos + m[0].length)}' at position ${open}`, open);
    }
    this.pos += m[0].length;
    if (m[3] === ")") {
      this.flags = flags;
      return "set";
    }
    // (?flags:…): parseGroup restores the saved flags after the body.
    this.flags = flags;
    return "scoped";
  }

  private parseEscape(): Node {
    const start = this.pos;
    this.pos++; // backslash
    if (this.eof()) {
      throw this.fail(`pattern ends with a lone backslash at position ${start}`, start);
    }
    const c = this.peek();
    switch (c) {
      case 0x62: // b
        this.pos++;
        return { kind: "assert", assertion: "word_boundary", ignoreCase: this.flags.i };
      case 0x42: // B
        this.pos++;
        return { kind: "assert", assertion: "not_word_boundary", ignoreCase: this.flags.i };
      case 0x41: // A
        this.pos++;
        return { kind: "assert", assertion: "start_text", ignoreCase: false };
      case 0x7a: // z
        this.pos++;
        return { kind: "assert", assertion: "end_text", ignoreCase: false };
      case 0x6b: // k
        if (this.peek(1) === 0x3c) {
          throw this.fail(`backreferences are not supported (\\k<…> at position ${start})`, start);
        }
        break;
      default:
        if (c >= 0x31 && c <= 0x39) {
          const m = /^\d+/.exec(this.src.slice(this.pos, this.pos + 8));
          throw this.fail(`backreferences are not supported (\\${m?.[0] ?? ""} at position ${start})`, start);
        }
    }
    const atom = this.parseCommonEscape(start, false);
    return atom.set === undefined ? this.literal(atom.cp) : this.setNode(atom.set);
  }

  /** Escapes valid both inside and outside classes; the backslash is already consumed. */
  private parseCommonEscape(start: number, inClass: boolean): ClassAtom {
    const c = this.src.codePointAt(this.pos) ?? 0;
    this.pos += c > 0xffff ? 2 : 1;
    switch (c) {
      case 0x64: // d
        return { set: DIGIT_SET };
      case 0x44: // D
        return { set: complementRanges(DIGIT_SET) };
      case 0x77: // w
        return { set: WORD_SET };
      case 0x57: // W
        return { set: complementRanges(this.flags.i ? caseClosure(WORD_SET) : WORD_SET) };
      case 0x73: // s
        return { set: SPACE_SET };
      case 0x53: // S
        return { set: complementRanges(SPACE_SET) };
      case 0x74: // t
        return { cp: 0x09 };
      case 0x6e: // n
        return { cp: 0x0a };
      case 0x72: // r
        return { cp: 0x0d };
      case 0x66: // f
        return { cp: 0x0c };
      case 0x76: // v
        return { cp: 0x0b };
      case 0x30: // 0
        if (isDigit(this.peek())) {
          throw this.fail(`octal escapes are not supported (at position ${start}); use \\xHH`, start);
        }
        return { cp: 0 };
      case 0x63: {
        // cX
        const x = this.peek();
        if ((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a)) {
          this.pos++;
          return { cp: x % 32 };
        }
        throw this.fail(`invalid escape \\c at position ${start} (expected a letter after \\c)`, start);
      }
      case 0x78: {
        // xHH
        const h = this.src.slice(this.pos, this.pos + 2);
        if (h.length === 2 && isHex(h.charCodeAt(0)) && isHex(h.charCodeAt(1))) {
          this.pos += 2;
          return { cp: Number.parseInt(h, 16) };
        }
        throw this.fail(`invalid escape \\x at position ${start} (expected two hex digits)`, start);
      }
      case 0x75: // uHHHH or u{H…}
        return { cp: this.parseUnicodeEscape(start) };
      case 0x70: // p
      case 0x50: // P
        throw this.fail(`Unicode property escapes (\\${String.fromCharCode(c)}{…}) are not supported (at position ${start})`, start);
      case 0x62: // b: backspace inside a class
        if (inClass) {
          return { cp: 0x08 };
        }
        break;
      case 0x2d: // -
        return { cp: c };
    }
    if (c < 0x80 && !(isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) && c >= 0x20) {
      return { cp: c }; // \. \\ \/ \" \- \[ … any ASCII punctuation (or space) stands for itself
    }
    throw this.fail(`invalid escape \\${describe(c)} at position ${start}`, start);
  }

  private parseUnicodeEscape(start: number): number {
    if (this.peek() === 0x7b) {
      const m = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.src.slice(this.pos, this.pos + 9));
      const v = m?.[1] === undefined ? Number.NaN : Number.parseInt(m[1], 16);
      if (!m || !(v <= 0x10ffff)) {
        throw this.fail(`invalid escape \\u{…} at position ${start} (expected 1-6 hex digits up to 10FFFF)`, start);
      }
      this.pos += m[0].length;
      return v;
    }
    const h = this.src.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) {
      throw this.fail(`invalid escape \\u at position ${start} (expected four hex digits)`, start);
    }
    this.pos += 4;
    const v = Number.parseInt(h, 16);
    // A surrogate pair written as two escapes is one code point, as in JavaScript's u mode.
    if (v >= 0xd800 && v <= 0xdbff) {
      const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(this.src.slice(this.pos, this.pos + 6));
      if (low?.[1] !== undefined) {
        this.pos += 6;
        return ((v - 0xd800) << 10) + (Number.parseInt(low[1], 16) - 0xdc00) + 0x10000;
      }
    }
    return v;
  }

  private parseClass(): Node {
    const open = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.peek() === 0x5e) {
      negated = true;
      this.pos++;
    }
    const pairs: number[] = [];
    for (;;) {
      if (this.eof()) {
        throw this.fail(`missing ']' for the character class opened at position ${open}`, open);
      }
      if (this.peek() === 0x5d) {
        this.pos++;
        break;
      }
      const itemStart = this.pos;
      const posix = this.parsePosixClass();
      if (posix !== null) {
        for (const v of posix) {
          pairs.push(v);
        }
        continue;
      }
      const a = this.parseClassAtom();
      if (this.peek() === 0x2d && this.pos + 1 < this.src.length && this.peek(1) !== 0x5d) {
        this.pos++; // -
        const b = this.parseClassAtom();
        if (a.set !== undefined || b.set !== undefined) {
          throw this.fail(`invalid range in character class at position ${itemStart} (a class like \\d cannot be a range end)`, itemStart);
        }
        if (a.cp > b.cp) {
          throw this.fail(`invalid range ${describe(a.cp)}-${describe(b.cp)} at position ${itemStart} (out of order)`, itemStart);
        }
        pairs.push(a.cp, b.cp);
      } else if (a.set !== undefined) {
        for (const v of a.set) {
          pairs.push(v);
        }
      } else {
        pairs.push(a.cp, a.cp);
      }
    }
    let ranges = normalizeRanges(pairs);
    if (this.flags.i) {
      ranges = caseClosure(ranges);
    }
    if (negated) {
      ranges = complementRanges(ranges);
    }
    return { kind: "set", set: charSet(ranges) };
  }

  private parsePosixClass(): RangeSet | null {
    if (!this.startsWith("[:")) {
      return null;
    }
    const m = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos, this.pos + 16));
    if (!m || m[2] === undefined) {
      return null;
    }
    const set = POSIX_CLASSES[m[2]];
    if (set === undefined) {
      throw this.fail(`unknown POSIX class [:${m[2]}:] at position ${this.pos}`, this.pos);
    }
    this.pos += m[0].length;
    return m[1] === "^" ? complementRanges(set) : set;
  }

  private parseClassAtom(): ClassAtom {
    const start = this.pos;
    const c = this.src.codePointAt(this.pos) ?? 0;
    if (c === 0x5c) {
      this.pos++;
      if (this.eof()) {
        throw this.fail(`pattern ends with a lone backslash at position ${start}`, start);
      }
      const n = this.peek();
      if (n >= 0x31 && n <= 0x39) {
        throw this.fail(`backreferences are not supported (\\${String.fromCharCode(n)} at position ${start})`, start);
      }
      return this.parseCommonEscape(start, true);
    }
    this.pos += c > 0xffff ? 2 : 1;
    return { cp: c };
  }
}

export function parseRegex(pattern: string, flags: Flags): { ok: true; ast: Ast } | { ok: false; error: ParseError } {
  try {
    return { ok: true, ast: new Parser(pattern, flags).parse() };
  } catch (e) {
    if (e instanceof Fail) {
      return { ok: false, error: e.error };
    }
    throw e;
  }
}
