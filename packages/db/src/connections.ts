import type { Connection, ConnectionInput, ConnectionLastTest, ConnectionSecrets, SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import type { Db } from "./client";
import type { SecretBox } from "./secret-box";

type Row = { id: string; kind: string; name: string; settings: unknown; secrets: string | null; lastTest: unknown; createdAt: Date; updatedAt: Date };
const select = { id: true, kind: true, name: true, settings: true, secrets: true, lastTest: true, createdAt: true, updatedAt: true } as const;

type SecretPlace = [keyof ConnectionSecrets, string, string];

/** Where each sealed secret sits in a connection's input (Kafka: sasl, tls; Elasticsearch and registry: auth, tls). */
function secretPlaces(kind: string): SecretPlace[] {
  const auth: SecretPlace[] =
    kind === "schema_registry"
      ? [
          ["registryPassword", "auth", "password"],
          ["registryToken", "auth", "token"],
        ]
      : [
          ["saslPassword", "sasl", "password"],
          ["esPassword", "auth", "password"],
          ["esApiKey", "auth", "apiKey"],
        ];
  return [...auth, ["tlsKey", "tls", "key"]];
}

type Sections = Record<string, Record<string, unknown> | undefined>;

/** Separates what may be shown (settings) from what is sealed (secrets). */
export function splitSecrets(input: ConnectionInput): { settings: Record<string, unknown>; secrets: ConnectionSecrets } {
  const { name: _name, ...settings } = structuredClone(input) as ConnectionInput & Record<string, unknown>;
  const secrets: ConnectionSecrets = {};
  for (const [secret, section, field] of secretPlaces(input.kind)) {
    const holder = (settings as Sections)[section];
    const value = holder?.[field];
    if (typeof value === "string" && value !== "") {
      secrets[secret] = value;
      delete holder?.[field];
    }
  }
  return { settings, secrets };
}

/** Puts the secrets back: the full input, for building clients on the server. */
export function joinSecrets(name: string, settings: Record<string, unknown>, secrets: ConnectionSecrets): ConnectionInput {
  const full = structuredClone({ ...settings, name }) as Record<string, unknown>;
  for (const [secret, section, field] of secretPlaces(String(settings.kind))) {
    const holder = (full as Sections)[section];
    const value = secrets[secret];
    if (holder && value) {
      holder[field] = value;
    }
  }
  return full as unknown as ConnectionInput;
}

/** The API's view: settings plus flags saying which secrets are set. Never a secret. */
export function toConnectionView(row: Row, box: SecretBox): Connection {
  const secrets = row.secrets ? box.open<ConnectionSecrets>(row.secrets) : {};
  const s = row.settings as Record<string, unknown> & {
    tls?: Record<string, unknown>;
    sasl?: Record<string, unknown>;
    auth?: Record<string, unknown> & { type: string };
  };
  const base = {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastTest: (row.lastTest ?? null) as ConnectionLastTest | null,
  };
  const tls = s.tls ? { ...s.tls, hasKey: Boolean(secrets.tlsKey) } : undefined;
  if (row.kind === "kafka") {
    return {
      ...base,
      kind: "kafka",
      brokers: s.brokers as string[],
      ...(typeof s.allowInternalTopics === "boolean" ? { allowInternalTopics: s.allowInternalTopics } : {}),
      ...(tls ? { tls: tls as never } : {}),
      ...(s.sasl ? { sasl: { mechanism: String(s.sasl.mechanism), username: String(s.sasl.username), hasPassword: Boolean(secrets.saslPassword) } } : {}),
      ...(typeof s.schemaRegistryId === "string" ? { schemaRegistryId: s.schemaRegistryId } : {}),
    };
  }
  const auth = s.auth ?? { type: "none" };
  if (row.kind === "schema_registry") {
    return {
      ...base,
      kind: "schema_registry",
      urls: s.urls as string[],
      auth:
        auth.type === "basic"
          ? { type: "basic", username: String(auth.username), hasPassword: Boolean(secrets.registryPassword) }
          : auth.type === "bearer"
            ? { type: "bearer", hasToken: Boolean(secrets.registryToken) }
            : { type: "none" },
      ...(tls ? { tls: tls as never } : {}),
    };
  }
  return {
    ...base,
    kind: "elasticsearch",
    nodes: s.nodes as string[],
    ...(typeof s.allowSystemIndices === "boolean" ? { allowSystemIndices: s.allowSystemIndices } : {}),
    auth:
      auth.type === "basic"
        ? { type: "basic", username: String(auth.username), hasPassword: Boolean(secrets.esPassword) }
        : auth.type === "apiKey"
          ? { type: "apiKey", hasApiKey: Boolean(secrets.esApiKey) }
          : { type: "none" },
    ...(tls ? { tls: tls as never } : {}),
    ...(typeof s.dashboardsUrl === "string" ? { dashboardsUrl: s.dashboardsUrl } : {}),
  };
}

export async function insertConnection(db: Db, box: SecretBox, input: ConnectionInput): Promise<Row> {
  const { settings, secrets } = splitSecrets(input);
  return db.connection.create({
    data: { kind: input.kind, name: input.name, settings: settings as object, secrets: box.seal(secrets) },
    select,
  });
}

export async function updateConnection(db: Db, box: SecretBox, id: string, input: ConnectionInput): Promise<Row> {
  const { settings, secrets } = splitSecrets(input);
  return db.connection.update({ where: { id }, data: { name: input.name, settings: settings as object, secrets: box.seal(secrets) }, select });
}

/** Keeps the result of the connection's latest test (shown with the connection, warned about when it failed). */
export async function recordConnectionTest(db: Db, id: string, result: ConnectionLastTest): Promise<void> {
  await db.connection.update({ where: { id }, data: { lastTest: result as object } });
}

export async function findConnection(db: Db, id: string): Promise<Row | null> {
  return db.connection.findFirst({ where: { id }, select });
}

/** Oldest first (ties by id), a page at a time, and how many there are. */
export async function listConnections(db: Db, page: { limit: number; offset: number }): Promise<{ rows: Row[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.connection.findMany({ select, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: page.limit, skip: page.offset }),
    db.connection.count(),
  ]);
  return { rows, total };
}

export async function deleteConnection(db: Db, id: string): Promise<void> {
  await db.connection.delete({ where: { id } });
}

/** The full input with secrets, for building a Kafka, Elasticsearch or schema registry client. Server-side only. */
export async function resolveConnection(db: Db, box: SecretBox, id: string): Promise<(ConnectionInput & { id: string }) | null> {
  const row = await findConnection(db, id);
  if (!row) {
    return null;
  }
  const secrets = row.secrets ? box.open<ConnectionSecrets>(row.secrets) : {};
  return { ...joinSecrets(row.name, row.settings as Record<string, unknown>, secrets), id: row.id };
}

export async function tasksUsingConnection(db: Db, id: string): Promise<{ id: string; name: string }[]> {
  return db.task.findMany({ where: { OR: [{ sourceConnectionId: id }, { sinkConnectionId: id }] }, select: { id: true, name: true } });
}

/**
 * The schema registry connection a Kafka connection names, with its secrets (server-side only); null when it names
 * none. Throws when the id names no connection or one of another kind (saving refuses both; this is the guard at use).
 */
export async function resolveRegistryOf(
  db: Db,
  box: SecretBox,
  kafka: { name: string; schemaRegistryId?: string },
): Promise<(SchemaRegistryConnectionInput & { id: string }) | null> {
  if (!kafka.schemaRegistryId) {
    return null;
  }
  const registry = await resolveConnection(db, box, kafka.schemaRegistryId);
  if (registry?.kind !== "schema_registry") {
    throw new Error(
      `Kafka connection "${kafka.name}" names schema registry connection "${kafka.schemaRegistryId}", which is not a schema registry connection (any more)`,
    );
  }
  return registry;
}

/** The Kafka connections that name this schema registry connection (a registry in use cannot be deleted). */
export async function kafkaConnectionsUsingRegistry(db: Db, registryId: string): Promise<{ id: string; name: string }[]> {
  return db.connection.findMany({
    where: { kind: "kafka", settings: { path: ["schemaRegistryId"], equals: registryId } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export type ConnectionRow = Row;
