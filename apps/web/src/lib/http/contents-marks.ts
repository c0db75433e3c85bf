import { isExactNumber } from "@outflow/pipeline/exact-number";

/** What stands in for U+2068 and U+2069 inside message contents until the answer's text is final. */
export type ContentsMarks = { readonly open: string; readonly close: string };

const MARKS = /[\u2068\u2069]/g;

/**
 * `value` with every U+2068 and U+2069 in its strings and object keys, however deep, replaced by `marks`. Pure (no
 * `server-only`): a preview thread runs it on its answer with the marks the request thread hands it. Exact numbers
 * (JSON.rawJSON objects) and anything but plain objects and arrays are kept as they are.
 */
export function swapMarks<T>(value: T, marks: ContentsMarks): T {
  const swap = (s: string) => s.replace(MARKS, (m) => (m === "\u2068" ? marks.open : marks.close));
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      return swap(v);
    }
    if (Array.isArray(v)) {
      return v.map(walk);
    }
    if (v !== null && typeof v === "object" && !isExactNumber(v)) {
      const proto = Object.getPrototypeOf(v);
      if (proto === Object.prototype || proto === null) {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [swap(k), walk(x)]));
      }
    }
    return v;
  };
  return walk(value) as T;
}
