/** How Elasticsearch answered one item of a `_bulk` request (or the whole request failed). */
export type ItemResult =
  | { kind: "ok" }
  | { kind: "transient"; status: number; reason: string }
  | { kind: "permanent"; status: number; type: string; reason: string };

/** The shape of one item of a `_bulk` response, as `{ index: {...} }` etc. */
export type BulkResponseItem = Partial<
  Record<"index" | "create" | "update" | "delete", { status: number; result?: string; error?: { type?: string; reason?: string } | string }>
>;

/** 429 and 5xx are retried (never dropped); a delete of a missing document is not an error; everything else is final. */
export function classifyItem(item: BulkResponseItem | undefined): ItemResult {
  const body = item && (item.index ?? item.create ?? item.update ?? item.delete);
  if (!body) {
    return { kind: "transient", status: 0, reason: "no result for this item in the bulk response" };
  }
  const { status } = body;
  if (status >= 200 && status < 300) {
    return { kind: "ok" };
  }
  if (item.delete && status === 404) {
    return { kind: "ok" };
  }
  const err = typeof body.error === "string" ? { type: "error", reason: body.error } : (body.error ?? {});
  const reason = err.reason ?? `status ${status}`;
  if (status === 429 || status >= 500) {
    return { kind: "transient", status, reason: `${err.type ?? "error"}: ${reason}` };
  }
  return { kind: "permanent", status, type: err.type ?? "error", reason };
}
