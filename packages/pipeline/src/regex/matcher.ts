/**
 * The two matchers over a compiled program. Both give leftmost-first results (the match a backtracking engine such as
 * JavaScript's would find) in O(program size × input length) time:
 *
 * - PikeVM: Thompson simulation with capture slots. Threads are kept in priority order; a thread reaching an
 *   instruction another (higher-priority) thread already reached at the same position is dropped. Thread lists are
 *   preallocated (generation-stamped sets, one slot row per waiting instruction) and reused across calls.
 * - Backtracker: depth-first search that remembers every (instruction, position) it has visited in a bitset, so nothing
 *   is explored twice (RE2's "bit-state" engine). Much faster on short inputs; used while the bitset fits the budget.
 *
 * Positions are UTF-16 offsets; the input is read by code point (a surrogate pair is one character).
 */

import type { CharSet } from "./char-set";
import * as C from "./char-set";
import type { Program } from "./program";
import * as P from "./program";

// Local copies: a module-local const is a plain binding however the module is bundled or transformed (imported
// bindings can become property loads, which the hot loops below cannot afford).
const A_END_LINE = P.A_END_LINE;
const A_END_TEXT = P.A_END_TEXT;
const A_START_LINE = P.A_START_LINE;
const A_START_TEXT = P.A_START_TEXT;
const A_WORD = P.A_WORD;
const A_WORD_I = P.A_WORD_I;
const OP_ANY = P.OP_ANY;
const OP_ASSERT = P.OP_ASSERT;
const OP_CHAR = P.OP_CHAR;
const OP_CLEAR = P.OP_CLEAR;
const OP_FAIL = P.OP_FAIL;
const OP_JMP = P.OP_JMP;
const OP_MATCH = P.OP_MATCH;
const OP_SAVE = P.OP_SAVE;
const OP_SET = P.OP_SET;
const OP_SPLIT = P.OP_SPLIT;
const isLineTerminator = C.isLineTerminator;
const isWordChar = C.isWordChar;

/** Largest visited bitset (instructions with several ways in × input positions) the backtracker may use. */
export const MAX_BACKTRACK_BITS = 1 << 21;

export type Engine = "auto" | "pike" | "backtrack";

function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    }
  }
  return c;
}

function assertionHolds(kind: number, s: string, i: number): boolean {
  switch (kind) {
    case A_START_TEXT:
      return i === 0;
    case A_END_TEXT:
      return i === s.length;
    case A_START_LINE:
      return i === 0 || isLineTerminator(s.charCodeAt(i - 1));
    case A_END_LINE:
      return i === s.length || isLineTerminator(s.charCodeAt(i));
    default: {
      const ignoreCase = kind >= A_WORD_I;
      const before = i > 0 && isWordChar(s.charCodeAt(i - 1), ignoreCase);
      const after = i < s.length && isWordChar(s.charCodeAt(i), ignoreCase);
      return (kind === A_WORD || kind === A_WORD_I) === (before !== after);
    }
  }
}

/** The first offset ≥ at where a match could start, or -1 (uses the literal prefix or first-character set). */
function nextStart(prog: Program, s: string, at: number): number {
  if (prog.prefix !== "") {
    return s.indexOf(prog.prefix, at);
  }
  const fs = prog.firstSet;
  if (fs === null) {
    return at;
  }
  const ascii = fs.ascii;
  const len = s.length;
  let i = at;
  while (i < len) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (((ascii[c >> 5] as number) & (1 << (c & 31))) !== 0) {
        return i;
      }
      i++;
    } else {
      const cp = codePointAt(s, i);
      if (fs.has(cp)) {
        return i;
      }
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------------------

/** Visited bits, shared by every backtracker (JavaScript runs one search at a time); only the used prefix is cleared. */
let visited = new Uint32Array(1024);
let dirtyWords = 0;

class Backtracker {
  private stack: Int32Array<ArrayBuffer> = new Int32Array(256);

  constructor(private readonly prog: Program) {}

  private grow(): Int32Array<ArrayBuffer> {
    const bigger = new Int32Array(this.stack.length * 2);
    bigger.set(this.stack);
    this.stack = bigger;
    return bigger;
  }

  search(s: string, from: number, slots: Int32Array, nslots: number): boolean {
    const prog = this.prog;
    const { op, a, b, sets, markIndex } = prog;
    const rowBits = prog.markCount;
    const len = s.length;
    const needWords = (((len - from + 1) * rowBits + 31) >>> 5) + 1;
    if (visited.length < needWords) {
      visited = new Uint32Array(Math.max(needWords, visited.length * 2));
    } else if (dirtyWords > 0) {
      visited.fill(0, 0, Math.min(dirtyWords, visited.length));
    }
    const vis = visited;
    let maxWord = -1;
    let stack = this.stack;
    const filtered = prog.prefix !== "" || prog.firstSet !== null;
    let found = false;

    let start = from;
    while (start <= len) {
      if (prog.anchoredStart && start !== 0) {
        break;
      }
      if (filtered) {
        const n = nextStart(prog, s, start);
        if (n < 0) {
          break;
        }
        start = n;
      }
      for (let k = 0; k < nslots; k++) {
        slots[k] = -1;
      }
      let sp = 0;
      stack[sp++] = 0;
      stack[sp++] = start;
      search: while (sp > 0) {
        let at = stack[--sp] as number;
        let pc = stack[--sp] as number;
        if (pc < 0) {
          slots[-pc - 1] = at; // restore a capture slot
          continue;
        }
        for (;;) {
          const m = markIndex[pc] as number;
          if (m >= 0) {
            const bit = (at - from) * rowBits + m;
            const w = bit >>> 5;
            const mask = 1 << (bit & 31);
            const word = vis[w] as number;
            if ((word & mask) !== 0) {
              break;
            }
            vis[w] = word | mask;
            if (w > maxWord) {
              maxWord = w;
            }
          }
          switch (op[pc]) {
            case OP_CHAR: {
              if (at >= len) {
                break;
              }
              let c = s.charCodeAt(at);
              if (c >= 0xd800 && c <= 0xdbff) {
                c = codePointAt(s, at);
              }
              if (c !== a[pc]) {
                break;
              }
              at += c > 0xffff ? 2 : 1;
              pc = b[pc] as number;
              continue;
            }
            case OP_SET: {
              if (at >= len) {
                break;
              }
              let c = s.charCodeAt(at);
              if (c >= 0xd800 && c <= 0xdbff) {
                c = codePointAt(s, at);
              }
              if (!(sets[a[pc] as number] as CharSet).has(c)) {
                break;
              }
              at += c > 0xffff ? 2 : 1;
              pc = b[pc] as number;
              continue;
            }
            case OP_ANY: {
              if (at >= len) {
                break;
              }
              const c = s.charCodeAt(at);
              at += c >= 0xd800 && c <= 0xdbff && codePointAt(s, at) > 0xffff ? 2 : 1;
              pc = b[pc] as number;
              continue;
            }
            case OP_SPLIT:
              if (sp + 2 > stack.length) {
                stack = this.grow();
              }
              stack[sp++] = b[pc] as number;
              stack[sp++] = at;
              pc = a[pc] as number;
              continue;
            case OP_JMP:
              pc = a[pc] as number;
              continue;
            case OP_SAVE: {
              const k = a[pc] as number;
              if (k < nslots) {
                if (sp + 2 > stack.length) {
                  stack = this.grow();
                }
                stack[sp++] = -k - 1;
                stack[sp++] = slots[k] as number;
                slots[k] = at;
              }
              pc++;
              continue;
            }
            case OP_CLEAR: {
              const end = Math.min(b[pc] as number, nslots);
              for (let k = a[pc] as number; k < end; k++) {
                if (slots[k] !== -1) {
                  if (sp + 2 > stack.length) {
                    stack = this.grow();
                  }
                  stack[sp++] = -k - 1;
                  stack[sp++] = slots[k] as number;
                  slots[k] = -1;
                }
              }
              pc++;
              continue;
            }
            case OP_ASSERT:
              if (!assertionHolds(a[pc] as number, s, at)) {
                break;
              }
              pc++;
              continue;
            case OP_MATCH:
              found = true;
              break search;
            default: // OP_FAIL
              break;
          }
          break;
        }
      }
      if (found || start >= len) {
        break;
      }
      start += codePointAt(s, start) > 0xffff ? 2 : 1;
    }
    dirtyWords = maxWord + 1;
    return found;
  }
}

// ---------------------------------------------------------------------------------------------------------------------

/** A set of instructions reached at one position (generation-stamped) and the threads waiting there, in priority order. */
class ThreadList {
  readonly mark: Uint32Array;
  gen = 1;
  readonly pcs: Int32Array;
  count = 0;
  readonly slots: Int32Array;

  constructor(size: number, threads: number, slotCount: number) {
    this.mark = new Uint32Array(size);
    this.pcs = new Int32Array(threads);
    this.slots = new Int32Array(threads * slotCount);
  }

  clear(): void {
    this.count = 0;
    if (this.gen === 0xffffffff) {
      this.mark.fill(0);
      this.gen = 1;
    } else {
      this.gen++;
    }
  }
}

class PikeVM {
  private clist: ThreadList;
  private nlist: ThreadList;
  private readonly stack: Int32Array;
  private readonly scratch: Int32Array;
  private readonly initial: Int32Array;

  constructor(private readonly prog: Program) {
    this.clist = new ThreadList(prog.size, prog.threadCount, prog.slotCount);
    this.nlist = new ThreadList(prog.size, prog.threadCount, prog.slotCount);
    this.stack = new Int32Array(2 * (prog.stackBound + 2));
    this.scratch = new Int32Array(prog.slotCount);
    this.initial = new Int32Array(prog.slotCount).fill(-1);
  }

  /** Adds the threads reachable from pc through empty transitions at `at`, in priority order (epsilon closure). */
  private add(list: ThreadList, pc0: number, at: number, s: string, src: Int32Array, srcOff: number, nslots: number): void {
    const { op, a, b, threadIndex } = this.prog;
    const { mark, gen } = list;
    const stack = this.stack;
    const scratch = this.scratch;
    for (let k = 0; k < nslots; k++) {
      scratch[k] = src[srcOff + k] as number;
    }
    let sp = 0;
    stack[sp++] = pc0;
    stack[sp++] = 0;
    while (sp > 0) {
      const v = stack[--sp] as number;
      let pc = stack[--sp] as number;
      if (pc < 0) {
        scratch[-pc - 1] = v;
        continue;
      }
      for (;;) {
        if (mark[pc] === gen) {
          break;
        }
        mark[pc] = gen;
        switch (op[pc]) {
          case OP_JMP:
            pc = a[pc] as number;
            continue;
          case OP_SPLIT:
            stack[sp++] = b[pc] as number;
            stack[sp++] = 0;
            pc = a[pc] as number;
            continue;
          case OP_SAVE: {
            const k = a[pc] as number;
            if (k < nslots) {
              stack[sp++] = -k - 1;
              stack[sp++] = scratch[k] as number;
              scratch[k] = at;
            }
            pc++;
            continue;
          }
          case OP_CLEAR: {
            const end = Math.min(b[pc] as number, nslots);
            for (let k = a[pc] as number; k < end; k++) {
              if (scratch[k] !== -1) {
                stack[sp++] = -k - 1;
                stack[sp++] = scratch[k] as number;
                scratch[k] = -1;
              }
            }
            pc++;
            continue;
          }
          case OP_ASSERT:
            if (!assertionHolds(a[pc] as number, s, at)) {
              break;
            }
            pc++;
            continue;
          case OP_FAIL:
            break;
          default: {
            // CHAR, SET, ANY, MATCH: a thread waits here.
            list.pcs[list.count++] = pc;
            const off = (threadIndex[pc] as number) * nslots;
            const slots = list.slots;
            for (let k = 0; k < nslots; k++) {
              slots[off + k] = scratch[k] as number;
            }
            break;
          }
        }
        break;
      }
    }
  }

  search(s: string, from: number, out: Int32Array, nslots: number): boolean {
    const prog = this.prog;
    const { op, a, b, sets, threadIndex } = prog;
    const len = s.length;
    const filtered = prog.prefix !== "" || prog.firstSet !== null;
    let clist = this.clist;
    let nlist = this.nlist;
    clist.clear();
    let matched = false;
    let at = from;
    for (;;) {
      if (clist.count === 0) {
        if (matched || (prog.anchoredStart && at !== 0)) {
          break;
        }
        if (filtered) {
          const n = nextStart(prog, s, at);
          if (n < 0) {
            break;
          }
          if (n !== at) {
            at = n;
            clist.clear(); // its marks belong to the position skipped
          }
        }
      }
      if (!matched && (!prog.anchoredStart || at === 0)) {
        this.add(clist, 0, at, s, this.initial, 0, nslots);
      }
      let c = -1;
      let next = at + 1;
      if (at < len) {
        c = s.charCodeAt(at);
        if (c >= 0xd800 && c <= 0xdbff) {
          c = codePointAt(s, at);
          if (c > 0xffff) {
            next = at + 2;
          }
        }
      }
      nlist.clear();
      const pcs = clist.pcs;
      const count = clist.count;
      for (let i = 0; i < count; i++) {
        const pc = pcs[i] as number;
        switch (op[pc]) {
          case OP_MATCH: {
            matched = true;
            const off = (threadIndex[pc] as number) * nslots;
            for (let k = 0; k < nslots; k++) {
              out[k] = clist.slots[off + k] as number;
            }
            if (nslots === 0) {
              return true;
            }
            i = count; // lower-priority threads lose to this match
            break;
          }
          case OP_CHAR:
            if (c === a[pc]) {
              this.add(nlist, b[pc] as number, next, s, clist.slots, (threadIndex[pc] as number) * nslots, nslots);
            }
            break;
          case OP_SET:
            if (c >= 0 && (sets[a[pc] as number] as CharSet).has(c)) {
              this.add(nlist, b[pc] as number, next, s, clist.slots, (threadIndex[pc] as number) * nslots, nslots);
            }
            break;
          case OP_ANY:
            if (c >= 0) {
              this.add(nlist, b[pc] as number, next, s, clist.slots, (threadIndex[pc] as number) * nslots, nslots);
            }
            break;
        }
      }
      const t = clist;
      clist = nlist;
      nlist = t;
      if (at >= len) {
        break;
      }
      at = next;
    }
    this.clist = clist;
    this.nlist = nlist;
    return matched;
  }
}

// ---------------------------------------------------------------------------------------------------------------------

/** Runs searches for one program, choosing the backtracker when its bitset fits and the Pike VM otherwise. */
export class Matcher {
  private readonly backtracker: Backtracker;
  private pike: PikeVM | undefined;

  constructor(readonly prog: Program) {
    this.backtracker = new Backtracker(prog);
  }

  /**
   * Leftmost-first search from `from`. Fills out[0..nslots) with capture slots (-1 = unset): nslots 0 only answers
   * whether there is a match, 2 gives the match span, prog.slotCount gives every group.
   */
  search(s: string, from: number, out: Int32Array, nslots: number, engine: Engine = "auto"): boolean {
    if (engine === "backtrack" || (engine === "auto" && (s.length - from + 1) * this.prog.markCount <= MAX_BACKTRACK_BITS)) {
      return this.backtracker.search(s, from, out, nslots);
    }
    this.pike ??= new PikeVM(this.prog);
    return this.pike.search(s, from, out, nslots);
  }
}
