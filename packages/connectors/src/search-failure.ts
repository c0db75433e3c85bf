import { errors } from "@elastic/elasticsearch";
import type { SentenceWords } from "./sentence-words";

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

/**
 * A failure's sentence by its name in the console's `errors` catalogue (`server.<key>`), with the arguments it names:
 * `status` (the HTTP status) and `detail` (Node's or the client's own words, shown as they are).
 */
export type SearchSentence =
  | "searchTimedOut"
  | "searchTlsUntrusted"
  | "searchTlsNotValidNow"
  | "searchTlsWrongHost"
  | "searchTls"
  | "searchNodeRefused"
  | "searchUnreachable"
  | "searchNotJson"
  | "searchCredentials"
  | "searchMediaType"
  | "searchNoEndpoint"
  | "searchOverloaded"
  | "searchServerError"
  | "searchRejected"
  | "searchFailed"
  | "searchNotIdentified";
export type SearchWords = SentenceWords<SearchSentence>;

/** `words` say `message` for a console in another language (none for the connect policy's refusal: its own words). */
export type SearchFailure = { category: SearchFailureCategory; status: number | null; message: string; words?: SearchWords };

const said = (category: SearchFailureCategory, status: number | null, key: SearchSentence, message: string, detail?: string): SearchFailure => ({
  category,
  status,
  message,
  words: { key, params: { ...(status === null ? {} : { status: String(status) }), ...(detail === undefined ? {} : { detail }) } },
});

const TLS_PATTERN = /certificate|ssl|tls|self[- ]signed|wrong version number|altnames|EPROTO|CERT_/i;

export function searchFailure(err: unknown): SearchFailure {
  if (err instanceof errors.TimeoutError) {
    return said("timed_out", null, "searchTimedOut", "timed out: the server did not answer in time");
  }
  if (err instanceof errors.ConnectionError || err instanceof errors.NoLivingConnectionsError) {
    const text = err.message;
    if (/OUTFLOW_CONNECT_(ALLOW|DENY)/.test(text)) {
      // The connect policy's own words (connect-guard.ts): the connection, the host and the rule.
      return { category: "denied", status: null, message: (text.split(" - Local:")[0] ?? text).trim() };
    }
    if (TLS_PATTERN.test(text)) {
      const reason = tlsReason(text);
      const tls = tlsMessage(reason);
      return said("tls", null, tls.key, `TLS: ${tls.message}`, reason);
    }
    if (/ECONNREFUSED/.test(text)) {
      return said("refused", null, "searchNodeRefused", "refused: nothing accepts connections at the node address");
    }
    return said("unreachable", null, "searchUnreachable", "unreachable: the node address could not be reached");
  }
  if (err instanceof errors.DeserializationError) {
    return said("not_search_server", null, "searchNotJson", "not Elasticsearch or OpenSearch: the answer is not JSON");
  }
  if (err instanceof errors.ResponseError) {
    const status = err.meta.statusCode ?? 0;
    if (status === 401 || status === 403) {
      return said("credentials", status, "searchCredentials", `credentials refused (HTTP ${status})`);
    }
    if (status === 406 || status === 415) {
      return said("media_type", status, "searchMediaType", `the server refused the request's media type (HTTP ${status})`);
    }
    if (status === 404 || status === 405 || status === 501 || (status === 400 && noHandler(err.meta.body))) {
      return said("not_search_server", status, "searchNoEndpoint", `not Elasticsearch or OpenSearch: the endpoint is missing (HTTP ${status})`);
    }
    if (status === 429) {
      return said("overloaded", status, "searchOverloaded", "the server is overloaded (HTTP 429)");
    }
    if (status >= 500) {
      return said("server_error", status, "searchServerError", `server error (HTTP ${status})`);
    }
    return said("rejected", status, "searchRejected", `the request was rejected (HTTP ${status})`);
  }
  return said("unreachable", null, "searchFailed", `unreachable: ${(err as Error).message}`, (err as Error).message);
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
function tlsMessage(reason: string): { key: SearchSentence; message: string } {
  if (UNTRUSTED.test(reason)) {
    return { key: "searchTlsUntrusted", message: `the node's certificate is not trusted (${reason}); give the connection the CA certificate that signed it` };
  }
  if (NOT_VALID_NOW.test(reason)) {
    return { key: "searchTlsNotValidNow", message: `the node's certificate is not valid now (${reason})` };
  }
  if (NOT_FOR_HOST.test(reason)) {
    return { key: "searchTlsWrongHost", message: `the node's certificate is not for the host in the node URL (${reason})` };
  }
  return { key: "searchTls", message: reason };
}
