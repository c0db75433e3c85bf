import type { SearchFailure } from "@outflow/connectors/search-failure";
import type { BulkResponseItem, ItemResult } from "@outflow/pipeline";

/** Why bulk actions were sent again: the `cause` label of `outflow_bulk_retries_total`. */
export type RetryCause =
  | "rejected_429"
  | "server_5xx"
  | "timeout"
  | "connection"
  | "tls"
  | "auth"
  | "index_unavailable"
  | "mapping_race"
  | "incomplete_response"
  | "other";

const INDEX_UNAVAILABLE = new Set(["cluster_block_exception", "index_closed_exception", "index_not_found_exception"]);

/** The cause of one bulk item that `classifyItem` found transient (it is sent again). */
export function itemRetryCause(item: BulkResponseItem | undefined): RetryCause {
  const body = item && (item.index ?? item.create ?? item.update ?? item.delete);
  if (!body) {
    return "incomplete_response";
  }
  const type = typeof body.error === "object" ? body.error?.type : undefined;
  if (type && INDEX_UNAVAILABLE.has(type)) {
    return "index_unavailable";
  }
  if (body.status === 429) {
    return "rejected_429";
  }
  if (body.status >= 500) {
    return "server_5xx";
  }
  if (body.status === 401 || body.status === 403) {
    return "auth";
  }
  if (body.status === 400) {
    return "mapping_race";
  }
  return "other";
}

/** The cause of a whole request's failure, or null when its items are not sent again (final, or the task fails). */
export function requestRetryCause(failure: SearchFailure, result: ItemResult): RetryCause | null {
  if (result.kind !== "transient" || result.server === "fail") {
    return null;
  }
  switch (failure.category) {
    case "overloaded":
      return "rejected_429";
    case "server_error":
      return "server_5xx";
    case "timed_out":
      return "timeout";
    case "refused":
    case "unreachable":
    case "denied":
      return "connection";
    case "tls":
      return "tls";
    case "credentials":
      return "auth";
    default:
      return "other";
  }
}
