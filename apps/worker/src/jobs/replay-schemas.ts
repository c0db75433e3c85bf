import { registrySchemaLookup } from "@outflow/connectors/registry-schema-lookup";
import { resolveConnection } from "@outflow/db/connections";
import type { CompiledTask, KafkaMessage } from "@outflow/pipeline";
import type { SchemaLookup } from "@outflow/pipeline/formats/schema-book";
import { resolveSchemas } from "@outflow/pipeline/formats/schema-decoders";
import type { KafkaConnectionInput, SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { backoffMs, sleep } from "../runner/backoff";
import type { RunnerDeps } from "../runner/runner-deps";

/** The schema registry a task's source Kafka connection names (registry formats); null when it names none. */
export async function sourceSchemaLookup(deps: Pick<RunnerDeps, "db" | "box">, kafkaConnectionId: string): Promise<SchemaLookup | null> {
  const kafka = await resolveConnection(deps.db, deps.box, kafkaConnectionId);
  const registryId = kafka?.kind === "kafka" ? (kafka as KafkaConnectionInput).schemaRegistryId : undefined;
  const registry = registryId ? await resolveConnection(deps.db, deps.box, registryId) : null;
  return registry?.kind === "schema_registry" ? registrySchemaLookup(registry as SchemaRegistryConnectionInput) : null;
}

/** Looks up the messages' schemas, asking again after a backoff while the registry does not answer. False when `signal` aborted first. */
export async function schemasAnswered(compiled: CompiledTask, messages: KafkaMessage[], lookup: SchemaLookup, signal: AbortSignal): Promise<boolean> {
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      await resolveSchemas(compiled, messages, lookup);
      return true;
    } catch {
      await sleep(backoffMs(attempt), signal);
    }
  }
  return false;
}
