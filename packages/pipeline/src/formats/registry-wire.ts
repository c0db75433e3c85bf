/**
 * The Confluent schema-registry framing: a 0 byte, the schema id (4 bytes, big-endian), then for Protobuf the
 * message indexes (a zigzag-varint count and that many zigzag varints; a single 0 byte stands for `[0]`), then the
 * encoded body.
 */
export type Framed = { ok: true; id: number; indexes: number[]; body: Uint8Array } | { ok: false; reason: string };

export const HEADER_BYTES = 5;
/** Nesting levels a message index list may name; real schemas nest a few. */
const MAX_INDEXES = 100;

/** The schema id and body of framed bytes; `messageIndexes` for Protobuf. */
export function readFraming(bytes: Uint8Array, messageIndexes: boolean): Framed {
  if (bytes.length === 0 || bytes[0] !== 0) {
    const first = bytes.length === 0 ? "it is empty" : `it starts with 0x${(bytes[0] as number).toString(16).padStart(2, "0")}`;
    return { ok: false, reason: `no magic byte: schema-registry framing starts with a 0 byte, ${first}` };
  }
  if (bytes.length < HEADER_BYTES) {
    return { ok: false, reason: `the schema-registry header is cut short: ${bytes.length} of ${HEADER_BYTES} bytes` };
  }
  const id = schemaIdAt(bytes);
  if (!messageIndexes) {
    return { ok: true, id, indexes: [], body: bytes.subarray(HEADER_BYTES) };
  }
  let at = HEADER_BYTES;
  const next = (): number | null => {
    const r = readZigzagVarint(bytes, at);
    if (r === null) {
      return null;
    }
    at = r.next;
    return r.value;
  };
  const count = next();
  if (count === null || count < 0 || count > MAX_INDEXES) {
    return { ok: false, reason: `schema ${id}: the Protobuf message indexes are not readable (count ${count ?? "cut short"})` };
  }
  const indexes: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = next();
    if (v === null || v < 0) {
      return { ok: false, reason: `schema ${id}: the Protobuf message indexes are not readable (index ${i + 1} of ${count})` };
    }
    indexes.push(v);
  }
  return { ok: true, id, indexes: count === 0 ? [0] : indexes, body: bytes.subarray(at) };
}

/** Just the schema id, or null when the bytes are not framed. */
export function framedSchemaId(bytes: Uint8Array | null): number | null {
  if (bytes === null || bytes.length < HEADER_BYTES || bytes[0] !== 0) {
    return null;
  }
  return schemaIdAt(bytes);
}

/** The 4 bytes after the magic byte, big-endian (no DataView: this runs for every message). */
function schemaIdAt(b: Uint8Array): number {
  return (b[1] as number) * 0x1000000 + (((b[2] as number) << 16) | ((b[3] as number) << 8) | (b[4] as number));
}

function readZigzagVarint(bytes: Uint8Array, from: number): { value: number; next: number } | null {
  let n = 0;
  let shift = 0;
  for (let at = from; at < bytes.length && shift <= 28; at++) {
    const b = bytes[at] as number;
    n += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) {
      return { value: n % 2 === 0 ? n / 2 : -(n + 1) / 2, next: at + 1 };
    }
    shift += 7;
  }
  return null;
}

/** Framing for tests and producers: header, message indexes (Protobuf; `[0]` as one 0 byte), body. */
export function frame(id: number, body: Uint8Array, indexes?: number[]): Uint8Array {
  const idx: number[] = [];
  if (indexes) {
    const list = indexes.length === 1 && indexes[0] === 0 ? [] : indexes;
    for (const v of [list.length, ...list]) {
      let z = v * 2;
      while (z >= 0x80) {
        idx.push((z & 0x7f) | 0x80);
        z = Math.floor(z / 128);
      }
      idx.push(z);
    }
  }
  const out = new Uint8Array(HEADER_BYTES + idx.length + body.length);
  out[0] = 0;
  new DataView(out.buffer).setUint32(1, id, false);
  out.set(idx, HEADER_BYTES);
  out.set(body, HEADER_BYTES + idx.length);
  return out;
}
