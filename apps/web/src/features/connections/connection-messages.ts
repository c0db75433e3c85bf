import type { ConnectionKind } from "@outflow/schemas/connection";

/**
 * Kinds by name for code outside the connection pages that has not moved to the catalogue yet (the task list's
 * connection filter). The console's words are `connections.kinds.*` in messages/<locale>/connections.json.
 */
export const KIND_LABEL: Record<ConnectionKind, string> = { kafka: "Kafka", elasticsearch: "Elasticsearch", schema_registry: "Schema registry" };
