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

/** Largest visited bitset (instructions with several ways in × input positions) the backtracker may use (1 MiB). */
export const MAX_BACKTRACK_BITS = 1 << 23;
/** Largest backtracker stack, in ints (16 MiB); past it the search is redone by the Pike VM. */
const MAX_BACKTRACK_STACK = 1 << 22;

const FOUND = 1;
const NOT_FOUND = 0;
const GAVE_UP = -1;

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

/** Tag base for greedy-run frames on the backtracker's stack (below any capture-restore tag). */
const RETREAT = -(1 << 28);

/** The offset one code point before `i` (not before `lo`). */
function stepBack(s: string, i: number, lo: number): number {
  if (i - 2 >= lo) {
    const low = s.charCodeAt(i - 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      const high = s.charCodeAt(i - 2);
      if (high >= 0xd800 && high <= 0xdbff) {
        return i - 2;
      }
    }
  }
  return i - 1;
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

/**
 * The first offset ≥ at where a match could start, or -1: the literal prefix, one of the few first characters (each
 * found with indexOf; `seen` remembers the next occurrence of each, so a search never rescans), or the first-character
 * set. Without any of these, `at` itself.
 */
function nextStart(prog: Program, s: string, at: number, seen: Int32Array): number {
  if (prog.prefix !== "") {
    return s.indexOf(prog.prefix, at);
  }
  const chars = prog.firstChars;
  if (chars.length > 0) {
    let best = -1;
    for (let j = 0; j < chars.length; j++) {
      let p = seen[j] as number;
      if (p !== -1 && p < at) {
        p = s.indexOf(chars[j] as string, at);
        seen[j] = p;
      }
      if (p >= 0 && (best < 0 || p < best)) {
        best = p;
      }
    }
    return best;
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

/**
 * Work done by every matcher since the module loaded: instructions the backtracker ran, threads the Pike VM stepped
 * and closure instructions it followed. Tests compare it across input sizes (linear time as a ratio, not a clock).
 */
let steps = 0;

export function matcherSteps(): number {
  return steps;
}

/** Visited bits, shared by every backtracker (JavaScript runs one search at a time); only the used prefix is cleared. */
let visited = new Uint32Array(1024);
let dirtyWords = 0;

class Backtracker {
  private stack: Int32Array<ArrayBuffer> = new Int32Array(256);
  private readonly seen = new Int32Array(3);

  constructor(private readonly prog: Program) {}

  /** A stack twice the size, or null past the limit (the search then gives up and the Pike VM takes over). */
  private grow(): Int32Array<ArrayBuffer> | null {
    if (this.stack.length * 2 > MAX_BACKTRACK_STACK) {
      this.stack = new Int32Array(256);
      return null;
    }
    const bigger = new Int32Array(this.stack.length * 2);
    bigger.set(this.stack);
    this.stack = bigger;
    return bigger;
  }

  /** FOUND (slots filled), NOT_FOUND, or GAVE_UP when the stack would pass its limit. */
  search(s: string, from: number, slots: Int32Array, nslots: number): number {
    const prog = this.prog;
    const { op, a, b, sets, markIndex, runBody } = prog;
    const rowBits = prog.markCount;
    const len = s.length;
    const needWords = (((len - from + 1) * rowBits + 31) >>> 5) + 1;
    if (visited.length < needWords) {
      visited = new Uint32Array(Math.max(needWords, visited.length * 2));
    } else if (dirtyWords > 64) {
      visited.fill(0, 0, Math.min(dirtyWords, visited.length));
    } else {
      for (let w = 0; w < dirtyWords; w++) {
        visited[w] = 0;
      }
    }
    const vis = visited;
    let maxWord = -1;
    let stack = this.stack;
    const filtered = prog.prefix !== "" || prog.firstSet !== null || prog.firstChars.length > 0;
    const seen = this.seen;
    seen[0] = -2;
    seen[1] = -2;
    seen[2] = -2;
    let outcome = NOT_FOUND;
    let work = 0;

    let start = from;
    while (start <= len) {
      if (prog.anchoredStart && start !== 0) {
        break;
      }
      if (filtered) {
        const n = nextStart(prog, s, start, seen);
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
          if (pc > RETREAT) {
            slots[-pc - 1] = at; // restore a capture slot
            continue;
          }
          // A greedy run giving back one more character: try its continuation at `at`, keep the rest for later.
          const lo = stack[--sp] as number;
          if (at > lo) {
            stack[sp++] = lo;
            stack[sp++] = pc;
            stack[sp++] = stepBack(s, at, lo);
          }
          pc = RETREAT - pc;
        }
        for (;;) {
          work++;
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
            case OP_SPLIT: {
              if (sp + 3 > stack.length) {
                const bigger = this.grow();
                if (bigger === null) {
                  outcome = GAVE_UP;
                  break search;
                }
                stack = bigger;
              }
              const body = runBody[pc] as number;
              if (body < 0) {
                stack[sp++] = b[pc] as number;
                stack[sp++] = at;
                pc = a[pc] as number;
                continue;
              }
              // Greedy loop over one character class (x* / x+ where x is a class, literal or any): consume the
              // longest run at once, marking each loop visit, then try the continuation from the longest run down
              // (exactly the order the plain loop would, without a choice point per character).
              const runStart = at;
              // The plain loop checks the visited bit of the loop head (x*) or of the body (x+), whichever has one.
              const headMark = markIndex[pc] as number;
              const bodyMark = markIndex[body] as number;
              const bodyOp = op[body];
              const arg = a[body] as number;
              const set = bodyOp === OP_SET ? (sets[arg] as CharSet) : null;
              while (at < len) {
                let c = s.charCodeAt(at);
                if (c >= 0xd800 && c <= 0xdbff) {
                  c = codePointAt(s, at);
                }
                if (set !== null ? !set.has(c) : bodyOp === OP_CHAR && c !== arg) {
                  break;
                }
                if (bodyMark >= 0) {
                  const bit = (at - from) * rowBits + bodyMark;
                  const w = bit >>> 5;
                  const word = vis[w] as number;
                  if ((word & (1 << (bit & 31))) !== 0) {
                    break;
                  }
                  vis[w] = word | (1 << (bit & 31));
                  if (w > maxWord) {
                    maxWord = w;
                  }
                }
                const next = at + (c > 0xffff ? 2 : 1);
                if (headMark >= 0) {
                  const bit = (next - from) * rowBits + headMark;
                  const w = bit >>> 5;
                  const word = vis[w] as number;
                  if ((word & (1 << (bit & 31))) !== 0) {
                    break;
                  }
                  vis[w] = word | (1 << (bit & 31));
                  if (w > maxWord) {
                    maxWord = w;
                  }
                }
                at = next;
              }
              if (at > runStart) {
                stack[sp++] = runStart;
                stack[sp++] = RETREAT - (b[pc] as number);
                stack[sp++] = stepBack(s, at, runStart);
              }
              pc = b[pc] as number;
              continue;
            }
            case OP_JMP:
              pc = a[pc] as number;
              continue;
            case OP_SAVE: {
              const k = a[pc] as number;
              if (k < nslots) {
                if (sp + 2 > stack.length) {
                  const bigger = this.grow();
                  if (bigger === null) {
                    outcome = GAVE_UP;
                    break search;
                  }
                  stack = bigger;
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
                    const bigger = this.grow();
                    if (bigger === null) {
                      outcome = GAVE_UP;
                      break search;
                    }
                    stack = bigger;
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
              outcome = FOUND;
              break search;
            default: // OP_FAIL
              break;
          }
          break;
        }
      }
      if (outcome !== NOT_FOUND || start >= len) {
        break;
      }
      start += codePointAt(s, start) > 0xffff ? 2 : 1;
    }
    dirtyWords = maxWord + 1;
    steps += work;
    return outcome;
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

/**
 * The threads of the start state's epsilon closure in one assertion context, and for each the slots the closure set to
 * the position: thread i's are setSlots[setFrom[i] .. setFrom[i + 1]).
 */
type StartClosure = { pcs: Int32Array; setFrom: Int32Array; setSlots: Int32Array };

class PikeVM {
  private clist: ThreadList;
  private nlist: ThreadList;
  private readonly stack: Int32Array;
  private readonly scratch: Int32Array;
  private readonly initial: Int32Array;
  private readonly startCache: (StartClosure | undefined)[] = [];
  private readonly seen = new Int32Array(3);
  private tmp: ThreadList | undefined;

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
    let work = 0;
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
        work++;
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
    steps += work;
  }

  /**
   * Adds a new search thread at `at` (lowest priority). Its epsilon closure depends on the position only through the
   * assertions, so it is computed once per assertion context and replayed: the threads in order, each with the slots
   * the closure set to the position. Threads already in the list are skipped (a higher-priority thread got there first,
   * and so did everything reachable from it), as are threads that cannot take the character at `at`.
   */
  private addStart(list: ThreadList, at: number, s: string, c: number, nslots: number): void {
    let key = 0;
    if (at === 0) {
      key |= 1;
    } else {
      const p = s.charCodeAt(at - 1);
      key |= (isWordChar(p, false) ? 4 : 0) | (isWordChar(p, true) ? 16 : 0) | (isLineTerminator(p) ? 64 : 0);
    }
    if (at === s.length) {
      key |= 2;
    } else {
      const n = s.charCodeAt(at);
      key |= (isWordChar(n, false) ? 8 : 0) | (isWordChar(n, true) ? 32 : 0) | (isLineTerminator(n) ? 128 : 0);
    }
    let start = this.startCache[key];
    if (start === undefined) {
      start = this.computeStart(at, s);
      this.startCache[key] = start;
    }
    const { op, a, sets, threadIndex } = this.prog;
    const { mark, gen, pcs: listPcs, slots } = list;
    const { pcs, setFrom, setSlots } = start;
    for (let i = 0; i < pcs.length; i++) {
      const pc = pcs[i] as number;
      if (mark[pc] === gen) {
        continue;
      }
      const o = op[pc];
      if (o === OP_CHAR ? c !== a[pc] : o === OP_SET ? c < 0 || !(sets[a[pc] as number] as CharSet).has(c) : o === OP_ANY && c < 0) {
        continue;
      }
      mark[pc] = gen;
      listPcs[list.count++] = pc;
      const off = (threadIndex[pc] as number) * nslots;
      for (let k = 0; k < nslots; k++) {
        slots[off + k] = -1;
      }
      const end = setFrom[i + 1] as number;
      for (let j = setFrom[i] as number; j < end; j++) {
        const k = setSlots[j] as number;
        if (k < nslots) {
          slots[off + k] = at;
        }
      }
    }
  }

  private computeStart(at: number, s: string): StartClosure {
    const { slotCount, size, threadCount } = this.prog;
    this.tmp ??= new ThreadList(size, threadCount, slotCount);
    const tmp = this.tmp;
    tmp.clear();
    this.add(tmp, 0, at, s, this.initial, 0, slotCount);
    const pcs = tmp.pcs.slice(0, tmp.count);
    const setFrom = new Int32Array(tmp.count + 1);
    const setSlots: number[] = [];
    for (let i = 0; i < tmp.count; i++) {
      setFrom[i] = setSlots.length;
      const off = (this.prog.threadIndex[pcs[i] as number] as number) * slotCount;
      for (let k = 0; k < slotCount; k++) {
        if (tmp.slots[off + k] === at) {
          setSlots.push(k);
        }
      }
    }
    setFrom[tmp.count] = setSlots.length;
    return { pcs, setFrom, setSlots: Int32Array.from(setSlots) };
  }

  search(s: string, from: number, out: Int32Array, nslots: number): boolean {
    const prog = this.prog;
    const { op, a, b, sets, threadIndex } = prog;
    const len = s.length;
    const filtered = prog.prefix !== "" || prog.firstSet !== null || prog.firstChars.length > 0;
    const seen = this.seen;
    seen[0] = -2;
    seen[1] = -2;
    seen[2] = -2;
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
          const n = nextStart(prog, s, at, seen);
          if (n < 0) {
            break;
          }
          if (n !== at) {
            at = n;
            clist.clear(); // its marks belong to the position skipped
          }
        }
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
      if (!matched && (!prog.anchoredStart || at === 0)) {
        this.addStart(clist, at, s, c, nslots);
      }
      nlist.clear();
      const pcs = clist.pcs;
      const count = clist.count;
      steps += count + 1;
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
      const outcome = this.backtracker.search(s, from, out, nslots);
      if (outcome !== GAVE_UP) {
        return outcome === FOUND;
      }
    }
    this.pike ??= new PikeVM(this.prog);
    return this.pike.search(s, from, out, nslots);
  }
}
