import { markValue } from "@outflow/schemas/reason-values";
import type { DecodedRecords } from "../decode-value";
import { isScalar, scalarText } from "../exact-number";
import { isRecord } from "../field-path";
import { readFraming } from "./registry-wire";
import { BodyRefused, type SchemaBook } from "./schema-book";

type Decoded = { ok: true; value: unknown } | { ok: false; reason: string };

/** Framed bytes through the schema their id names (already in `book`): the value, or which step failed and why. */
export function decodeFramed(bytes: Uint8Array, book: SchemaBook): Decoded {
  const framed = readFraming(bytes, book.format.type === "protobuf");
  if (!framed.ok) {
    return framed;
  }
  const entry = book.get(framed.id);
  if (!entry.ok) {
    return entry;
  }
  try {
    return { ok: true, value: entry.decode(framed.body, framed.indexes) };
  } catch (err) {
    const why = err instanceof BodyRefused ? err.message : markValue((err as Error).message);
    return { ok: false, reason: `the body does not decode as ${book.format.type} with schema ${framed.id}: ${why}` };
  }
}

/** A registry-encoded message value → its record (a value must decode to a record). */
export function decodeRegistryValue(value: Uint8Array | null, book: SchemaBook): DecodedRecords {
  if (value === null) {
    return { kind: "tombstone" };
  }
  const r = decodeFramed(value, book);
  if (!r.ok) {
    return { kind: "unparseable", reason: r.reason, text: null };
  }
  if (!isRecord(r.value)) {
    return {
      kind: "unparseable",
      reason: `the value decodes to ${Array.isArray(r.value) ? "an array" : r.value === null ? "null" : `a ${typeof r.value}`}, not a record`,
      text: null,
    };
  }
  return { kind: "records", records: [r.value], text: "" };
}

/**
 * A registry-encoded key → the text that stands for it (document IDs, `{_key}`): a scalar's text, a record of one
 * scalar field that field's text (Debezium's `{"id": 7}`), anything else its JSON.
 */
export function decodeRegistryKey(key: Uint8Array, book: SchemaBook): { ok: true; text: string } | { ok: false; reason: string } {
  const r = decodeFramed(key, book);
  if (!r.ok) {
    return { ok: false, reason: `key: ${r.reason}` };
  }
  const v = r.value;
  if (isScalar(v)) {
    return { ok: true, text: scalarText(v) };
  }
  if (isRecord(v)) {
    const values = Object.values(v);
    if (values.length === 1 && isScalar(values[0])) {
      return { ok: true, text: scalarText(values[0]) };
    }
  }
  return { ok: true, text: JSON.stringify(v) };
}
