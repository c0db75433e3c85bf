import { kafkaFailure } from "@outflow/connectors/kafka-connect-errors";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";

const uses = (conn: KafkaConnectionInput) => ({ tls: conn.tls?.enabled === true, sasl: conn.sasl !== undefined });

/** A Kafka connection's failure as the API's error: the connect policy's refusal 422, the rest 502, in kafkaFailure's words. */
export function kafkaAppError(conn: KafkaConnectionInput, err: unknown): AppError {
  const f = kafkaFailure(conn.name, err, uses(conn));
  return new AppError(f.category === "denied" ? "unprocessable_entity" : "bad_gateway", f.message);
}

/** A failed Kafka connection test: kafkaFailure's sentence, and its category in `details` (as the search side's). */
export function failedKafkaTest(
  conn: KafkaConnectionInput,
  cause: unknown,
  latencyMs: number,
): { ok: false; latencyMs: number; error: string; details: { category: string } } {
  const f = kafkaFailure(conn.name, cause, uses(conn));
  return { ok: false, latencyMs, error: f.message, details: { category: f.category } };
}
