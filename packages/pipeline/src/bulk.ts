import type { Action } from "./action";
import type { PendingAction } from "./chunk-settlement";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The NDJSON lines of one action in a `_bulk` body, newline-terminated. */
export function actionToNdjson(a: Action): string {
  const [head, body, tail] = actionNdjsonParts(a);
  return head + body + tail;
}

/**
 * An action's NDJSON in three pieces, `head + body + tail`: the body is the document's JSON as JSON.stringify (or the
 * message) gave it. Writing the pieces one by one (packNdjson) spares a concatenated copy of every document: measuring
 * the UTF-8 length of a concatenation flattens it into a new string.
 */
export function actionNdjsonParts(a: Action): [head: string, body: string, tail: string] {
  // The metadata line is assembled by hand: it is on the hot path, and only its strings need JSON escaping.
  const target = a.id === undefined ? `{"_index":${JSON.stringify(a.index)}` : `{"_index":${JSON.stringify(a.index)},"_id":${JSON.stringify(a.id)}`;
  switch (a.op) {
    case "index": {
      const cas = a.ifSeqNo === undefined ? "" : `,"if_seq_no":${a.ifSeqNo},"if_primary_term":${a.ifPrimaryTerm}`;
      return [`{"index":${target}${cas}}}\n`, a.source ?? JSON.stringify(a.doc), "\n"];
    }
    case "create":
      return [`{"create":${target}}}\n`, JSON.stringify(a.doc), "\n"];
    case "aggregate":
      // Not a bulk action: the worker turns contributions into conditional writes (see aggregation.ts).
      return [`{"aggregate":${target}}}\n`, JSON.stringify(a.contribution), "\n"];
    case "update":
      return a.ifSeqNo === undefined
        ? [`{"update":${target}}}\n{"doc":`, a.source ?? JSON.stringify(a.doc), ',"doc_as_upsert":true}\n']
        : [`{"update":${target},"if_seq_no":${a.ifSeqNo},"if_primary_term":${a.ifPrimaryTerm}}}\n{"doc":`, a.source ?? JSON.stringify(a.doc), "}\n"];
    default:
      return [`{"delete":${target}}}\n`, "", ""];
  }
}

type NodeBuffer = Uint8Array & { write(s: string, offset: number, encoding: "utf8"): number };
const nodeBuffer = (globalThis as { Buffer?: { byteLength(s: string, encoding: "utf8"): number; allocUnsafe(size: number): NodeBuffer } }).Buffer;

/** UTF-8 length of `s`. Node's Buffer counts without encoding (20× faster than TextEncoder); browsers encode. */
export function byteLength(s: string): number {
  return nodeBuffer ? nodeBuffer.byteLength(s, "utf8") : encoder.encode(s).length;
}

/** An action's NDJSON as text (the preview's and dry run's settlements keep text; see packNdjson). */
export function ndjsonText(ndjson: string | Uint8Array): string {
  return typeof ndjson === "string" ? ndjson : decoder.decode(ndjson);
}

/**
 * Replaces the NDJSON text of `actions[from…]` by its UTF-8 bytes, all of them in one new block: the text dies young
 * and the bytes, outside the JS heap, are neither copied by scavenges nor marked while the actions wait for their
 * request. Each action's `bytes` is its text's UTF-8 length (byteLength), which the block is laid out by. `pieces`,
 * when given, holds each action's text as the pieces it is made of (`pieces[i - from]`; see actionNdjsonParts), and the
 * actions' `ndjson` is not read.
 */
export function packNdjson(actions: PendingAction[], from = 0, pieces?: readonly (readonly string[])[]): void {
  let total = 0;
  for (let i = from; i < actions.length; i++) {
    total += (actions[i] as PendingAction).bytes;
  }
  if (total === 0) {
    return;
  }
  // Node writes strings straight into a Buffer; browsers encode into a plain array. Four spare bytes: room for one
  // more character of a text longer than its count, so that a write cannot stop exactly at the count for lack of space.
  const block = nodeBuffer ? nodeBuffer.allocUnsafe(total + 4) : new Uint8Array(total + 4);
  const write = (text: string, at: number) =>
    nodeBuffer ? (block as NodeBuffer).write(text, at, "utf8") : encoder.encodeInto(text, block.subarray(at)).written;
  let at = 0;
  for (let i = from; i < actions.length; i++) {
    const a = actions[i] as PendingAction;
    const start = at;
    const parts = pieces?.[i - from];
    if (parts) {
      for (const part of parts) {
        at += write(part, at);
      }
    } else if (typeof a.ndjson === "string") {
      at += write(a.ndjson, at);
    } else {
      throw new Error("packNdjson: an action's NDJSON is already packed");
    }
    if (at - start !== a.bytes) {
      throw new Error(`packNdjson: wrote ${at - start} bytes of an action counted as ${a.bytes}`);
    }
    a.ndjson = block.subarray(start, at);
  }
}
