import { isRecord } from "./field-path";
import { decodeUtf8 } from "./message";

/** The value bytes of a message, as a JSON object or why it is not one. */
export type DecodedValue =
  | { kind: "object"; record: Record<string, unknown> }
  | { kind: "tombstone" }
  | { kind: "not_json"; reason: string; text: string | null };

export function decodeJsonValue(value: Uint8Array | null): DecodedValue {
  if (value === null) {
    return { kind: "tombstone" };
  }
  if (value.length === 0) {
    return { kind: "not_json", reason: "empty value", text: "" };
  }
  const text = decodeUtf8(value);
  if (text === null) {
    return { kind: "not_json", reason: "value is not valid UTF-8 (binary data)", text: null };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof RangeError ? "JSON is nested too deeply to parse" : `invalid JSON: ${(e as Error).message}`;
    return { kind: "not_json", reason, text };
  }
  if (nestedTooDeeply(parsed, text.length)) {
    return { kind: "not_json", reason: `JSON is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`, text };
  }
  if (!isRecord(parsed)) {
    const what = Array.isArray(parsed) ? "an array" : parsed === null ? "null" : `a ${typeof parsed}`;
    return { kind: "not_json", reason: `JSON value is ${what}, not an object`, text };
  }
  return { kind: "object", record: parsed };
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
    if (typeof v !== "object" || v === null) {
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
