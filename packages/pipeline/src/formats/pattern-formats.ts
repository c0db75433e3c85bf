import { compilePath, setPath } from "../field-path";
import { compileGrok, GROK_PRESETS } from "../regex";
import { assignKey } from "../safe-object";
import { compileUserRegex, tooLongToMatch } from "../user-regex";
import type { TextParser } from "./text-parser";

type Compiled = { ok: true; parser: TextParser } | { ok: false; reason: string };

/** A regex with named groups: each group that took part becomes a field. */
export function regexParser(pattern: string): Compiled {
  const re = compileUserRegex(pattern);
  if (!re.ok) {
    return re;
  }
  const names = re.regex.groupNames;
  if (names.length === 0) {
    return { ok: false, reason: "name at least one group, e.g. (?<level>\\w+): named groups become the fields" };
  }
  const regex = re.regex;
  return {
    ok: true,
    parser: bounded((text) => {
      const m = regex.exec(text);
      if (!m) {
        return { ok: false, reason: "the value does not match the pattern" };
      }
      const record: Record<string, unknown> = {};
      for (const name of names) {
        const v = m.named[name];
        if (v !== undefined) {
          assignKey(record, name, v);
        }
      }
      return { ok: true, records: [record] };
    }),
  };
}

/** A grok pattern (or a preset's name); fields named `a.b` or `[a][b]` nest. */
export function grokParser(pattern: string, custom: Record<string, string>): Compiled {
  const source = Object.hasOwn(GROK_PRESETS, pattern) ? GROK_PRESETS[pattern as keyof typeof GROK_PRESETS] : pattern;
  const g = compileGrok(source, custom);
  if (!g.ok) {
    return g;
  }
  const grok = g.grok;
  const paths = new Map(grok.fields.map((f) => [f.name, f.name.includes(".") ? compilePath(f.name) : null]));
  return {
    ok: true,
    parser: bounded((text) => {
      const r = grok.parse(text);
      if (!r.ok) {
        return r;
      }
      const record: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(r.fields)) {
        const p = paths.get(name);
        if (p?.ok) {
          setPath(record, p.path, value);
        } else {
          assignKey(record, name, value);
        }
      }
      return { ok: true, records: [record] };
    }),
  };
}

/** Refuses values too long for pattern matching before the parser sees them. */
function bounded(parse: TextParser): TextParser {
  return (text) => {
    const long = tooLongToMatch(text);
    return long ? { ok: false, reason: long } : parse(text);
  };
}
