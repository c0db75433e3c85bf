import { assignKey } from "../safe-object";
import type { TextParser } from "./text-parser";

export type DelimitedOptions = { separator: string; quote?: string; columns?: string[]; trim: boolean };

/** One line of delimited text; `quote` wraps fields that contain the separator, a doubled quote is a literal one. */
export function delimitedParser(opts: DelimitedOptions): TextParser {
  return (raw) => {
    const text = raw.replace(/\r?\n$/, "");
    if (text.length === 0) {
      return { ok: false, reason: "empty line" };
    }
    const cells = opts.quote ? splitQuoted(text, opts.separator, opts.quote) : text.split(opts.separator);
    if (cells === null) {
      return { ok: false, reason: `unterminated ${opts.quote} quote` };
    }
    const values = opts.trim ? cells.map((c) => c.trim()) : cells;
    const names = opts.columns;
    if (names && values.length !== names.length) {
      return { ok: false, reason: `expected ${names.length} columns (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}), got ${values.length}` };
    }
    const record: Record<string, unknown> = {};
    for (let i = 0; i < values.length; i++) {
      assignKey(record, names?.[i] ?? `_${i + 1}`, values[i]);
    }
    return { ok: true, records: [record] };
  };
}

function splitQuoted(text: string, sep: string, quote: string): string[] | null {
  const out: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    if (quoted) {
      if (text[i] === quote) {
        if (text[i + 1] === quote) {
          cell += quote;
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      cell += text[i];
      i++;
    } else if (text[i] === quote && cell.length === 0) {
      quoted = true;
      i++;
    } else if (text.startsWith(sep, i)) {
      out.push(cell);
      cell = "";
      i += sep.length;
    } else {
      cell += text[i];
      i++;
    }
  }
  if (quoted) {
    return null;
  }
  out.push(cell);
  return out;
}
