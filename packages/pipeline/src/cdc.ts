import { markValue } from "@outflow/schemas/reason-values";
import { isRecord } from "./field-path";

/** One row change decoded from a CDC envelope. */
export type RowChange = { op: "upsert" | "delete"; row: Record<string, unknown> };
export type CdcDecoded = { ok: true; changes: RowChange[]; skipped?: string } | { ok: false; reason: string };

export type CdcFormat = "debezium" | "canal" | "maxwell";

export function decodeCdc(format: CdcFormat, value: Record<string, unknown>): CdcDecoded {
  switch (format) {
    case "debezium":
      return decodeDebezium(value);
    case "canal":
      return decodeCanal(value);
    default:
      return decodeMaxwell(value);
  }
}

function decodeDebezium(value: Record<string, unknown>): CdcDecoded {
  // With the JSON converter's schemas enabled, the envelope sits under "payload".
  const env = isRecord(value.payload) && "op" in value.payload ? value.payload : value;
  const op = env.op;
  if (typeof op !== "string") {
    return { ok: false, reason: 'not a Debezium change event: field "op" is missing' };
  }
  switch (op) {
    case "c":
    case "r":
    case "u":
      return isRecord(env.after)
        ? { ok: true, changes: [{ op: "upsert", row: env.after }] }
        : { ok: false, reason: `Debezium "${markValue(String(op))}" event has no "after" row` };
    case "d":
      return isRecord(env.before)
        ? { ok: true, changes: [{ op: "delete", row: env.before }] }
        : { ok: false, reason: 'Debezium "d" event has no "before" row' };
    case "t":
    case "m":
      return { ok: true, changes: [], skipped: `Debezium "${op}" event (${op === "t" ? "truncate" : "message"}) carries no row` };
    default:
      return { ok: false, reason: `unknown Debezium op "${markValue(String(op))}"` };
  }
}

function decodeCanal(value: Record<string, unknown>): CdcDecoded {
  const type = value.type;
  if (typeof type !== "string") {
    return { ok: false, reason: 'not a Canal change event: field "type" is missing' };
  }
  if (value.isDdl === true || !["INSERT", "UPDATE", "DELETE"].includes(type.toUpperCase())) {
    return { ok: true, changes: [], skipped: `Canal ${type} event carries no row change` };
  }
  const data = value.data;
  if (!Array.isArray(data) || !data.every(isRecord)) {
    return { ok: false, reason: 'Canal event has no "data" array of rows' };
  }
  const op = type.toUpperCase() === "DELETE" ? "delete" : "upsert";
  return { ok: true, changes: data.map((row) => ({ op, row })) };
}

function decodeMaxwell(value: Record<string, unknown>): CdcDecoded {
  const type = value.type;
  if (typeof type !== "string") {
    return { ok: false, reason: 'not a Maxwell change event: field "type" is missing' };
  }
  const t = type.toLowerCase();
  if (!["insert", "update", "delete", "bootstrap-insert"].includes(t)) {
    return { ok: true, changes: [], skipped: `Maxwell ${type} event carries no row change` };
  }
  if (!isRecord(value.data)) {
    return { ok: false, reason: 'Maxwell event has no "data" object' };
  }
  return { ok: true, changes: [{ op: t === "delete" ? "delete" : "upsert", row: value.data }] };
}
