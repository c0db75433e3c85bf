import "server-only";
import { registryClient } from "@outflow/connectors/schema-registry-client";
import { resolveConnection } from "@outflow/db/connections";
import type { KafkaConnectionInput, SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";
import { ctx } from "@/server/context";

/**
 * Where a schema id is registered (subject and version), in the registry a Kafka connection names: what the
 * preview shows beside a decoded message. Empty when the registry does not say.
 */
export async function schemaSubjects(kafkaConnectionId: string, schemaId: number): Promise<{ subject: string; version: number }[]> {
  const { db, box } = ctx();
  const kafka = await resolveConnection(db, box, kafkaConnectionId);
  if (!kafka) {
    throw new AppError("not_found", `No connection with id "${kafkaConnectionId}"`);
  }
  const registryId = kafka.kind === "kafka" ? (kafka as KafkaConnectionInput).schemaRegistryId : undefined;
  const registry = registryId ? await resolveConnection(db, box, registryId) : null;
  if (registry?.kind !== "schema_registry") {
    throw AppError.invalid([{ field: "id", message: "this Kafka connection names no schema registry (pick one on the connection)" }]);
  }
  try {
    return await registryClient(registry as SchemaRegistryConnectionInput).subjectVersionsOfId(schemaId);
  } catch (err) {
    throw new AppError("bad_gateway", (err as Error).message);
  }
}
