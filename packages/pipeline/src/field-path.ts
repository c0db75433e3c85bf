import type { Problem } from "./compile-issues";
import { isExactNumber } from "./exact-number";
import { assignKey } from "./safe-object";

/**
 * Field references: a JSONPath subset (`$`, `.name`, `['name']`, `["name"]`, `[0]`) or a bare dotted path (`a.b[0]`).
 * Compiled once into segments; get/set/remove walk plain JSON values.
 */
export type Segment = string | number;
export type CompiledPath = { source: string; segments: Segment[] };

export type PathResult = { ok: true; path: CompiledPath } | ({ ok: false } & Problem);

const IDENT = /^[A-Za-z0-9_@$-]+/;
/** The largest array index a path may name: writing `[3000000]` would create an array of that length. */
export const MAX_PATH_INDEX = 10_000;

export function compilePath(source: string): PathResult {
  let s = source.trim();
  if (s === "$") {
    return { ok: true, path: { source, segments: [] } };
  }
  if (s.startsWith("$")) {
    s = s.slice(1);
  } else {
    s = `.${s}`;
  }
  const segments: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ".") {
      const m = IDENT.exec(s.slice(i + 1));
      if (!m) {
        return {
          ok: false,
          reason: `expected a field name after '.' at position ${i + 1} of "${source}"`,
          key: "compile.path.nameAfterDot",
          params: { position: i + 1, path: source },
        };
      }
      segments.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === "[") {
      const rest = s.slice(i + 1);
      const index = /^(\d+)\]/.exec(rest);
      const quoted = /^'((?:[^'\\]|\\.)*)'\]/.exec(rest) ?? /^"((?:[^"\\]|\\.)*)"\]/.exec(rest);
      if (index?.[1] !== undefined) {
        if (Number(index[1]) > MAX_PATH_INDEX) {
          return {
            ok: false,
            reason: `array index ${index[1]} in "${source}" is over ${MAX_PATH_INDEX}`,
            key: "compile.path.indexTooLarge",
            params: { index: index[1], path: source, max: MAX_PATH_INDEX },
          };
        }
        segments.push(Number(index[1]));
        i += 1 + index[0].length;
      } else if (quoted?.[1] !== undefined) {
        segments.push(quoted[1].replace(/\\(.)/g, "$1"));
        i += 1 + quoted[0].length;
      } else {
        return {
          ok: false,
          reason: `expected [<index>] or ['<name>'] at position ${i} of "${source}"`,
          key: "compile.path.bracket",
          params: { position: i, path: source },
        };
      }
    } else {
      return {
        ok: false,
        reason: `unexpected '${c}' at position ${i} of "${source}"`,
        key: "compile.path.unexpected",
        params: { char: c ?? "", position: i, path: source },
      };
    }
  }
  if (segments.length === 0) {
    return { ok: false, reason: `"${source}" names no field` };
  }
  return { ok: true, path: { source, segments } };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !isExactNumber(v);
}

export function getPath(root: unknown, path: CompiledPath): unknown {
  let cur: unknown = root;
  for (const seg of path.segments) {
    if (typeof seg === "number") {
      if (!Array.isArray(cur)) {
        return undefined;
      }
      cur = cur[seg];
    } else {
      if (!isRecord(cur) || !Object.hasOwn(cur, seg)) {
        return undefined;
      }
      cur = cur[seg];
    }
  }
  return cur;
}

/** Sets a value, creating objects (or arrays, for numeric segments) on the way. Returns false if a scalar is in the way. */
export function setPath(root: Record<string, unknown>, path: CompiledPath, value: unknown): boolean {
  const segs = path.segments;
  let cur: unknown = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i] as Segment;
    const nextIsIndex = typeof segs[i + 1] === "number";
    const container = cur as Record<string | number, unknown>;
    if (!isContainer(cur, seg)) {
      return false;
    }
    let next = Object.hasOwn(container, seg) ? container[seg] : undefined;
    if (next === undefined || next === null) {
      next = nextIsIndex ? [] : {};
      assign(container, seg, next);
    }
    cur = next;
  }
  const last = segs[segs.length - 1] as Segment;
  if (!isContainer(cur, last)) {
    return false;
  }
  assign(cur as Record<string | number, unknown>, last, value);
  return true;
}

/**
 * Removes the value at `path` and returns the root: the same object, or, when a key of the root itself goes, a copy
 * of it without that key. An object loses a key by being copied without it, and its parent points to the copy:
 * `delete` of any but an object's last key turns it into a dictionary (slower to read and to serialise, and larger:
 * bench/pipeline-cost.ts measured parse + rename + drop + stringify of the bench records at 3.7 µs with `delete`
 * and 3.05 with copies). Objects of more than COPY_MAX_KEYS keys, cheaper to turn into a dictionary than to copy,
 * still lose it by `delete`.
 */
export function withoutPath(root: Record<string, unknown>, path: CompiledPath): Record<string, unknown> {
  const segs = path.segments;
  const last = segs[segs.length - 1] as Segment;
  if (segs.length === 1) {
    return typeof last === "string" && Object.hasOwn(root, last) ? withoutKey(root, last) : root;
  }
  const holderPath = { source: path.source, segments: segs.slice(0, -2) };
  const holder = holderPath.segments.length === 0 ? root : getPath(root, holderPath);
  const parentSeg = segs[segs.length - 2] as Segment;
  const parent = getPath(holder, { source: path.source, segments: [parentSeg] });
  if (typeof last === "number" && Array.isArray(parent) && last < parent.length) {
    parent.splice(last, 1);
  } else if (typeof last === "string" && isRecord(parent) && Object.hasOwn(parent, last)) {
    assign(holder as Record<string | number, unknown>, parentSeg, withoutKey(parent, last));
  }
  return root;
}

const COPY_MAX_KEYS = 64;

function withoutKey(obj: Record<string, unknown>, key: string): Record<string, unknown> {
  const keys = Object.keys(obj);
  if (keys.length > COPY_MAX_KEYS) {
    delete obj[key];
    return obj;
  }
  const out: Record<string, unknown> = Object.getPrototypeOf(obj) === null ? Object.create(null) : {};
  for (const k of keys) {
    if (k !== key) {
      assignKey(out, k, obj[k]);
    }
  }
  return out;
}

function assign(container: Record<string | number, unknown>, seg: Segment, value: unknown): void {
  if (typeof seg === "number") {
    container[seg] = value;
  } else {
    assignKey(container, seg, value);
  }
}

function isContainer(cur: unknown, seg: Segment): boolean {
  return typeof seg === "number" ? Array.isArray(cur) : isRecord(cur);
}
