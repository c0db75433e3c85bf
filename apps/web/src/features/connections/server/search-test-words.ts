import type { SearchFailure, SearchSentence } from "@outflow/connectors/search-failure";
import type { IssueParams } from "@outflow/schemas/errors";
import type { ServerSentence } from "@/lib/http/server-error";

/** searchFailure's sentences by their names in the `errors` catalogue's `server` part (the English is searchFailure's). */
const SENTENCES: Record<SearchSentence, ServerSentence> = {
  searchTimedOut: "searchTimedOut",
  searchTlsUntrusted: "searchTlsUntrusted",
  searchTlsNotValidNow: "searchTlsNotValidNow",
  searchTlsWrongHost: "searchTlsWrongHost",
  searchTls: "searchTls",
  searchNodeRefused: "searchNodeRefused",
  searchUnreachable: "searchUnreachable",
  searchNotJson: "searchNotJson",
  searchCredentials: "searchCredentials",
  searchMediaType: "searchMediaType",
  searchNoEndpoint: "searchNoEndpoint",
  searchOverloaded: "searchOverloaded",
  searchServerError: "searchServerError",
  searchRejected: "searchRejected",
  searchFailed: "searchFailed",
  searchNotIdentified: "searchNotIdentified",
};

/**
 * A failed search connection test's `details` words: its sentence's name (`messageKey`) and arguments (`params`), for
 * the console's language; nothing for a failure in other words (the connect policy's own).
 */
export function searchTestWords(f: SearchFailure): { messageKey?: ServerSentence; params?: IssueParams } {
  return f.words ? { messageKey: SENTENCES[f.words.key], params: f.words.params } : {};
}

/** A search server Outflow does not write to, as a failed test's `details` words. */
export function unsupportedServerWords(server: string): { messageKey: ServerSentence; params: IssueParams } {
  return { messageKey: "searchServerUnsupported", params: { server } };
}
