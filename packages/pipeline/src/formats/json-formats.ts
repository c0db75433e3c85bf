import { parseJsonBounded } from "../decode-value";
import { parseJsonExact } from "../exact-number";
import { isRecord } from "../field-path";
import type { TextParser } from "./text-parser";

/** A JSON object → one record. */
export const jsonParser: TextParser = (text) => jsonObject(text, parseJsonExact);

/** jsonParser with every number a double: for records whose numbers nobody reads (CompiledTask.plainNumbers). */
export const jsonParserPlainNumbers: TextParser = (text) => jsonObject(text, JSON.parse);

function jsonObject(text: string, parse: (text: string) => unknown): ReturnType<TextParser> {
  const parsed = parseJsonBounded(text, parse);
  if (!parsed.ok) {
    return parsed;
  }
  if (!isRecord(parsed.value)) {
    return { ok: false, reason: `JSON value is ${kindOf(parsed.value)}, not an object` };
  }
  return { ok: true, records: [parsed.value] };
}

/** Documents one message may become with `json_array` (each element is a document, its own bulk action). */
export const MAX_JSON_ARRAY_ELEMENTS = 10_000;

/** A JSON array → one record per element (or the first only); a plain object is one record. */
export function jsonArrayParser(elements: "each" | "first"): TextParser {
  return (text) => {
    const parsed = parseJsonBounded(text);
    if (!parsed.ok) {
      return parsed;
    }
    const v = parsed.value;
    if (isRecord(v)) {
      return { ok: true, records: [v] };
    }
    if (!Array.isArray(v)) {
      return { ok: false, reason: `JSON value is ${kindOf(v)}, not an array of objects` };
    }
    if (v.length === 0) {
      return { ok: false, reason: "JSON array is empty" };
    }
    if (elements === "each" && v.length > MAX_JSON_ARRAY_ELEMENTS) {
      return { ok: false, reason: `JSON array has ${v.length} elements, more than ${MAX_JSON_ARRAY_ELEMENTS} documents per message` };
    }
    const items = elements === "first" ? v.slice(0, 1) : v;
    const bad = items.findIndex((e) => !isRecord(e));
    if (bad >= 0) {
      return { ok: false, reason: `array element ${bad} is ${kindOf(items[bad])}, not an object` };
    }
    return { ok: true, records: items as Record<string, unknown>[] };
  };
}

function kindOf(v: unknown): string {
  return Array.isArray(v) ? "an array" : v === null ? "null" : `a ${typeof v}`;
}
