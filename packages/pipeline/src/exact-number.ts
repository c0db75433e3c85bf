import { markValue } from "@outflow/schemas/reason-values";
/**
 * Numbers exactly as a message wrote them. JSON.parse makes every number a double: integers past 2^53 round,
 * `2140.0` becomes 2140, `1e5` becomes 100000. A number whose text a double does not give back is kept as
 * `JSON.rawJSON(text)` (an ExactNumber), which JSON.stringify writes back as that text. Every place that reads a
 * number's value (IDs, templates, comparisons, casts, sums) goes through this module.
 *
 * Platform: JSON.parse source text access and JSON.rawJSON (Node 21+, Chrome 114+, Firefox 135+, Safari 18.4+).
 */

/** A JSON number kept as its text (a frozen, null-prototype object made by JSON.rawJSON). */
export type ExactNumber = { readonly rawJSON: string };
export type JsonNumber = number | ExactNumber;

type ReviverContext = { source?: string };
type RawJsonApi = {
  rawJSON?: (text: string) => ExactNumber;
  isRawJSON?: (value: unknown) => boolean;
  parse(text: string, reviver: (this: unknown, key: string, value: unknown, context?: ReviverContext) => unknown): unknown;
};
const J = JSON as unknown as RawJsonApi;
const rawJSON = J.rawJSON;
const isRawJSON = J.isRawJSON;

/** Whether this runtime can keep number text (otherwise numbers are doubles, as plain JSON.parse gives). */
export const EXACT_NUMBERS_SUPPORTED = typeof rawJSON === "function" && typeof isRawJSON === "function";

export function isExactNumber(v: unknown): v is ExactNumber {
  // The property check first: it is a cheap miss on ordinary records, which never reach isRawJSON.
  return typeof v === "object" && v !== null && (v as { rawJSON?: unknown }).rawJSON !== undefined && isRawJSON?.(v) === true;
}

export function isJsonNumber(v: unknown): v is JsonNumber {
  return typeof v === "number" || isExactNumber(v);
}

/** A string, number, boolean or exact number: what can stand in an ID, a template or a comparison. */
export type Scalar = string | number | boolean | ExactNumber;

export function isScalar(v: unknown): v is Scalar {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" || isExactNumber(v);
}

/** The text of a scalar: exact numbers give their own text (`9007199254740993`, `10.50`). */
export function scalarText(v: Scalar): string {
  return typeof v === "object" ? v.rawJSON : String(v);
}

/**
 * Whether some number token of a JSON text would read back differently from a double (`String(Number(t)) !== t`).
 * Strings are skipped with indexOf (native, fast), so the cost is a few number tokens per message, about a tenth of
 * what JSON.parse costs; a regular expression over the whole text cost twice JSON.parse.
 */
export function mayHoldInexactNumbers(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let end = text.indexOf('"', i + 1);
      while (end > 0 && escaped(text, end)) {
        end = text.indexOf('"', end + 1);
      }
      if (end < 0) {
        return false; // unterminated string: JSON.parse reports it
      }
      i = end + 1;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      const start = i;
      let digits = c === 45 ? 0 : 1;
      let dot = false;
      let exponent = false;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 48 && d <= 57) {
          digits++;
        } else if (d === 46) {
          dot = true;
        } else if (d === 101 || d === 69 || d === 43 || d === 45) {
          exponent = true;
        } else {
          break;
        }
      }
      // Up to 15 digits print back as written (DBL_DIG), unless a form differs: an exponent, a fraction ending
      // in 0, -0, or 0.000000x (printed with an exponent). Those, and 16+ digits, get the exact check.
      const last = text.charCodeAt(i - 1);
      const leadingZero = text.charCodeAt(c === 45 ? start + 1 : start) === 48;
      if (exponent || digits >= 16 || (dot && last === 48) || leadingZero) {
        const token = text.slice(start, i);
        if (String(Number(token)) !== token) {
          return true;
        }
      }
    } else {
      i++;
    }
  }
  return false;
}

/** Whether the quote at `at` is escaped (an odd number of backslashes before it). */
function escaped(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && text.charCodeAt(k) === 92) {
    k--;
  }
  return (at - 1 - k) % 2 === 1;
}

function keepText(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value !== "number") {
    return value;
  }
  const source = context?.source;
  return source === undefined || String(value) === source ? value : (rawJSON as (t: string) => ExactNumber)(source);
}

/** JSON.parse that keeps every number's text (throws as JSON.parse does). Ordinary texts take plain JSON.parse. */
export function parseJsonExact(text: string): unknown {
  if (!EXACT_NUMBERS_SUPPORTED || !mayHoldInexactNumbers(text)) {
    return JSON.parse(text);
  }
  return J.parse(text, keepText);
}

/** A deep copy of a JSON value that keeps exact numbers (structuredClone would turn them into `{rawJSON}` objects). */
export function cloneJson<T>(v: T): T {
  if (typeof v !== "object" || v === null || isExactNumber(v)) {
    return v;
  }
  if (Array.isArray(v)) {
    return v.map(cloneJson) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === "__proto__") {
      Object.defineProperty(out, k, { value: cloneJson(val), enumerable: true, writable: true, configurable: true });
    } else {
      out[k] = cloneJson(val);
    }
  }
  return out as T;
}

// --- Exact decimal arithmetic on number text -------------------------------------------------------------------

/** ±digits × 10^exponent, digits without leading or trailing zeros ("" is zero). */
type Decimal = { negative: boolean; digits: string; exponent: number };

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function decimalOf(text: string): Decimal | null {
  const m = NUMBER_TEXT.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) {
    return null;
  }
  const whole = m[2] ?? "";
  const frac = m[3] ?? "";
  let digits = (whole + frac).replace(/^0+/, "");
  let exponent = Number(m[4] ?? 0) - frac.length;
  const trimmed = digits.replace(/0+$/, "");
  exponent += digits.length - trimmed.length;
  digits = trimmed;
  return { negative: m[1] === "-" && digits !== "", digits, exponent: digits === "" ? 0 : exponent };
}

function decimalOfNumber(v: JsonNumber): Decimal {
  return decimalOf(typeof v === "number" ? String(v) : v.rawJSON) as Decimal;
}

function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  if (a.negative !== b.negative) {
    return a.negative ? -1 : 1;
  }
  const sign = a.negative ? -1 : 1;
  if (a.digits === "" || b.digits === "") {
    return a.digits === b.digits ? 0 : ((a.digits === "" ? -sign : sign) as -1 | 1);
  }
  // Position of the leading digit decides first; then the digits, left-aligned.
  const ma = a.digits.length + a.exponent;
  const mb = b.digits.length + b.exponent;
  if (ma !== mb) {
    return (ma > mb ? sign : -sign) as -1 | 1;
  }
  const len = Math.max(a.digits.length, b.digits.length);
  const da = a.digits.padEnd(len, "0");
  const db = b.digits.padEnd(len, "0");
  return da === db ? 0 : ((da > db ? sign : -sign) as -1 | 1);
}

/** Exact comparison of two numbers by value (`10.50` equals 10.5; 9007199254740993 is above 9007199254740992). */
export function compareNumbers(a: JsonNumber, b: JsonNumber): -1 | 0 | 1 {
  if (typeof a === "number" && typeof b === "number") {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return compareDecimals(decimalOfNumber(a), decimalOfNumber(b));
}

/** The double of a number, or why a double cannot hold it exactly (more digits than 64-bit floating point keeps). */
export function toDouble(v: JsonNumber): { ok: true; value: number } | { ok: false; reason: string } {
  if (typeof v === "number") {
    return { ok: true, value: v };
  }
  const n = Number(v.rawJSON);
  if (!Number.isFinite(n)) {
    return { ok: false, reason: `${markValue(v.rawJSON)} is out of the range of a 64-bit floating-point number` };
  }
  if (compareDecimals(decimalOf(String(n)) as Decimal, decimalOfNumber(v)) !== 0) {
    return {
      ok: false,
      reason: `${markValue(v.rawJSON)} has more digits than a 64-bit floating-point number holds exactly (it would become ${markValue(String(n))})`,
    };
  }
  return { ok: true, value: n };
}

/** Number text in the forms people write (`+5`, `.5`, `007`, `1e3`, ` 12 `) → a JSON number with that value, or null. */
export function numberFromText(text: string): JsonNumber | null {
  const t = text.trim();
  const n = Number(t);
  if (String(n) === t && Number.isFinite(n)) {
    return n;
  }
  const d = decimalOf(t);
  return d && Number.isFinite(Number(t)) ? fromDecimal(d) : null;
}

/** The integer part of a number (toward zero), exactly. */
export function truncateNumber(v: JsonNumber): JsonNumber {
  if (typeof v === "number") {
    return Math.trunc(v);
  }
  const d = decimalOfNumber(v);
  const keep = d.digits.length + d.exponent;
  if (d.exponent >= 0 || keep <= 0) {
    return d.exponent >= 0 ? fromDecimal(d) : 0;
  }
  const kept = d.digits.slice(0, keep);
  const digits = kept.replace(/0+$/, "");
  return fromDecimal({ negative: d.negative, digits, exponent: kept.length - digits.length });
}

/** A double when it has exactly this value, else an exact number (plain notation unless that would be long). */
function fromDecimal(d: Decimal): JsonNumber {
  const sign = d.negative ? "-" : "";
  const n = Number(`${sign}${d.digits || "0"}e${d.exponent}`);
  if (!EXACT_NUMBERS_SUPPORTED || compareDecimals(decimalOf(String(n)) as Decimal, d) === 0) {
    return n === 0 ? 0 : n;
  }
  return (rawJSON as (t: string) => ExactNumber)(plainText(d) ?? `${sign}${d.digits}e${d.exponent}`);
}

/** Plain decimal text (no exponent) when it stays short, else null. */
function plainText(d: Decimal): string | null {
  if (d.digits === "") {
    return "0";
  }
  const sign = d.negative ? "-" : "";
  if (d.exponent >= 0) {
    return d.exponent > 64 ? null : `${sign}${d.digits}${"0".repeat(d.exponent)}`;
  }
  const point = d.digits.length + d.exponent;
  if (point > 0) {
    return `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`;
  }
  return -point > 64 ? null : `${sign}0.${"0".repeat(-point)}${d.digits}`;
}
