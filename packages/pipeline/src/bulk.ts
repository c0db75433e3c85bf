import type { Action } from "./action";

const encoder = new TextEncoder();

/** The NDJSON lines of one action in a `_bulk` body, newline-terminated. */
export function actionToNdjson(a: Action): string {
  const meta: Record<string, unknown> = a.id === undefined ? { _index: a.index } : { _index: a.index, _id: a.id };
  switch (a.op) {
    case "index":
      if (a.ifSeqNo !== undefined) {
        meta.if_seq_no = a.ifSeqNo;
        meta.if_primary_term = a.ifPrimaryTerm;
      }
      return `${JSON.stringify({ index: meta })}\n${JSON.stringify(a.doc)}\n`;
    case "create":
      return `${JSON.stringify({ create: meta })}\n${JSON.stringify(a.doc)}\n`;
    case "aggregate":
      // Not a bulk action: the worker turns contributions into conditional writes (see aggregation.ts).
      return `${JSON.stringify({ aggregate: meta })}\n${JSON.stringify(a.contribution)}\n`;
    case "update":
      return `${JSON.stringify({ update: meta })}\n${JSON.stringify({ doc: a.doc, doc_as_upsert: true })}\n`;
    default:
      return `${JSON.stringify({ delete: meta })}\n`;
  }
}

export function byteLength(s: string): number {
  return encoder.encode(s).length;
}
