import type { SentenceWords } from "@outflow/connectors/sentence-words";
import type { IssueParams } from "@outflow/schemas/errors";
import type { ServerSentence } from "@/lib/http/server-error";

/**
 * A connector failure's words (Kafka's, a search server's, a registry's) as the API sends them: its sentence is one of
 * the `errors` catalogue's `server` part — `K extends ServerSentence` makes the typecheck hold each connector's
 * sentence names to the catalogue; none for a failure in other words (the connect policy's own).
 */
export function failureWords<K extends ServerSentence>(words: SentenceWords<K> | undefined): { key: K; params: IssueParams } | undefined {
  return words ? { key: words.key, params: words.params } : undefined;
}

/** The same words in a failed connection test's `details`: `messageKey` and `params` (nothing without words). */
export function testDetailsWords<K extends ServerSentence>(words: SentenceWords<K> | undefined): { messageKey?: K; params?: IssueParams } {
  return words ? { messageKey: words.key, params: words.params } : {};
}
