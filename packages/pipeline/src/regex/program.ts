/**
 * AST → program for the matchers (a Thompson NFA laid out as instructions, as in RE2 and Rust's regex).
 *
 * Counted repetition is expanded (x{2,4} = x x (x (x)?)?), so the instruction count is what bounds the work per input
 * character; compilation refuses programs over a size limit. Captures are slots (2 per group: start, end; group 0 is
 * the whole match). As in JavaScript, a quantified group's captures are reset at the start of each iteration (CLEAR).
 */
import { CharSet, normalizeRanges, rangesContain, rangesSize } from "./char-set";
import type { Assertion, Ast, Node } from "./parse";

export const OP_MATCH = 0;
export const OP_CHAR = 1;
export const OP_SET = 2;
export const OP_ANY = 3;
export const OP_SPLIT = 4;
export const OP_JMP = 5;
export const OP_SAVE = 6;
export const OP_CLEAR = 7;
export const OP_ASSERT = 8;
export const OP_FAIL = 9;

export const A_START_TEXT = 0;
export const A_END_TEXT = 1;
export const A_START_LINE = 2;
export const A_END_LINE = 3;
export const A_WORD = 4;
export const A_NOT_WORD = 5;
export const A_WORD_I = 6;
export const A_NOT_WORD_I = 7;

export const MAX_PROGRAM_SIZE = 20_000;
/** Bound on the Pike VM's capture storage per thread list (states × slots), 16 MiB. */
const MAX_THREAD_SLOTS = 1 << 22;

export type Program = {
  /** Opcode per instruction. */
  op: Uint8Array;
  /** CHAR: code point; SET: set index; SPLIT: preferred target; JMP: target; SAVE: slot; CLEAR: first slot; ASSERT: kind. */
  a: Int32Array;
  /** SPLIT: other target; CLEAR: end slot (exclusive); CHAR, SET, ANY: the next instruction (usually pc + 1). */
  b: Int32Array;
  sets: CharSet[];
  size: number;
  /** 2 × (groups + 1). */
  slotCount: number;
  /** Every match must start at offset 0 (the pattern begins with ^ without the m flag, or \A). */
  anchoredStart: boolean;
  /** A case-sensitive literal every match starts with ("" if none). */
  prefix: string;
  /** The code points a match can start with, when that excludes enough to be worth scanning for (else null). */
  firstSet: CharSet | null;
  /** Instead of firstSet when a match can only start with one of these (at most 3) characters. */
  firstChars: string[];
  /** Backtracker: dense index of instructions that need a visited bit (several ways in), else -1. */
  markIndex: Int32Array;
  markCount: number;
  /** Pike VM: dense index of instructions a thread can wait on (CHAR, SET, ANY, MATCH), else -1. */
  threadIndex: Int32Array;
  threadCount: number;
  /** Backtracker: for a SPLIT that is a greedy loop over one consuming instruction, that instruction; else -1. */
  runBody: Int32Array;
  /** Upper bound of 2-int frames on the pike VM's epsilon-closure stack. */
  stackBound: number;
};

export type CompileError = { message: string; pos: number };

const ASSERTIONS: Record<Assertion, [number, number]> = {
  start_text: [A_START_TEXT, A_START_TEXT],
  end_text: [A_END_TEXT, A_END_TEXT],
  start_line: [A_START_LINE, A_START_LINE],
  end_line: [A_END_LINE, A_END_LINE],
  word_boundary: [A_WORD, A_WORD_I],
  not_word_boundary: [A_NOT_WORD, A_NOT_WORD_I],
};

const spanCache = new WeakMap<Node, [number, number]>();
const nullableCache = new WeakMap<Node, boolean>();

/** Capture groups [lo, hi] inside a node (hi < lo when none). Memoized: nested repetitions ask again for inner nodes. */
function captureSpan(node: Node): [number, number] {
  const cached = spanCache.get(node);
  if (cached !== undefined) {
    return cached;
  }
  const span = computeCaptureSpan(node);
  spanCache.set(node, span);
  return span;
}

function computeCaptureSpan(node: Node): [number, number] {
  const join = (spans: [number, number][]): [number, number] => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = -1;
    for (const [l, h] of spans) {
      if (h >= l) {
        lo = Math.min(lo, l);
        hi = Math.max(hi, h);
      }
    }
    return hi < 0 ? [1, 0] : [lo, hi];
  };
  switch (node.kind) {
    case "capture":
      return join([[node.index, node.index], captureSpan(node.body)]);
    case "concat":
    case "alt":
      return join(node.items.map(captureSpan));
    case "repeat":
      return captureSpan(node.body);
    default:
      return [1, 0];
  }
}

class TooBig {
  constructor(readonly error: CompileError) {}
}

/** Instruction count of a node, refusing any repetition that alone exceeds the limit. */
function sizeOf(node: Node, limit: number): number {
  switch (node.kind) {
    case "empty":
      return 0;
    case "literal":
    case "set":
    case "assert":
      return 1;
    case "capture":
      return 2 + sizeOf(node.body, limit);
    case "concat":
      return node.items.reduce((s, n) => s + sizeOf(n, limit), 0);
    case "alt":
      if (node.items.every((item) => item.kind === "literal" || item.kind === "set")) {
        return 1;
      }
      return node.items.reduce((s, n) => s + sizeOf(n, limit), 0) + 2 * (node.items.length - 1);
    case "repeat": {
      const [lo, hi] = captureSpan(node.body);
      const unit = sizeOf(node.body, limit) + (hi >= lo ? 1 : 0);
      const size = repeatSize(node.min, node.max, unit, nullable(node.body));
      if (size > limit) {
        throw new TooBig({
          message: `repetition ${node.text} at position ${node.pos} expands to ${size} instructions, more than the limit of ${limit}`,
          pos: node.pos,
        });
      }
      return size;
    }
  }
}

/** Instructions for a repetition whose body (with its CLEAR) takes `unit`; see Emitter.repeat for the layouts. */
function repeatSize(min: number, max: number, unit: number, canBeEmpty: boolean): number {
  if (!canBeEmpty) {
    return max === -1 ? (min === 0 ? unit + 2 : min * unit + 1) : min * unit + (max - min) * (unit + 1);
  }
  const checked = 2 * (unit + 1) + 2; // split, iteration, its copy that must consume, fail
  return min * unit + (max === -1 ? checked : (max - min) * checked);
}

/** Whether a node can match the empty string (memoized). */
export function nullable(n: Node): boolean {
  let v = nullableCache.get(n);
  if (v === undefined) {
    v = computeNullable(n);
    nullableCache.set(n, v);
  }
  return v;
}

function computeNullable(n: Node): boolean {
  switch (n.kind) {
    case "empty":
    case "assert":
      return true;
    case "literal":
    case "set":
      return false;
    case "capture":
      return nullable(n.body);
    case "repeat":
      return n.min === 0 || nullable(n.body);
    case "alt":
      return n.items.some(nullable);
    case "concat":
      return n.items.every(nullable);
  }
}

const unionCache = new WeakMap<Node[], CharSet>();

function charSetOfItems(items: Node[]): CharSet {
  let set = unionCache.get(items);
  if (set === undefined) {
    const pairs: number[] = [];
    for (const item of items) {
      if (item.kind === "literal") {
        pairs.push(item.cp, item.cp);
      } else if (item.kind === "set") {
        for (const v of item.set.ranges) {
          pairs.push(v);
        }
      }
    }
    set = new CharSet(normalizeRanges(pairs));
    unionCache.set(items, set);
  }
  return set;
}

class Emitter {
  op: number[] = [];
  a: number[] = [];
  b: number[] = [];
  sets: CharSet[] = [];
  private readonly setIndex = new Map<CharSet, number>();

  emit(op: number, a = 0, b = 0): number {
    if (op === OP_CHAR || op === OP_SET || op === OP_ANY) {
      b = this.op.length + 1; // where a consuming instruction continues (see checkedIteration)
    }
    this.op.push(op);
    this.a.push(a);
    this.b.push(b);
    return this.op.length - 1;
  }

  get pc(): number {
    return this.op.length;
  }

  node(n: Node): void {
    switch (n.kind) {
      case "empty":
        return;
      case "literal":
        this.emit(OP_CHAR, n.cp);
        return;
      case "set":
        this.set(n.set);
        return;
      case "assert": {
        const [plain, folded] = ASSERTIONS[n.assertion];
        this.emit(OP_ASSERT, n.ignoreCase ? folded : plain);
        return;
      }
      case "capture":
        this.emit(OP_SAVE, 2 * n.index);
        this.node(n.body);
        this.emit(OP_SAVE, 2 * n.index + 1);
        return;
      case "concat":
        for (const item of n.items) {
          this.node(item);
        }
        return;
      case "alt": {
        if (n.items.every((item) => item.kind === "literal" || item.kind === "set")) {
          // a|b|[xy]: each branch consumes one character and continues at the same place, so one set does it.
          this.set(charSetOfItems(n.items));
          return;
        }
        const jumps: number[] = [];
        n.items.forEach((item, i) => {
          if (i < n.items.length - 1) {
            const split = this.emit(OP_SPLIT, this.pc + 1, 0);
            this.node(item);
            jumps.push(this.emit(OP_JMP));
            this.b[split] = this.pc;
          } else {
            this.node(item);
          }
        });
        for (const j of jumps) {
          this.a[j] = this.pc;
        }
        return;
      }
      case "repeat":
        this.repeat(n);
        return;
    }
  }

  private set(set: CharSet): void {
    const r = set.ranges;
    if (r.length === 2 && r[0] === 0 && r[1] === 0x10ffff) {
      this.emit(OP_ANY);
      return;
    }
    if (r.length === 2 && r[0] === r[1]) {
      this.emit(OP_CHAR, r[0] ?? 0);
      return;
    }
    let idx = this.setIndex.get(set);
    if (idx === undefined) {
      idx = this.sets.length;
      this.sets.push(set);
      this.setIndex.set(set, idx);
    }
    this.emit(OP_SET, idx);
  }

  /** One iteration of a repeated body, resetting the body's captures first (as JavaScript does). */
  private iteration(body: Node, span: [number, number]): void {
    if (span[1] >= span[0]) {
      this.emit(OP_CLEAR, 2 * span[0], 2 * span[1] + 2);
    }
    this.node(body);
  }

  private split(greedy: boolean, loop: number, exit: number): number {
    return greedy ? this.emit(OP_SPLIT, loop, exit) : this.emit(OP_SPLIT, exit, loop);
  }

  /**
   * Repetition. A body that cannot match empty loops plainly:
   *   x*  L: split(L+1, out); x; jmp L        x+  L: x; split(L, out)        x{2,3}  x x split(B, out) B: x
   * A body that can match empty gets JavaScript's rule that an iteration beyond the minimum must not match empty
   * (ECMA-262 RepeatMatcher): each such iteration is emitted as a checked iteration (below), which also leaves the
   * program without empty loops.
   */
  private repeat(n: Extract<Node, { kind: "repeat" }>): void {
    const span = captureSpan(n.body);
    if (nullable(n.body)) {
      for (let i = 0; i < n.min; i++) {
        this.iteration(n.body, span);
      }
      if (n.max === -1) {
        const l = this.emit(OP_SPLIT);
        const it = this.checkedIteration(n.body, span);
        this.a[it.jump] = l;
        this.patchSplit(l, n.greedy, it.entry, this.pc);
        return;
      }
      const parts: { split: number; entry: number; jump: number }[] = [];
      for (let i = n.min; i < n.max; i++) {
        const split = this.emit(OP_SPLIT);
        parts.push({ split, ...this.checkedIteration(n.body, span) });
      }
      const out = this.pc;
      parts.forEach((p, i) => {
        this.patchSplit(p.split, n.greedy, p.entry, out);
        this.a[p.jump] = parts[i + 1]?.split ?? out;
      });
      return;
    }
    if (n.max === -1) {
      if (n.min === 0) {
        const l = this.emit(OP_SPLIT);
        this.iteration(n.body, span);
        this.emit(OP_JMP, l);
        this.patchSplit(l, n.greedy, l + 1, this.pc);
        return;
      }
      for (let i = 0; i < n.min - 1; i++) {
        this.iteration(n.body, span);
      }
      const l = this.pc;
      this.iteration(n.body, span);
      this.split(n.greedy, l, this.pc + 1);
      return;
    }
    for (let i = 0; i < n.min; i++) {
      this.iteration(n.body, span);
    }
    const splits: number[] = [];
    for (let i = n.min; i < n.max; i++) {
      splits.push(this.emit(OP_SPLIT));
      this.iteration(n.body, span);
    }
    for (const s of splits) {
      this.patchSplit(s, n.greedy, s + 1, this.pc);
    }
  }

  /**
   * An iteration that must consume: the body B (ending in a jump the caller patches), then a copy A of it whose
   * consuming instructions continue in B and whose end fails. Entering at A, a path can only get past the end by
   * consuming at least one character (it is then in B); a path that reaches the end without consuming dies.
   *   B: [clear] body; jmp ?     A: copy of B (consuming → B, end → fail); fail
   */
  private checkedIteration(body: Node, span: [number, number]): { entry: number; jump: number } {
    const bStart = this.pc;
    this.iteration(body, span);
    const jump = this.emit(OP_JMP);
    const aStart = this.pc;
    const fail = aStart + (jump - bStart);
    for (let pc = bStart; pc < jump; pc++) {
      const op = this.op[pc] ?? OP_FAIL;
      let a = this.a[pc] ?? 0;
      let b = this.b[pc] ?? 0;
      const move = (t: number): number => (t >= bStart && t < jump ? t - bStart + aStart : t === jump ? fail : t);
      if (op === OP_JMP) {
        a = move(a);
      } else if (op === OP_SPLIT) {
        a = move(a);
        b = move(b);
      }
      this.op.push(op);
      this.a.push(a);
      this.b.push(b);
    }
    this.emit(OP_FAIL);
    return { entry: aStart, jump };
  }

  private patchSplit(at: number, greedy: boolean, body: number, exit: number): void {
    this.a[at] = greedy ? body : exit;
    this.b[at] = greedy ? exit : body;
  }
}

type First = { set: number[]; nullable: boolean };

/** The code points a match of `n` can begin with (as unmerged pairs), and whether it can match empty. */
function firstOf(n: Node): First {
  switch (n.kind) {
    case "empty":
    case "assert":
      return { set: [], nullable: true };
    case "literal":
      return { set: [n.cp, n.cp], nullable: false };
    case "set":
      return { set: [...n.set.ranges], nullable: false };
    case "capture":
      return firstOf(n.body);
    case "repeat": {
      const f = firstOf(n.body);
      return { set: f.set, nullable: f.nullable || n.min === 0 };
    }
    case "alt": {
      const set: number[] = [];
      let nullable = false;
      for (const item of n.items) {
        const f = firstOf(item);
        for (const v of f.set) {
          set.push(v);
        }
        nullable ||= f.nullable;
      }
      return { set, nullable };
    }
    case "concat": {
      const set: number[] = [];
      for (const item of n.items) {
        const f = firstOf(item);
        for (const v of f.set) {
          set.push(v);
        }
        if (!f.nullable) {
          return { set, nullable: false };
        }
      }
      return { set, nullable: true };
    }
  }
}

/** A literal every match starts with: leading literals, looking through groups and zero-width assertions. */
function literalPrefix(n: Node, out: number[]): boolean {
  switch (n.kind) {
    case "literal":
      out.push(n.cp);
      return true;
    case "assert":
    case "empty":
      return true;
    case "capture":
      return literalPrefix(n.body, out);
    case "concat":
      for (const item of n.items) {
        if (!literalPrefix(item, out)) {
          return false;
        }
      }
      return true;
    case "repeat":
      if (n.min >= 1 && n.body.kind === "literal") {
        out.push(n.body.cp);
      }
      return false;
    default:
      return false;
  }
}

function startsAnchored(n: Node): boolean {
  switch (n.kind) {
    case "assert":
      return n.assertion === "start_text";
    case "capture":
      return startsAnchored(n.body);
    case "concat":
      return n.items.length > 0 && startsAnchored(n.items[0] ?? { kind: "empty" });
    case "alt":
      return n.items.every(startsAnchored);
    case "repeat":
      return n.min >= 1 && startsAnchored(n.body);
    default:
      return false;
  }
}

export function compileProgram(ast: Ast, limit = MAX_PROGRAM_SIZE): { ok: true; program: Program } | { ok: false; error: CompileError } {
  let estimated: number;
  try {
    estimated = sizeOf(ast.root, limit) + 3;
  } catch (e) {
    if (e instanceof TooBig) {
      return { ok: false, error: e.error };
    }
    throw e;
  }
  if (estimated > limit) {
    return { ok: false, error: { message: `pattern compiles to ${estimated} instructions, more than the limit of ${limit}`, pos: 0 } };
  }
  const e = new Emitter();
  e.emit(OP_SAVE, 0);
  e.node(ast.root);
  e.emit(OP_SAVE, 1);
  e.emit(OP_MATCH);
  const size = e.op.length;
  const op = Uint8Array.from(e.op);
  const a = Int32Array.from(e.a);
  const b = Int32Array.from(e.b);

  // Jump threading: a transfer to a JMP goes straight to where the JMP leads (consuming instructions have an explicit
  // next, so e.g. the JMP closing a loop body costs nothing per iteration).
  const resolve = (t: number): number => {
    let target = t;
    for (let guard = 0; op[target] === OP_JMP && guard < size; guard++) {
      target = a[target] ?? 0;
    }
    return target;
  };
  for (let pc = 0; pc < size; pc++) {
    const o = op[pc];
    if (o === OP_JMP || o === OP_SPLIT) {
      a[pc] = resolve(a[pc] ?? 0);
    }
    if (o === OP_SPLIT || o === OP_CHAR || o === OP_SET || o === OP_ANY) {
      b[pc] = resolve(b[pc] ?? 0);
    }
  }

  // In-degree: instructions with more than one way in get a visited bit in the backtracker.
  const indeg = new Int32Array(size);
  indeg[0] = 2; // entered from outside once per start position
  let stackBound = 1;
  for (let pc = 0; pc < size; pc++) {
    const o = op[pc];
    if (o === OP_JMP) {
      indeg[a[pc] ?? 0] = (indeg[a[pc] ?? 0] ?? 0) + 1;
    } else if (o === OP_SPLIT) {
      indeg[a[pc] ?? 0] = (indeg[a[pc] ?? 0] ?? 0) + 1;
      indeg[b[pc] ?? 0] = (indeg[b[pc] ?? 0] ?? 0) + 1;
      stackBound++;
    } else if (o === OP_CHAR || o === OP_SET || o === OP_ANY) {
      indeg[b[pc] ?? 0] = (indeg[b[pc] ?? 0] ?? 0) + 1;
    } else if (o !== OP_MATCH && o !== OP_FAIL) {
      if (pc + 1 < size) {
        indeg[pc + 1] = (indeg[pc + 1] ?? 0) + 1;
      }
      if (o === OP_SAVE) {
        stackBound++;
      } else if (o === OP_CLEAR) {
        stackBound += (b[pc] ?? 0) - (a[pc] ?? 0);
      }
    }
  }
  const markIndex = new Int32Array(size).fill(-1);
  let markCount = 0;
  const threadIndex = new Int32Array(size).fill(-1);
  let threadCount = 0;
  for (let pc = 0; pc < size; pc++) {
    if ((indeg[pc] ?? 0) > 1) {
      markIndex[pc] = markCount++;
    }
    const o = op[pc];
    if (o === OP_CHAR || o === OP_SET || o === OP_ANY || o === OP_MATCH) {
      threadIndex[pc] = threadCount++;
    }
  }

  const slotCount = 2 * (ast.groupCount + 1);
  if (threadCount * slotCount > MAX_THREAD_SLOTS) {
    return {
      ok: false,
      error: {
        message: `pattern has too many capture groups for its size (${ast.groupCount} groups × ${threadCount} states); use (?:…) where no capture is needed`,
        pos: 0,
      },
    };
  }

  const runBody = new Int32Array(size).fill(-1);
  for (let pc = 0; pc < size; pc++) {
    const body = a[pc] ?? 0;
    const bo = op[body];
    if (op[pc] === OP_SPLIT && (bo === OP_SET || bo === OP_CHAR || bo === OP_ANY) && b[body] === pc) {
      runBody[pc] = body;
    }
  }

  const anchoredStart = startsAnchored(ast.root);
  const prefixCps: number[] = [];
  literalPrefix(ast.root, prefixCps);
  const prefix = String.fromCodePoint(...prefixCps.slice(0, 64));
  let firstSet: CharSet | null = null;
  let firstChars: string[] = [];
  const first = firstOf(ast.root);
  if (!first.nullable && prefix === "") {
    const fs = new CharSet(normalizeRanges(first.set));
    const count = rangesSize(fs.ranges);
    if (count <= 3) {
      // A few possible first characters (ERROR|WARN, (?i)e…): find each with indexOf.
      for (let i = 0; i < fs.ranges.length; i += 2) {
        for (let c = fs.ranges[i] ?? 0; c <= (fs.ranges[i + 1] ?? -1); c++) {
          firstChars.push(String.fromCodePoint(c));
        }
      }
    } else if (fs.asciiCount() <= 96 && count < 0x10000 && !rangesContain(fs.ranges, 0x10ffff)) {
      // Worth scanning for only if it rules out a good part of ASCII and is not huge above it.
      firstSet = fs;
    }
    if (count === 0) {
      firstChars = [];
      firstSet = fs; // nothing can match; the scan finds no start
    }
  }

  return {
    ok: true,
    program: {
      op,
      a,
      b,
      sets: e.sets,
      size,
      slotCount,
      anchoredStart,
      prefix,
      firstSet,
      firstChars,
      markIndex,
      markCount,
      threadIndex,
      threadCount,
      runBody,
      stackBound,
    },
  };
}
