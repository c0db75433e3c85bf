import "server-only";
import { registrySchemaLookup } from "@outflow/connectors/registry-schema-lookup";
import { resolveConnection } from "@outflow/db/connections";
import { type KafkaMessage, safeCompileTask, wireToMessage } from "@outflow/pipeline";
import type { RegistrySchema } from "@outflow/pipeline/formats/schema-book";
import { schemaIdsNeeded } from "@outflow/pipeline/formats/schema-decoders";
import type { WireMessage } from "@outflow/schemas/api/preview";
import type { KafkaConnectionInput, SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";
import { registryAppError } from "@/features/connections/server/registry-app-error";
import { serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";

/** Schemas by id for a preview or dry-run thread (plain data: it crosses to the thread); null: the registry has no such id. */
export type SchemaEntries = [number, RegistrySchema | null][];

/**
 * The schemas the messages carry when the config reads registry formats (undefined otherwise), looked up in the
 * registry its Kafka connection names, as the worker does. A registry that does not answer is the server's
 * condition (502), never the messages'.
 */
export async function schemasFor(config: unknown, messages: (KafkaMessage | WireMessage)[]): Promise<SchemaEntries | undefined> {
  const compiled = safeCompileTask(config);
  if (!compiled.ok || !compiled.task.registry) {
    return undefined;
  }
  const now = Date.now();
  const ids = schemaIdsNeeded(
    compiled.task,
    messages.map((m) => ("valueEncoding" in m ? wireToMessage(m, now) : m)),
  );
  if (ids.length === 0) {
    return [];
  }
  const { db, box } = ctx();
  const kafka = await resolveConnection(db, box, compiled.task.config.source.connectionId);
  const registryId = kafka?.kind === "kafka" ? (kafka as KafkaConnectionInput).schemaRegistryId : undefined;
  const registry = registryId ? await resolveConnection(db, box, registryId) : null;
  if (registry?.kind !== "schema_registry") {
    const format = compiled.task.registry.value?.format.type ?? compiled.task.registry.key?.format.type;
    throw AppError.invalid([serverIssue("config.source.connectionId", "formatNeedsRegistry", { format: String(format) })]);
  }
  const lookup = registrySchemaLookup(registry as SchemaRegistryConnectionInput);
  try {
    return await Promise.all(ids.map(async (id) => [id, await lookup(id)] as [number, RegistrySchema | null]));
  } catch (err) {
    throw registryAppError(err);
  }
}
