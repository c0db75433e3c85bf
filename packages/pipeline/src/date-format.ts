import { markValue } from "@outflow/schemas/reason-values";
import type { Problem } from "./compile-issues";
import { isExactNumber, isScalar, scalarText } from "./exact-number";
import { compileTimeZone, type TimeZone, utcMs, wallTimeToEpoch } from "./time-zone";

/**
 * Java-style date patterns (the ones Logstash, DIP and Flink users write): yyyy yy MM M MMM MMMM dd d HH H hh h a
 * mm m ss s S..S Z XXX XX X EEE EEEE, quoted 'literals'. Plus the named formats iso, epoch_millis, epoch_seconds.
 */
type Token = { kind: "literal"; text: string } | { kind: "field"; letter: string; width: number };

export type DatePattern = {
  source: string;
  format(epochMs: number, zone: TimeZone): string;
  /** Returns epoch milliseconds or a reason. Values without an offset are read in `zone`. */
  parse(value: unknown, zone: TimeZone): { ok: true; epochMs: number } | { ok: false; reason: string };
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const LETTERS = new Set(["y", "u", "M", "d", "H", "h", "m", "s", "S", "a", "Z", "X", "x", "E"]);
const MAX_PATTERN = 100;

export function compileDatePattern(source: string): { ok: true; pattern: DatePattern } | ({ ok: false } & Problem) {
  const named = Object.hasOwn(NAMED, source) ? NAMED[source] : undefined;
  if (named) {
    return { ok: true, pattern: named };
  }
  if (source.length > MAX_PATTERN) {
    return { ok: false, reason: `date pattern is longer than ${MAX_PATTERN} characters`, key: "compile.datePattern.tooLong", params: { max: MAX_PATTERN } };
  }
  const tokens: Token[] = [];
  for (let i = 0; i < source.length; ) {
    const c = source[i] as string;
    if (c === "'") {
      const end = source.indexOf("'", i + 1);
      if (end < 0) {
        return {
          ok: false,
          reason: `unterminated quote in date pattern "${source}"`,
          key: "compile.datePattern.unterminatedQuote",
          params: { pattern: source },
        };
      }
      tokens.push({ kind: "literal", text: end === i + 1 ? "'" : source.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      if (!LETTERS.has(c)) {
        return {
          ok: false,
          reason: `unsupported letter '${c}' in date pattern "${source}" (quote literal text with '...')`,
          key: "compile.datePattern.letter",
          params: { letter: c, pattern: source },
        };
      }
      let width = 1;
      while (source[i + width] === c) {
        width++;
      }
      tokens.push({ kind: "field", letter: c === "u" ? "y" : c, width });
      i += width;
    } else {
      tokens.push({ kind: "literal", text: c });
      i++;
    }
  }
  if (!tokens.some((t) => t.kind === "field" && t.letter === "y")) {
    return { ok: false, reason: `date pattern "${source}" has no year (yyyy)`, key: "compile.datePattern.noYear", params: { pattern: source } };
  }
  return { ok: true, pattern: patternFromTokens(source, tokens) };
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

function formatOffset(minutes: number, width: number, letter: string): string {
  if (minutes === 0 && letter === "X") {
    return "Z";
  }
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  if (width === 1 && letter !== "Z") {
    return `${sign}${hh}${mm === "00" ? "" : mm}`;
  }
  return width >= 3 && letter !== "Z" ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

/** The length of wall-clock time in which every field of the pattern stays the same (days at most). */
function unitOf(tokens: Token[]): number {
  let unit = 86_400_000;
  for (const t of tokens) {
    if (t.kind === "field") {
      const u = t.letter === "S" ? 1 : t.letter === "s" ? 1_000 : t.letter === "m" ? 60_000 : "Hha".includes(t.letter) ? 3_600_000 : 86_400_000;
      unit = Math.min(unit, u);
    }
  }
  return unit;
}

function patternFromTokens(source: string, tokens: Token[]): DatePattern {
  // A stream's consecutive timestamps mostly fall in the same day (or hour…): the last result is reused.
  const unit = unitOf(tokens);
  // The text depends only on the wall-clock time and the offset, whatever the zone.
  let last = { bucket: Number.NaN, offset: 0, out: "" };
  const format = (epochMs: number, zone: TimeZone): string => {
    const offset = zone.offsetMinutesAt(epochMs);
    const bucket = Math.floor((epochMs + offset * 60_000) / unit);
    if (bucket === last.bucket && offset === last.offset) {
      return last.out;
    }
    const out = formatFields(epochMs, offset);
    last = { bucket, offset, out };
    return out;
  };
  const formatFields = (epochMs: number, offset: number): string => {
    const d = new Date(epochMs + offset * 60_000);
    let out = "";
    for (const t of tokens) {
      if (t.kind === "literal") {
        out += t.text;
        continue;
      }
      const w = t.width;
      switch (t.letter) {
        case "y":
          out += w === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), w);
          break;
        case "M":
          out += w >= 4 ? MONTHS[d.getUTCMonth()] : w === 3 ? MONTHS[d.getUTCMonth()]?.slice(0, 3) : pad(d.getUTCMonth() + 1, w);
          break;
        case "d":
          out += pad(d.getUTCDate(), w);
          break;
        case "H":
          out += pad(d.getUTCHours(), w);
          break;
        case "h":
          out += pad(d.getUTCHours() % 12 || 12, w);
          break;
        case "a":
          out += d.getUTCHours() < 12 ? "AM" : "PM";
          break;
        case "m":
          out += pad(d.getUTCMinutes(), w);
          break;
        case "s":
          out += pad(d.getUTCSeconds(), w);
          break;
        case "S":
          out += pad(d.getUTCMilliseconds(), 3).padEnd(w, "0").slice(0, w);
          break;
        case "E":
          out += w >= 4 ? DAYS[d.getUTCDay()] : DAYS[d.getUTCDay()]?.slice(0, 3);
          break;
        default:
          out += formatOffset(offset, w, t.letter);
      }
    }
    return out;
  };

  const groups: Array<(m: string, acc: Parts) => string | null> = [];
  let re = "^";
  for (const t of tokens) {
    if (t.kind === "literal") {
      re += escapeRegex(t.text);
      continue;
    }
    const { pattern, apply } = fieldParser(t);
    re += `(${pattern})`;
    groups.push(apply);
  }
  const regex = new RegExp(`${re}$`, "i");

  const parse = (value: unknown, zone: TimeZone) => {
    if (typeof value !== "string") {
      return { ok: false as const, reason: `expected a date string in format "${source}", got ${describe(value)}` };
    }
    const m = regex.exec(value.trim());
    if (!m) {
      return { ok: false as const, reason: `"${markValue(truncate(value))}" does not match date format "${source}"` };
    }
    const acc: Parts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0, pm: null, offset: null };
    for (let i = 0; i < groups.length; i++) {
      const err = (groups[i] as (typeof groups)[number])(m[i + 1] ?? "", acc);
      if (err) {
        return { ok: false as const, reason: `"${markValue(truncate(value))}": ${err}` };
      }
    }
    return partsToEpoch(acc, zone, value);
  };

  return { source, format, parse };
}

type Parts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  pm: boolean | null;
  offset: number | null;
};

function fieldParser(t: { letter: string; width: number }): { pattern: string; apply: (m: string, acc: Parts) => string | null } {
  const num = (min: number, max: number, set: (acc: Parts, n: number) => void, name: string) => ({
    pattern: t.width === 1 ? "\\d{1,2}" : `\\d{${t.width}}`,
    apply: (m: string, acc: Parts) => {
      const n = Number(m);
      if (n < min || n > max) {
        return `${name} ${markValue(String(m))} is out of range`;
      }
      set(acc, n);
      return null;
    },
  });
  switch (t.letter) {
    case "y":
      return {
        pattern: t.width === 2 ? "\\d{2}" : "\\d{4}",
        apply: (m, acc) => {
          acc.year = t.width === 2 ? 2000 + Number(m) : Number(m);
          return null;
        },
      };
    case "M":
      if (t.width >= 3) {
        return {
          pattern: "[A-Za-z]{3,9}",
          apply: (m, acc) => {
            const i = MONTHS.findIndex((name) => (t.width >= 4 ? name : name.slice(0, 3)).toLowerCase() === m.toLowerCase());
            if (i < 0) {
              return `unknown month "${markValue(String(m))}"`;
            }
            acc.month = i + 1;
            return null;
          },
        };
      }
      return num(1, 12, (a, n) => (a.month = n), "month");
    case "d":
      return num(1, 31, (a, n) => (a.day = n), "day");
    case "H":
      return num(0, 23, (a, n) => (a.hour = n), "hour");
    case "h":
      return num(1, 12, (a, n) => (a.hour = n % 12), "hour");
    case "m":
      return num(0, 59, (a, n) => (a.minute = n), "minute");
    case "s":
      return num(0, 60, (a, n) => (a.second = Math.min(n, 59)), "second");
    case "S":
      return {
        pattern: `\\d{${t.width}}`,
        apply: (m, acc) => {
          acc.ms = Number(m.padEnd(3, "0").slice(0, 3));
          return null;
        },
      };
    case "a":
      return {
        pattern: "[AaPp][Mm]",
        apply: (m, acc) => {
          acc.pm = m.toLowerCase() === "pm";
          return null;
        },
      };
    case "E":
      return { pattern: "[A-Za-z]{3,9}", apply: () => null };
    default:
      return {
        pattern: "Z|[+-]\\d{2}(?::?\\d{2})?",
        apply: (m, acc) => {
          const offset = parseOffset(m);
          const minutes = m.length > 3 ? Number(m.slice(-2)) : 0; // Z, +08, +0800, +08:00
          if (Math.abs(offset) > 18 * 60 || minutes > 59) {
            return `offset ${markValue(String(m))} is out of range`;
          }
          acc.offset = offset;
          return null;
        },
      };
  }
}

function parseOffset(m: string): number {
  if (m === "Z" || m === "z") {
    return 0;
  }
  const sign = m.startsWith("-") ? -1 : 1;
  const digits = m.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

function partsToEpoch(acc: Parts, zone: TimeZone, original: string) {
  const hour = acc.pm === null ? acc.hour : acc.hour + (acc.pm ? 12 : 0);
  const wall = utcMs(acc.year, acc.month - 1, acc.day, hour, acc.minute, acc.second, acc.ms);
  if (!isRealDate(acc.year, acc.month, acc.day) || new Date(wall).getUTCDate() !== acc.day) {
    return { ok: false as const, reason: `"${markValue(truncate(original))}" is not a real date` };
  }
  const epochMs = acc.offset === null ? wallTimeToEpoch(zone, wall) : wall - acc.offset * 60_000;
  return { ok: true as const, epochMs };
}

const ISO_NO_OFFSET = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const utc = compileTimeZone("UTC");

const NAMED: Record<string, DatePattern> = {
  iso: {
    source: "iso",
    format: (epochMs) => new Date(epochMs).toISOString(),
    parse: (value, zone) => {
      if (typeof value !== "string") {
        return { ok: false, reason: `expected an ISO-8601 date string, got ${describe(value)}` };
      }
      const v = value.trim();
      const fast = parseIsoWithOffsetFast(v);
      if (fast !== undefined) {
        return { ok: true, epochMs: fast };
      }
      const withOffset = ISO_WITH_OFFSET.test(v);
      if (!withOffset && !ISO_NO_OFFSET.test(v)) {
        return { ok: false, reason: `"${markValue(truncate(v))}" is not an ISO-8601 date` };
      }
      if (!isRealDate(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10)))) {
        return { ok: false, reason: `"${markValue(truncate(v))}" is not a real date` };
      }
      const t = v.charCodeAt(10) === 32 ? `${v.slice(0, 10)}T${v.slice(11)}` : v; // "yyyy-MM-dd HH:mm" → "…T…"
      if (withOffset) {
        const ms = Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
        return Number.isNaN(ms) ? { ok: false, reason: `"${markValue(truncate(v))}" is not a real date` } : { ok: true, epochMs: ms };
      }
      const ms = Date.parse(`${t}${t.length === 10 ? "T00:00:00" : ""}Z`);
      return Number.isNaN(ms) ? { ok: false, reason: `"${markValue(truncate(v))}" is not a real date` } : { ok: true, epochMs: wallTimeToEpoch(zone, ms) };
    },
  },
  epoch_millis: epochPattern("epoch_millis", 1),
  epoch_seconds: epochPattern("epoch_seconds", 1000),
};

/**
 * The common shape of log timestamps, `yyyy-MM-ddTHH:mm:ss[.S{1,3}](Z|±HH:mm)`, read without regexes or Date.parse
 * (on the hot path of date-split indices). Anything else, or anything out of range, is left to the general path.
 */
export function parseIsoWithOffsetFast(v: string): number | undefined {
  const n = v.length;
  if (n < 20 || n > 29 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) {
    return undefined;
  }
  const year = asciiNumber(v, 0, 4);
  const month = asciiNumber(v, 5, 2);
  const day = asciiNumber(v, 8, 2);
  const hour = asciiNumber(v, 11, 2);
  const minute = asciiNumber(v, 14, 2);
  const second = asciiNumber(v, 17, 2);
  // Date.UTC reads years 0-99 as 1900-1999: early years take the general path.
  if (year < 1000 || !isRealDate(year, month, day) || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  let i = 19;
  let ms = 0;
  if (v.charCodeAt(i) === 46) {
    let width = 0;
    for (i++; i < n && width < 4; i++, width++) {
      const c = v.charCodeAt(i) - 48;
      if (c < 0 || c > 9) {
        break;
      }
      ms = ms * 10 + c;
    }
    if (width === 0 || width > 3) {
      return undefined;
    }
    ms *= width === 1 ? 100 : width === 2 ? 10 : 1;
  }
  let offsetMinutes: number;
  if (i === n - 1 && v.charCodeAt(i) === 90) {
    offsetMinutes = 0;
  } else if (i === n - 6 && (v.charCodeAt(i) === 43 || v.charCodeAt(i) === 45) && v.charCodeAt(i + 3) === 58) {
    const oh = asciiNumber(v, i + 1, 2);
    const om = asciiNumber(v, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) {
      return undefined;
    }
    offsetMinutes = (oh * 60 + om) * (v.charCodeAt(i) === 45 ? -1 : 1);
  } else {
    return undefined;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** The number made of `width` ASCII digits at `at`, or -1. */
function asciiNumber(v: string, at: number, width: number): number {
  let out = 0;
  for (let i = at; i < at + width; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) {
      return -1;
    }
    out = out * 10 + c;
  }
  return out;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether the day exists in that month (Date.parse and Date.UTC silently roll Feb 30 over to March). Arithmetic, no
 * Date: it is on the hot path of date-split indices.
 */
function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  return day <= (DAYS_IN_MONTH[month - 1] as number) + leap;
}

function epochPattern(source: string, factor: number): DatePattern {
  return {
    source,
    format: (epochMs) => String(factor === 1 ? epochMs : Math.floor(epochMs / factor)),
    parse: (value) => {
      // Doubles hold every millisecond of the date range exactly: an exact number's text is read as a double.
      const n =
        typeof value === "number"
          ? value
          : isExactNumber(value)
            ? Number(value.rawJSON)
            : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())
              ? Number(value)
              : Number.NaN;
      if (!Number.isFinite(n)) {
        return { ok: false, reason: `expected ${source} as a number, got ${describe(value)}` };
      }
      const epochMs = Math.round(n * factor);
      if (Math.abs(epochMs) > 8.64e15) {
        return { ok: false, reason: `${isScalar(value) ? markValue(scalarText(value)) : describe(value)} is out of the date range` };
      }
      return { ok: true, epochMs };
    },
  };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function describe(v: unknown): string {
  if (v === undefined) {
    return "nothing (field missing)";
  }
  if (v === null) {
    return "null";
  }
  if (Array.isArray(v)) {
    return "an array";
  }
  if (isExactNumber(v)) {
    return `number ${markValue(truncate(v.rawJSON))}`;
  }
  if (typeof v === "object") {
    return "an object";
  }
  return `${typeof v} ${markValue(truncate(JSON.stringify(v)))}`;
}

export function truncate(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export const UTC: TimeZone = utc.ok ? utc.zone : { name: "UTC", offsetMinutesAt: () => 0 };
