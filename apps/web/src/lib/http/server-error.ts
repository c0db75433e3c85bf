import { AppError, type ErrorCode, type Issue, type IssueParams } from "@outflow/schemas/errors";
import type enErrors from "../../../messages/en/errors.json";
import { catalogueMessage } from "./localize-error";

/** A sentence only the server says, by its name in the `errors` catalogue's `server` part. */
export type ServerSentence = keyof typeof enErrors.server;

/**
 * An AppError whose English message is the catalogue's `server.<key>` with `params` (so the words scripts read and
 * the words the console translates have one source). Arguments are sent as text: a number keeps its digits as the
 * server wrote them, in every language.
 */
export function serverError(code: ErrorCode, key: ServerSentence, params: Record<string, string | number | bigint> = {}, issues?: Issue[]): AppError {
  const text: IssueParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const message = catalogueMessage(`server.${key}`, text, "en");
  if (message === undefined) {
    // Only a catalogue edit can get here (a sentence naming an argument its callers do not pass): the unit test of
    // every sentence catches it; the answer still says what happened.
    return new AppError(code, `${key} ${JSON.stringify(text)}`, issues, { key, params: text });
  }
  return new AppError(code, message, issues, { key, params: text });
}

/**
 * An issue (one field's problem) in a server sentence's words: the English message from the catalogue, and the key as
 * the catalogue path `server.<key>` (localizeIssue looks an issue's key up as a path).
 */
export function serverIssue(field: string, key: ServerSentence, params: Record<string, string | number | bigint> = {}): Issue {
  const { message, words } = serverError("unprocessable_entity", key, params);
  return { field, message, key: `server.${key}`, params: words?.params };
}
