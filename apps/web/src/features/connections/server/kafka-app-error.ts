import { type KafkaFailure, kafkaFailure } from "@outflow/connectors/kafka-connect-errors";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { AppError, type IssueParams } from "@outflow/schemas/errors";
import type { ServerSentence } from "@/lib/http/server-error";
import { failureWords, testDetailsWords } from "./failure-words";

const uses = (conn: KafkaConnectionInput) => ({ tls: conn.tls?.enabled === true, sasl: conn.sasl !== undefined });

/** A failure's message key and arguments, for a console in another language (none for the connect policy's own words). */
export function kafkaFailureWords(f: KafkaFailure): { key: ServerSentence; params: IssueParams } | undefined {
  return failureWords(f.words);
}

/** A Kafka connection's failure as the API's error: the connect policy's refusal 422, the rest 502, in kafkaFailure's words. */
export function kafkaAppError(conn: KafkaConnectionInput, err: unknown): AppError {
  const f = kafkaFailure(conn.name, err, uses(conn));
  return new AppError(f.category === "denied" ? "unprocessable_entity" : "bad_gateway", f.message, undefined, kafkaFailureWords(f));
}

/**
 * A failed Kafka connection test: kafkaFailure's sentence, and in `details` its category (as the search side's) and,
 * for the console's language, its `messageKey` (a sentence of the `errors` catalogue's `server` part) and `params`.
 */
export function failedKafkaTest(
  conn: KafkaConnectionInput,
  cause: unknown,
  latencyMs: number,
): { ok: false; latencyMs: number; error: string; details: { category: string; messageKey?: string; params?: IssueParams } } {
  const f = kafkaFailure(conn.name, cause, uses(conn));
  return { ok: false, latencyMs, error: f.message, details: { category: f.category, ...testDetailsWords(f.words) } };
}
