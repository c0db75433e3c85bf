/**
 * Grok: regular expressions with named, reusable parts. %{NAME} matches pattern NAME without capturing,
 * %{NAME:field} captures it as `field`, %{NAME:field:int} / %{NAME:field:float} also converts it. A regex named group
 * (?<field>…) in a pattern is a string field too. Patterns expand to one regular expression for the linear-time engine.
 *
 * Matching is an unanchored search, as in Logstash: the pattern may match anywhere in the line (add ^ and $ to anchor).
 * Captures that did not take part in the match, or matched the empty string, are left out (Logstash's default).
 * When a field name occurs more than once, the first capture that matched wins. Field names are kept as written except
 * that [a][b] becomes a.b; the consumer decides whether dots nest. The fields object has no prototype ("__proto__" is
 * an ordinary key). Custom patterns may override built-in ones. The expansion is bounded (200,000 characters, 50,000
 * instructions), and the built-in patterns differ from Logstash's where noted in grok-patterns.ts.
 */
import { type JsonNumber, numberFromText } from "../exact-number";
import { BUILTIN_GROK_PATTERNS } from "./grok-patterns";
import { compileSafeRegexWithLimits, MAX_PATTERN_LENGTH, type SafeRegexImpl } from "./safe-regex";

export type GrokType = "string" | "int" | "float";
export type GrokField = { name: string; type: GrokType };

export type Grok = {
  source: string;
  /** The fields the pattern can produce, in order of first appearance. */
  fields: GrokField[];
  parse(line: string): { ok: true; fields: Record<string, string | JsonNumber> } | { ok: false; reason: string };
};

export const GROK_PATTERNS: Readonly<Record<string, string>> = BUILTIN_GROK_PATTERNS;

export const GROK_PRESETS = Object.freeze({
  nginx_combined: "%{COMBINEDAPACHELOG}",
  apache_common: "%{COMMONAPACHELOG}",
  apache_combined: "%{COMBINEDAPACHELOG}",
  syslog_rfc3164: "%{SYSLOGLINE}",
  syslog_rfc5424: "%{SYSLOG5424LINE}",
});

/** Generated expressions are much longer than what users type; these bound them. */
const MAX_EXPANDED_LENGTH = 200_000;
const MAX_PROGRAM_SIZE = 50_000;
const MAX_CUSTOM_PATTERNS = 200;

const PATTERN_NAME = /^[A-Za-z0-9_]+$/;

type Capture = { group: string; field: string; type: GrokType };
type Origin = { label: string; text: string };
/** Where a stretch of the expanded expression came from: copied text maps offset by offset, wrappers to their %{…}. */
type Segment = { out: number; origin: Origin; src: number; copied: boolean };

class GrokError {
  constructor(readonly reason: string) {}
}

/** "[client][ip]" → "client.ip"; other names are kept as written. */
function normalizeFieldName(name: string): string {
  if (/^(\[[^[\]]+\])+$/.test(name)) {
    return name.slice(1, -1).split("][").join(".");
  }
  return name;
}

function where(origin: Origin, pos: number): string {
  return origin.label === "" ? `at position ${pos}` : `at position ${pos} of pattern ${origin.label}`;
}

class Expander {
  private out = "";
  readonly segments: Segment[] = [];
  readonly captures: Capture[] = [];
  private readonly stack: string[] = [];

  constructor(private readonly library: ReadonlyMap<string, string>) {}

  get text(): string {
    return this.out;
  }

  private emit(s: string, origin: Origin, src: number, copied: boolean): void {
    if (s === "") {
      return;
    }
    this.segments.push({ out: this.out.length, origin, src, copied });
    this.out += s;
    if (this.out.length > MAX_EXPANDED_LENGTH) {
      throw new GrokError(`the grok pattern expands to more than ${MAX_EXPANDED_LENGTH} characters`);
    }
  }

  private newGroup(field: string, type: GrokType): string {
    const group = `g${this.captures.length}`;
    this.captures.push({ group, field, type });
    return group;
  }

  /** Copies a pattern, expanding %{…}, turning plain groups non-capturing and named groups into fields. */
  expand(origin: Origin): void {
    const src = origin.text;
    let i = 0;
    let run = 0; // start of the pending run of copied text
    const flush = (end: number): void => {
      this.emit(src.slice(run, end), origin, run, true);
    };
    while (i < src.length) {
      const c = src[i];
      if (c === "\\") {
        i += 2;
      } else if (c === "[") {
        i = skipClass(src, i);
      } else if (c === "(") {
        const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(src.slice(i, i + 300));
        if (named?.[1] !== undefined) {
          flush(i);
          this.emit(`(?<${this.newGroup(named[1], "string")}>`, origin, i, false);
          i += named[0].length;
          run = i;
        } else if (src[i + 1] !== "?") {
          flush(i);
          this.emit("(?:", origin, i, false);
          i += 1;
          run = i;
        } else {
          i += 1;
        }
      } else if (c === "%" && src[i + 1] === "{") {
        flush(i);
        i = this.reference(origin, i);
        run = i;
      } else {
        i += 1;
      }
    }
    flush(src.length);
  }

  /** Expands the %{NAME[:field[:type]]} at `at`; returns the offset after it. */
  private reference(origin: Origin, at: number): number {
    const src = origin.text;
    const close = src.indexOf("}", at);
    if (close < 0) {
      throw new GrokError(`unclosed %{ ${where(origin, at)}`);
    }
    const body = src.slice(at + 2, close);
    const ref = `%{${body}}`;
    const [name = "", rawField, rawType, ...extra] = body.split(":");
    if (!PATTERN_NAME.test(name)) {
      throw new GrokError(`invalid pattern name in ${ref} ${where(origin, at)} (use letters, digits and _)`);
    }
    if (extra.length > 0) {
      throw new GrokError(`too many ':' in ${ref} ${where(origin, at)} (expected %{NAME}, %{NAME:field} or %{NAME:field:int|float})`);
    }
    const definition = this.library.get(name);
    if (definition === undefined) {
      throw new GrokError(`unknown grok pattern %{${name}} ${where(origin, at)}`);
    }
    if (this.stack.includes(name)) {
      throw new GrokError(`grok patterns refer to each other in a cycle: ${[...this.stack.slice(this.stack.indexOf(name)), name].join(" → ")}`);
    }
    let type: GrokType = "string";
    if (rawType !== undefined) {
      if (rawType !== "int" && rawType !== "float" && rawType !== "string") {
        throw new GrokError(`unknown type '${rawType}' in ${ref} ${where(origin, at)} (use int or float)`);
      }
      type = rawType;
    }
    let open = "(?:";
    if (rawField !== undefined) {
      const field = normalizeFieldName(rawField.trim());
      if (field === "") {
        throw new GrokError(`empty field name in ${ref} ${where(origin, at)}`);
      }
      open = `(?<${this.newGroup(field, type)}>`;
    }
    this.emit(open, origin, at, false);
    this.stack.push(name);
    this.expand({ label: name, text: definition });
    this.stack.pop();
    this.emit(")", origin, at, false);
    return close + 1;
  }

  /** Maps an offset in the expanded expression back to where it was written. */
  locate(pos: number): { origin: Origin; pos: number } | undefined {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found: Segment | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const seg = this.segments[mid];
      if (seg !== undefined && seg.out <= pos) {
        found = seg;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found === undefined) {
      return undefined;
    }
    return { origin: found.origin, pos: found.copied ? found.src + (pos - found.out) : found.src };
  }
}

/** The offset after the character class starting at `i` (or the end of the text if it is unterminated). */
function skipClass(src: string, start: number): number {
  let i = start + 1;
  if (src[i] === "^") {
    i++;
  }
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      i += 2;
    } else if (c === "]") {
      return i + 1;
    } else if (c === "[" && src[i + 1] === ":") {
      const end = src.indexOf(":]", i + 2);
      i = end < 0 ? i + 1 : end + 2;
    } else {
      i++;
    }
  }
  return i;
}

function convert(field: string, type: GrokType, text: string): { ok: true; value: string | JsonNumber } | { ok: false; reason: string } {
  if (type === "string") {
    return { ok: true, value: text };
  }
  if (type === "int") {
    if (!/^[+-]?[0-9]+$/.test(text)) {
      return { ok: false, reason: `field ${field}: ${JSON.stringify(text)} is not an integer` };
    }
    // Integers of any size keep their digits (an exact number past 2^53).
    const n = numberFromText(text);
    return n === null ? { ok: false, reason: `field ${field}: ${text} is out of range` } : { ok: true, value: n };
  }
  if (!/^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text)) {
    return { ok: false, reason: `field ${field}: ${JSON.stringify(text)} is not a number` };
  }
  const n = numberFromText(text);
  if (n === null) {
    return { ok: false, reason: `field ${field}: ${text} is out of range` };
  }
  return { ok: true, value: n };
}

function shorten(s: string, max = 120): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * Compiles a grok pattern. `custom` adds (or overrides) named patterns; they may refer to built-in patterns and to
 * each other. Unknown names, cycles, bad field types and invalid regular expressions give a reason.
 */
export function compileGrok(pattern: string, custom: Record<string, string> = {}): { ok: true; grok: Grok } | { ok: false; reason: string } {
  try {
    return compileGrokUnsafe(pattern, custom);
  } catch (e) {
    // Defensive: every problem is meant to come back as a reason.
    return { ok: false, reason: `invalid grok pattern: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function compileGrokUnsafe(pattern: string, custom: Record<string, string>): { ok: true; grok: Grok } | { ok: false; reason: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { ok: false, reason: `grok pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  }
  const names = Object.keys(custom);
  if (names.length > MAX_CUSTOM_PATTERNS) {
    return { ok: false, reason: `too many custom patterns (${names.length}, at most ${MAX_CUSTOM_PATTERNS})` };
  }
  const library = new Map(Object.entries(BUILTIN_GROK_PATTERNS));
  for (const name of names) {
    const def = custom[name];
    if (!PATTERN_NAME.test(name)) {
      return { ok: false, reason: `invalid custom pattern name '${name}' (use letters, digits and _)` };
    }
    if (typeof def !== "string") {
      return { ok: false, reason: `custom pattern ${name} is not a string` };
    }
    if (def.length > MAX_PATTERN_LENGTH) {
      return { ok: false, reason: `custom pattern ${name} is longer than ${MAX_PATTERN_LENGTH} characters` };
    }
    library.set(name, def);
  }

  const expander = new Expander(library);
  try {
    expander.expand({ label: "", text: pattern });
  } catch (e) {
    if (e instanceof GrokError) {
      return { ok: false, reason: e.reason };
    }
    throw e;
  }

  const compiled = compileExpanded(expander);
  if (!compiled.ok) {
    // Blame a custom pattern that is invalid on its own, if any, rather than the combined expression.
    for (const name of names) {
      const alone = new Expander(library);
      try {
        alone.expand({ label: name, text: library.get(name) ?? "" });
      } catch {
        continue; // its references are reported by the whole pattern
      }
      const r = compileExpanded(alone);
      if (!r.ok) {
        return { ok: false, reason: `invalid grok pattern ${name}: ${r.reason}` };
      }
    }
    return { ok: false, reason: `invalid grok pattern: ${compiled.reason}` };
  }
  return { ok: true, grok: makeGrok(pattern, compiled.regex, expander.captures) };
}

/** Compiles an expansion; error positions are translated back to the pattern they were written in. */
function compileExpanded(expander: Expander): { ok: true; regex: SafeRegexImpl } | { ok: false; reason: string } {
  const compiled = compileSafeRegexWithLimits(expander.text, "", { maxPatternLength: MAX_EXPANDED_LENGTH, maxProgramSize: MAX_PROGRAM_SIZE });
  if (compiled.ok) {
    return compiled;
  }
  let reason = compiled.reason;
  if (compiled.pos !== undefined && reason.includes(`at position ${compiled.pos}`)) {
    const loc = expander.locate(compiled.pos);
    if (loc !== undefined) {
      reason = reason.split(`at position ${compiled.pos}`).join(where(loc.origin, loc.pos));
    }
  }
  return { ok: false, reason };
}

function makeGrok(source: string, regex: SafeRegexImpl, captures: Capture[]): Grok {
  const fields: GrokField[] = [];
  const seen = new Set<string>();
  // [group index, field, type] in pattern order.
  const plan: { index: number; field: string; type: GrokType }[] = [];
  for (const c of captures) {
    const index = regex.groupIndex(c.group);
    if (index === undefined) {
      continue;
    }
    plan.push({ index, field: c.field, type: c.type });
    if (!seen.has(c.field)) {
      seen.add(c.field);
      fields.push({ name: c.field, type: c.type });
    }
  }
  const failure = `line does not match ${shorten(source)}`;
  return {
    source,
    fields,
    parse(line) {
      const slots = regex.searchSlots(line);
      if (slots === null) {
        return { ok: false, reason: failure };
      }
      const out: Record<string, string | JsonNumber> = Object.create(null);
      for (const p of plan) {
        const s = slots[2 * p.index] as number;
        const e = slots[2 * p.index + 1] as number;
        if (s < 0 || e <= s || p.field in out) {
          continue;
        }
        const v = convert(p.field, p.type, line.slice(s, e));
        if (!v.ok) {
          return v;
        }
        out[p.field] = v.value;
      }
      return { ok: true, fields: out };
    },
  };
}
