import type { Connection, ConnectionInput, ConnectionSecrets } from "@outflow/schemas/connection";
import type { Db } from "./client";
import type { SecretBox } from "./secret-box";

type Row = { id: string; kind: string; name: string; settings: unknown; secrets: string | null; createdAt: Date; updatedAt: Date };
const select = { id: true, kind: true, name: true, settings: true, secrets: true, createdAt: true, updatedAt: true } as const;

/** Separates what may be shown (settings) from what is sealed (secrets). */
export function splitSecrets(input: ConnectionInput): { settings: Record<string, unknown>; secrets: ConnectionSecrets } {
  const { name: _name, ...rest } = structuredClone(input) as ConnectionInput & Record<string, unknown>;
  const secrets: ConnectionSecrets = {};
  const settings = rest as Record<string, unknown> & Partial<ConnectionInput>;
  if (input.kind === "kafka") {
    const s = settings as Record<string, unknown> & { sasl?: { password?: string }; tls?: { key?: string } };
    if (s.sasl?.password) {
      secrets.saslPassword = s.sasl.password;
      delete s.sasl.password;
    }
    if (s.tls?.key) {
      secrets.tlsKey = s.tls.key;
      delete s.tls.key;
    }
  } else {
    const s = settings as Record<string, unknown> & { auth?: { password?: string; apiKey?: string }; tls?: { key?: string } };
    if (s.auth?.password) {
      secrets.esPassword = s.auth.password;
      delete s.auth.password;
    }
    if (s.auth?.apiKey) {
      secrets.esApiKey = s.auth.apiKey;
      delete s.auth.apiKey;
    }
    if (s.tls?.key) {
      secrets.tlsKey = s.tls.key;
      delete s.tls.key;
    }
  }
  return { settings, secrets };
}

/** Puts the secrets back: the full input, for building clients on the server. */
export function joinSecrets(name: string, settings: Record<string, unknown>, secrets: ConnectionSecrets): ConnectionInput {
  const full = structuredClone({ ...settings, name }) as unknown as Record<string, unknown> & {
    kind: string;
    sasl?: Record<string, unknown>;
    auth?: Record<string, unknown>;
    tls?: Record<string, unknown>;
  };
  if (full.sasl && secrets.saslPassword) {
    full.sasl.password = secrets.saslPassword;
  }
  if (full.auth && secrets.esPassword) {
    full.auth.password = secrets.esPassword;
  }
  if (full.auth && secrets.esApiKey) {
    full.auth.apiKey = secrets.esApiKey;
  }
  if (full.tls && secrets.tlsKey) {
    full.tls.key = secrets.tlsKey;
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
  const base = { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
  const tls = s.tls ? { ...s.tls, hasKey: Boolean(secrets.tlsKey) } : undefined;
  if (row.kind === "kafka") {
    return {
      ...base,
      kind: "kafka",
      brokers: s.brokers as string[],
      ...(tls ? { tls: tls as never } : {}),
      ...(s.sasl ? { sasl: { mechanism: String(s.sasl.mechanism), username: String(s.sasl.username), hasPassword: Boolean(secrets.saslPassword) } } : {}),
    };
  }
  const auth = s.auth ?? { type: "none" };
  return {
    ...base,
    kind: "elasticsearch",
    nodes: s.nodes as string[],
    auth:
      auth.type === "basic"
        ? { type: "basic", username: String(auth.username), hasPassword: Boolean(secrets.esPassword) }
        : auth.type === "apiKey"
          ? { type: "apiKey", hasApiKey: Boolean(secrets.esApiKey) }
          : { type: "none" },
    ...(tls ? { tls: tls as never } : {}),
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

export async function findConnection(db: Db, id: string): Promise<Row | null> {
  return db.connection.findFirst({ where: { id }, select });
}

export async function listConnections(db: Db): Promise<Row[]> {
  return db.connection.findMany({ select, orderBy: { createdAt: "asc" } });
}

export async function deleteConnection(db: Db, id: string): Promise<void> {
  await db.connection.delete({ where: { id } });
}

/** The full input with secrets, for building a Kafka or Elasticsearch client. Server-side only. */
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

export type ConnectionRow = Row;
