import "server-only";
import { registrySchemaLookup } from "@outflow/connectors/registry-schema-lookup";
import { registryClient } from "@outflow/connectors/schema-registry-client";
import { resolveConnection } from "@outflow/db/connections";
import type { RegistrySchema } from "@outflow/pipeline/formats/schema-book";
import type { KafkaConnectionInput, SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";
import { registryAppError } from "@/features/connections/server/registry-app-error";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";

/**
 * Where a schema id is registered (subject and version), in the registry a Kafka connection names, and the schema
 * (null when the registry has no such id): what the preview shows beside a decoded message, and what the wizard
 * proposes field types and paths from. Empty subjects when the registry does not say.
 */
export async function schemaSubjects(
  kafkaConnectionId: string,
  schemaId: number,
): Promise<{ items: { subject: string; version: number }[]; schema: RegistrySchema | null }> {
  const { db, box } = ctx();
  const kafka = await resolveConnection(db, box, kafkaConnectionId);
  if (!kafka) {
    throw serverError("not_found", "connectionNotFound", { id: kafkaConnectionId });
  }
  const registryId = kafka.kind === "kafka" ? (kafka as KafkaConnectionInput).schemaRegistryId : undefined;
  const registry = registryId ? await resolveConnection(db, box, registryId) : null;
  if (registry?.kind !== "schema_registry") {
    throw AppError.invalid([serverIssue("id", "noRegistry")]);
  }
  try {
    const conn = registry as SchemaRegistryConnectionInput;
    const [items, schema] = await Promise.all([registryClient(conn).subjectVersionsOfId(schemaId), registrySchemaLookup(conn)(schemaId)]);
    return { items, schema };
  } catch (err) {
    throw registryAppError(err);
  }
}
