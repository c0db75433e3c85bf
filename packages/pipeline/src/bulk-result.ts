/** How Elasticsearch answered one item of a `_bulk` request (or the whole request failed). */
export type ItemResult =
  /** `effect`: what the write did to the document, as Elasticsearch reported it. */
  | { kind: "ok"; effect: DocumentEffect }
  /**
   * Not settled: sent again. `server` marks the server's or the connection's condition, never a message's: "retry"
   * (the task shows `retrying` until it clears) or "fail" (the task fails: the server cannot take its writes at all).
   */
  | { kind: "transient"; status: number; reason: string; server?: "retry" | "fail" }
  | { kind: "permanent"; status: number; type: string; reason: string };

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
 * value (a parsing error, final).
 */
const MAPPING_RACE = /^mapper \[[^\]]+\] cannot be changed from type \[[^\]]+\] to \[[^\]]+\]$/;

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
  const reason = err.reason ?? `status ${status}`;
  if (status === 429 || status >= 500) {
    return { kind: "transient", status, reason: `${err.type ?? "error"}: ${reason}` };
  }
  if (status === 401 || status === 403 || SERVER_CONDITIONS.has(err.type ?? "")) {
    return { kind: "transient", status, reason: `the server refuses writes to this index: ${err.type ?? "error"}: ${reason}`, server: "retry" };
  }
  if (status === 400 && err.type === "illegal_argument_exception" && MAPPING_RACE.test(reason)) {
    return { kind: "transient", status, reason: `another write mapped the same new field at the same time: ${reason}` };
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
