import type { SearchFailure } from "@outflow/connectors/search-failure";
import type { IssueParams } from "@outflow/schemas/errors";
import type { ServerSentence } from "@/lib/http/server-error";
import { testDetailsWords } from "./failure-words";

/**
 * A failed search connection test's `details` words: its sentence's name (`messageKey`) and arguments (`params`), for
 * the console's language; nothing for a failure in other words (the connect policy's own).
 */
export function searchTestWords(f: SearchFailure): { messageKey?: ServerSentence; params?: IssueParams } {
  return testDetailsWords(f.words);
}

/** A search server Outflow does not write to, as a failed test's `details` words. */
export function unsupportedServerWords(server: string): { messageKey: ServerSentence; params: IssueParams } {
  return { messageKey: "searchServerUnsupported", params: { server } };
}
