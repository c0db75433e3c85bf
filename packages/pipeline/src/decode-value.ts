import { markValue } from "@outflow/schemas/reason-values";
import { isExactNumber, parseJsonExact } from "./exact-number";
import type { TextParser } from "./formats/text-parser";
import { decodeUtf8 } from "./message";

/** A message value through any format: the records it holds, or why it holds none. */
export type DecodedRecords =
  /** `text`: the value as text, which is the record itself when the format is JSON. */
  { kind: "records"; records: Record<string, unknown>[]; text: string } | { kind: "tombstone" } | { kind: "unparseable"; reason: string; text: string | null };

export function decodeValue(value: Uint8Array | null, parse: TextParser): DecodedRecords {
  if (value === null) {
    return { kind: "tombstone" };
  }
  if (value.length === 0) {
    return { kind: "unparseable", reason: "empty value", text: "" };
  }
  const text = decodeUtf8(value);
  if (text === null) {
    return { kind: "unparseable", reason: "value is not valid UTF-8 (binary data)", text: null };
  }
  const r = parse(text);
  return r.ok ? { kind: "records", records: r.records, text } : { kind: "unparseable", reason: r.reason, text };
}

/**
 * `parse` (by default parseJsonExact, which keeps every number's text: exact-number.ts) with a clear reason on failure
 * and a bound on nesting (see MAX_JSON_DEPTH).
 */
export function parseJsonBounded(
  text: string,
  parse: (text: string) => unknown = parseJsonExact,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    return { ok: false, reason: e instanceof RangeError ? "JSON is nested too deeply to parse" : `invalid JSON: ${markValue((e as Error).message)}` };
  }
  if (nestedTooDeeply(value, text.length)) {
    return { ok: false, reason: `JSON is nested too deeply (more than ${MAX_JSON_DEPTH} levels)` };
  }
  return { ok: true, value };
}

/**
 * JSON.parse takes any depth, but JSON.stringify and structuredClone (bulk body, preview) overflow the stack
 * somewhere past ~10,000 levels. No real document comes near this limit.
 */
export const MAX_JSON_DEPTH = 1_000;

/** Whether a parsed JSON value has more than MAX_JSON_DEPTH levels of arrays/objects. `textLength` lets short texts skip the walk. */
export function nestedTooDeeply(value: unknown, textLength: number): boolean {
  if (textLength <= 2 * MAX_JSON_DEPTH) {
    return false;
  }
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null || isExactNumber(v)) {
      continue;
    }
    if (depth > MAX_JSON_DEPTH) {
      return true;
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === "object" && child !== null) {
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}

/** `{ key: text }`; binary values are kept as base64 with `<key>_encoding: "base64"`. */
export function wrapRaw(key: string, text: string | null, value: Uint8Array): Record<string, unknown> {
  if (text !== null) {
    return { [key]: text };
  }
  return { [key]: toBase64(value), [`${key}_encoding`]: "base64" };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2];
    out += B64[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? "=" : B64[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? "=" : B64[c & 63];
  }
  return out;
}
