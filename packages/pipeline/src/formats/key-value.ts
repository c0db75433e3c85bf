import { assignKey } from "../safe-object";
import type { TextParser } from "./text-parser";

export type KeyValueOptions = { pairSeparator: string; kvSeparator: string; trim: boolean; prefix: string };

/** `a=1&b=2`, `a:1, b:2`: pairs split at the first key/value separator; a later duplicate key wins. */
export function keyValueParser(opts: KeyValueOptions): TextParser {
  return (raw) => {
    const record: Record<string, unknown> = {};
    let n = 0;
    for (const pair of raw.replace(/\r?\n$/, "").split(opts.pairSeparator)) {
      const p = opts.trim ? pair.trim() : pair;
      if (p === "") {
        continue;
      }
      const at = p.indexOf(opts.kvSeparator);
      if (at <= 0) {
        return { ok: false, reason: at === 0 ? `pair "${p.slice(0, 40)}" has no key` : `pair "${p.slice(0, 40)}" has no "${opts.kvSeparator}"` };
      }
      const key = opts.trim ? p.slice(0, at).trim() : p.slice(0, at);
      const value = opts.trim ? p.slice(at + opts.kvSeparator.length).trim() : p.slice(at + opts.kvSeparator.length);
      assignKey(record, `${opts.prefix}${key}`, value);
      n++;
    }
    return n === 0 ? { ok: false, reason: "no key-value pairs" } : { ok: true, records: [record] };
  };
}
