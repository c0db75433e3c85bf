import { RegistryError, type RegistryFailure } from "@outflow/connectors/schema-registry-failure";
import { AppError, type IssueParams } from "@outflow/schemas/errors";
import type { ServerSentence } from "@/lib/http/server-error";
import { failureWords, testDetailsWords } from "./failure-words";

/** A registry failure's message key and arguments, for a console in another language (none for the connect policy's own words). */
export function registryFailureWords(f: Pick<RegistryFailure, "words">): { key: ServerSentence; params: IssueParams } | undefined {
  return failureWords(f.words);
}

/**
 * A registry's failure (a RegistryError, or anything else thrown while asking it) as the API's error: 502, in the
 * connector's English, with its sentence's key and arguments when it has them.
 */
export function registryAppError(err: unknown): AppError {
  const words = err instanceof RegistryError ? registryFailureWords(err) : undefined;
  return new AppError("bad_gateway", (err as Error).message, undefined, words);
}

/**
 * A failed registry connection test: the connector's sentence, and in `details` its category and status and, for the
 * console's language, its `messageKey` (a sentence of the `errors` catalogue's `server` part) and `params`.
 */
export function failedRegistryTest(
  failure: RegistryFailure,
  latencyMs: number,
): { ok: false; latencyMs: number; error: string; details: { category: string; status: number | null; messageKey?: string; params?: IssueParams } } {
  return { ok: false, latencyMs, error: failure.message, details: { category: failure.category, status: failure.status, ...testDetailsWords(failure.words) } };
}
