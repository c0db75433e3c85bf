import { errors } from "@elastic/elasticsearch";

/**
 * What went wrong talking to a search server, in words of our own: never the remote body (a proxy's HTML page, a
 * stack trace), only the category and the HTTP status.
 */
export type SearchFailureCategory =
  | "refused"
  | "denied"
  | "unreachable"
  | "timed_out"
  | "tls"
  | "credentials"
  | "media_type"
  | "not_search_server"
  | "overloaded"
  | "server_error"
  | "rejected";

export type SearchFailure = { category: SearchFailureCategory; status: number | null; message: string };

const TLS_PATTERN = /certificate|ssl|tls|self[- ]signed|wrong version number|altnames|EPROTO|CERT_/i;

export function searchFailure(err: unknown): SearchFailure {
  if (err instanceof errors.TimeoutError) {
    return { category: "timed_out", status: null, message: "timed out: the server did not answer in time" };
  }
  if (err instanceof errors.ConnectionError || err instanceof errors.NoLivingConnectionsError) {
    const text = err.message;
    if (/OUTFLOW_CONNECT_(ALLOW|DENY)/.test(text)) {
      // The connect policy's own words (connect-guard.ts): the connection, the host and the rule.
      return { category: "denied", status: null, message: (text.split(" - Local:")[0] ?? text).trim() };
    }
    if (TLS_PATTERN.test(text)) {
      return { category: "tls", status: null, message: `TLS: ${tlsMessage(tlsReason(text))}` };
    }
    if (/ECONNREFUSED/.test(text)) {
      return { category: "refused", status: null, message: "refused: nothing accepts connections at the node address" };
    }
    return { category: "unreachable", status: null, message: "unreachable: the node address could not be reached" };
  }
  if (err instanceof errors.DeserializationError) {
    return { category: "not_search_server", status: null, message: "not Elasticsearch or OpenSearch: the answer is not JSON" };
  }
  if (err instanceof errors.ResponseError) {
    const status = err.meta.statusCode ?? 0;
    if (status === 401 || status === 403) {
      return { category: "credentials", status, message: `credentials refused (HTTP ${status})` };
    }
    if (status === 406 || status === 415) {
      return { category: "media_type", status, message: `the server refused the request's media type (HTTP ${status})` };
    }
    if (status === 404 || status === 405 || status === 501 || (status === 400 && noHandler(err.meta.body))) {
      return { category: "not_search_server", status, message: `not Elasticsearch or OpenSearch: the endpoint is missing (HTTP ${status})` };
    }
    if (status === 429) {
      return { category: "overloaded", status, message: "the server is overloaded (HTTP 429)" };
    }
    if (status >= 500) {
      return { category: "server_error", status, message: `server error (HTTP ${status})` };
    }
    return { category: "rejected", status, message: `the request was rejected (HTTP ${status})` };
  }
  return { category: "unreachable", status: null, message: `unreachable: ${(err as Error).message}` };
}

/**
 * Elasticsearch's and OpenSearch's answer to a path they have no API at (e.g. a node address with a wrong path
 * prefix): HTTP 400 `{"error":"no handler found for uri [...] and method [...]"}`, a string, not a request error.
 */
function noHandler(body: unknown): boolean {
  const error = typeof body === "string" ? body : (body as { error?: unknown } | null)?.error;
  return typeof error === "string" && /^no handler found for uri/.test(error);
}

/**
 * Node's own words for a TLS failure (local, not the server's), e.g. "self-signed certificate in certificate chain",
 * without the advice Node adds to some ("try running Node.js with --use-system-ca"): a connection's CA is the fix.
 */
function tlsReason(text: string): string {
  return (text.split(" - Local:")[0] ?? text).replace(/; if the root CA is installed locally, try running Node\.js with --use-system-ca$/, "").trim();
}

// The client keeps only the text of Node's error, not its code (kafka-connect-errors.ts has the codes).
const UNTRUSTED =
  /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate signature failure|certificate not trusted/i;
const NOT_VALID_NOW = /certificate has expired|certificate is not yet valid/i;
const NOT_FOR_HOST = /does not match certificate's altnames/i;

/** What to fix, in front of Node's words. */
function tlsMessage(reason: string): string {
  if (UNTRUSTED.test(reason)) {
    return `the node's certificate is not trusted (${reason}); give the connection the CA certificate that signed it`;
  }
  if (NOT_VALID_NOW.test(reason)) {
    return `the node's certificate is not valid now (${reason})`;
  }
  if (NOT_FOR_HOST.test(reason)) {
    return `the node's certificate is not for the host in the node URL (${reason})`;
  }
  return reason;
}
