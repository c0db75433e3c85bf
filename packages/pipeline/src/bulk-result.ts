import { markServerValues } from "@outflow/schemas/reason-values";
/** How Elasticsearch answered one item of a `_bulk` request (or the whole request failed). */
export type ItemResult =
  /** `effect`: what the write did to the document, as Elasticsearch reported it. */
  | { kind: "ok"; effect: DocumentEffect }
  /**
   * Not settled: sent again. `server` marks the server's or the connection's condition, never a message's: "retry"
   * (the task shows `retrying` until it clears) or "fail" (the task fails: the server cannot take its writes at all).
   */
  | { kind: "transient"; status: number; reason: string; server?: "retry" | "fail"; conflict?: MappingConflict }
  | { kind: "permanent"; status: number; type: string; reason: string };

/**
 * A 400 that the concurrent dynamic-mapping race explains, but so does a document whose own values map one new field
 * to two types: `field` was (or was about to be) mapped as `mapped`, the item's value maps to `value`. Which it is
 * shows on the next sends (RecurringRejections): the race clears, the document's own conflict recurs.
 */
export type MappingConflict = { field: string; mapped: string; value: string };

/** created; updated (overwritten, a partial update, or a noop update); deleted; none (a delete of a missing document). */
export type DocumentEffect = "created" | "updated" | "deleted" | "none";

/** The shape of one item of a `_bulk` response, as `{ index: {...} }` etc. */
export type BulkResponseItem = Partial<
  Record<"index" | "create" | "update" | "delete", { status: number; result?: string; error?: { type?: string; reason?: string } | string }>
>;

/**
 * Errors of an item that are the index's or the cluster's state, not the document's: a write block (read-only after a
 * disk watermark, `index.blocks.write`), a closed index, an index that may not be created (auto-creation forbidden),
 * no privilege on the index. Retried until the state changes; nothing is discarded or dead-lettered for them.
 */
const SERVER_CONDITIONS = new Set(["cluster_block_exception", "index_closed_exception", "index_not_found_exception", "security_exception"]);

/**
 * Two writes that map the same new field at the same time (dynamic mapping), one as long and one as float, say: the
 * later one is refused with "mapper [f] cannot be changed from type [float] to [long]" although its value fits the
 * field as it is now mapped. Elasticsearch 7.x and OpenSearch answer so (8.x re-parses such an item itself), see
 * elastic/elasticsearch#40409. Sent again, it parses against the settled mapping: written, or refused for its own
 * value (a parsing error, final). The same words come back every time for a document whose own values map a new
 * field to two types (`{"c":[13,52.52]}` on 7.10, 8.19, OpenSearch 1-3): RecurringRejections ends that.
 */
const MAPPING_RACE = /^mapper \[([^\]]+)\] cannot be changed from type \[([^\]]+)\] to \[([^\]]+)\]$/;

/**
 * 429 and 5xx are retried (never dropped), and so are the server conditions above and a dynamic mapping race; a
 * delete of a missing document is not an error; everything else is the document's, final.
 */
export function classifyItem(item: BulkResponseItem | undefined): ItemResult {
  const body = item && (item.index ?? item.create ?? item.update ?? item.delete);
  if (!body) {
    return { kind: "transient", status: 0, reason: "no result for this item in the bulk response" };
  }
  const { status } = body;
  if (status >= 200 && status < 300) {
    return { kind: "ok", effect: effectOf(body.result, status, item.delete !== undefined) };
  }
  if (item.delete && status === 404) {
    return { kind: "ok", effect: "none" };
  }
  const err = typeof body.error === "string" ? { type: "error", reason: body.error } : (body.error ?? {});
  const reason = err.reason === undefined ? `status ${status}` : markServerValues(err.reason);
  if (status === 429 || status >= 500) {
    return { kind: "transient", status, reason: `${err.type ?? "error"}: ${reason}` };
  }
  if (status === 401 || status === 403 || SERVER_CONDITIONS.has(err.type ?? "")) {
    return { kind: "transient", status, reason: `the server refuses writes to this index: ${err.type ?? "error"}: ${reason}`, server: "retry" };
  }
  const race = status === 400 && err.type === "illegal_argument_exception" ? MAPPING_RACE.exec(reason) : null;
  if (race) {
    const conflict = { field: race[1] as string, mapped: race[2] as string, value: race[3] as string };
    return {
      kind: "transient",
      status,
      reason: `field [${conflict.field}] mapped as [${conflict.mapped}] refused a [${conflict.value}] value (another write mapping the new field at the same time, or this document's own values): ${reason}`,
      conflict,
    };
  }
  return { kind: "permanent", status, type: err.type ?? "error", reason };
}

/** From the item's `result`; without one (a server that leaves it out), from the operation and status. */
function effectOf(result: string | undefined, status: number, isDelete: boolean): DocumentEffect {
  switch (result) {
    case "created":
      return "created";
    case "updated":
    case "noop":
      return "updated";
    case "deleted":
      return "deleted";
    case "not_found":
      return "none";
    default:
      return isDelete ? "deleted" : status === 201 ? "created" : "updated";
  }
}
