import "server-only";
import { createKafka, listTopics, probeKafka, type TopicInfo } from "@outflow/connectors/kafka";
import { probeRegistry } from "@outflow/connectors/schema-registry-client";
import { describeServer } from "@outflow/connectors/search-server";
import { openSearchSink } from "@outflow/connectors/search-sink";
import { restartConnectionUsers } from "@outflow/db/connection-users";
import {
  type ConnectionRow,
  deleteConnection,
  findConnection,
  insertConnection,
  kafkaConnectionsUsingRegistry,
  listConnections,
  recordConnectionTest,
  resolveConnection,
  tasksUsingConnection,
  toConnectionView,
  updateConnection,
} from "@outflow/db/connections";
import { type PageQuery, pageOf } from "@outflow/schemas/api/paging";
import type { ConnectionListPage } from "@outflow/schemas/api/responses";
import { type Connection, ConnectionInput } from "@outflow/schemas/connection";
import { AppError, issuesFromZod } from "@outflow/schemas/errors";
import { mergePatch } from "@outflow/schemas/merge-patch";
import type { EventActor } from "@outflow/schemas/task";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";
import { failedKafkaTest, kafkaAppError } from "./kafka-app-error";
import { failedRegistryTest } from "./registry-app-error";
import { searchTestWords, unsupportedServerWords } from "./search-test-words";
import { dropSecretsForNewDestination } from "./secret-binding";

const view = (row: ConnectionRow): Connection => toConnectionView(row, ctx().box);

export async function createConnection(input: ConnectionInput): Promise<Connection> {
  const { db, box } = ctx();
  await assertNameFree(input.name);
  await assertRegistryExists(input);
  return view(await insertConnection(db, box, input));
}

export async function getConnections(page: PageQuery): Promise<ConnectionListPage> {
  const { rows, total } = await listConnections(ctx().db, page);
  return pageOf(rows.map(view), total, page);
}

export async function getConnection(id: string): Promise<Connection> {
  return view(await mustFind(id));
}

/**
 * JSON merge patch over the stored connection; secrets that the patch leaves out are kept while the destination
 * (nodes/brokers, TLS, SASL mechanism) stays; a patch that changes it must send them again (422 naming each).
 * Anything but a new name restarts the clients of every running task that uses the connection (for a schema
 * registry: every task on a Kafka connection that names it).
 */
export async function patchConnection(id: string, patch: Record<string, unknown>, actor: EventActor): Promise<Connection> {
  const { db, box, queue } = ctx();
  const current = await resolveConnection(db, box, id);
  if (!current) {
    throw notFound(id);
  }
  const { id: _id, ...base } = current;
  const merged = mergePatch(base, patch) as Record<string, unknown>;
  if (merged.kind !== current.kind) {
    throw AppError.invalid([serverIssue("kind", "connectionKindFixed", { kind: current.kind })]);
  }
  const secretIssues = dropSecretsForNewDestination(base, merged, patch);
  if (secretIssues.length > 0) {
    throw AppError.invalid(secretIssues);
  }
  const parsed = ConnectionInput.safeParse(merged);
  if (!parsed.success) {
    throw AppError.invalid(issuesFromZod(parsed.error));
  }
  if (parsed.data.name !== current.name) {
    await assertNameFree(parsed.data.name, id);
  }
  await assertRegistryExists(parsed.data);
  const saved = view(await updateConnection(db, box, id, parsed.data));
  const before = ConnectionInput.safeParse(base);
  if (!before.success || JSON.stringify({ ...parsed.data, name: "" }) !== JSON.stringify({ ...before.data, name: "" })) {
    // A registry reaches tasks through the Kafka connections that name it.
    const used = parsed.data.kind === "schema_registry" ? (await kafkaConnectionsUsingRegistry(db, id)).map((k) => k.id) : [id];
    for (const connectionId of used) {
      for (const task of await restartConnectionUsers(db, connectionId, parsed.data.name, { userId: actor.userId, email: actor.email })) {
        if (task.running) {
          await queue.nudge(task.id);
        }
      }
    }
  }
  return saved;
}

export async function removeConnection(id: string): Promise<void> {
  const { db } = ctx();
  await mustFind(id);
  const users = await tasksUsingConnection(db, id);
  if (users.length > 0) {
    throw serverError("conflict", "connectionInUse", { count: users.length, names: users.map((t) => t.name).join(", ") });
  }
  const kafkas = await kafkaConnectionsUsingRegistry(db, id);
  if (kafkas.length > 0) {
    throw serverError("conflict", "registryInUse", { count: kafkas.length, names: kafkas.map((k) => k.name).join(", ") });
  }
  await deleteConnection(db, id);
}

export type ConnectionTestResult = { ok: boolean; latencyMs: number; error?: string; details?: Record<string, unknown> };

/**
 * Tries the connection for real: Kafka metadata, cluster health and which server it is (Elasticsearch or
 * OpenSearch, and the version), or the registry's subject list. A failure is a category with the status, never the
 * remote body.
 */
export async function testConnection(input: ConnectionInput): Promise<ConnectionTestResult> {
  const started = performance.now();
  if (input.kind === "schema_registry") {
    const r = await probeRegistry(input);
    const latencyMs = Math.round(performance.now() - started);
    return r.ok
      ? {
          ok: true,
          latencyMs,
          details: { registry: r.summary, ...(r.server ? { server: r.server } : {}), subjects: r.subjects, compatibility: r.compatibility },
        }
      : failedRegistryTest(r.failure, latencyMs);
  }
  if (input.kind === "kafka") {
    const r = await probeKafka(createKafka(input, { clientId: "outflow-console-test", connectionTimeout: 3_000, retries: 1 }));
    const latencyMs = Math.round(performance.now() - started);
    return r.ok
      ? { ok: true, latencyMs, details: { brokers: r.brokers, controller: r.controller, topics: r.topics } }
      : failedKafkaTest(input, r.cause, latencyMs);
  }
  const sink = openSearchSink(input, { requestTimeoutMs: 5_000 });
  try {
    const r = await sink.probe();
    const latencyMs = Math.round(performance.now() - started);
    if (!r.ok) {
      return { ok: false, latencyMs, error: r.error, details: { category: r.failure.category, status: r.failure.status, ...searchTestWords(r.failure) } };
    }
    const details = {
      server: r.server ? describeServer(r.server) : "not told (neither GET / nor the node info answered)",
      distribution: r.server?.distribution ?? null,
      version: r.version,
      clusterName: r.clusterName,
      status: r.status,
      nodes: r.nodes,
    };
    if (r.server && !r.server.supported) {
      const error = `${describeServer(r.server)} is not supported: Outflow writes to Elasticsearch 7.10 and later and OpenSearch 1.3 and later`;
      return { ok: false, latencyMs, error, details: { ...details, category: "unsupported", ...unsupportedServerWords(describeServer(r.server)) } };
    }
    return { ok: true, latencyMs, details };
  } finally {
    await sink.close().catch(() => {});
  }
}

export async function testStoredConnection(id: string): Promise<ConnectionTestResult> {
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, id);
  if (!conn) {
    throw notFound(id);
  }
  const result = await testConnection(conn);
  await recordConnectionTest(db, id, { at: new Date().toISOString(), ...result });
  return result;
}

export async function topicsOf(id: string): Promise<TopicInfo[]> {
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, id);
  if (!conn) {
    throw notFound(id);
  }
  if (conn.kind !== "kafka") {
    throw serverError("unprocessable_entity", "topicsOnlyOnKafka", { kind: conn.kind });
  }
  try {
    return await listTopics(createKafka(conn, { clientId: "outflow-console-topics", connectionTimeout: 3_000, retries: 1 }), {
      internal: conn.allowInternalTopics === true,
    });
  } catch (err) {
    throw kafkaAppError(conn, err);
  }
}

async function mustFind(id: string): Promise<ConnectionRow> {
  const row = await findConnection(ctx().db, id);
  if (!row) {
    throw notFound(id);
  }
  return row;
}

/** Names are unique ignoring case (also a unique index on lower(name): a concurrent save gets 409 too). */
async function assertNameFree(name: string, exceptId?: string): Promise<void> {
  const taken = await ctx().db.connection.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (taken) {
    const issues = [serverIssue("name", "nameInUseIssue")];
    throw taken.name === name
      ? serverError("conflict", "connectionNameTaken", { name }, issues)
      : serverError("conflict", "connectionNameTakenAs", { name, existing: taken.name }, issues);
  }
}

/** A Kafka connection's schemaRegistryId names a schema registry connection that exists (422 naming the field). */
async function assertRegistryExists(input: ConnectionInput): Promise<void> {
  if (input.kind !== "kafka" || input.schemaRegistryId === undefined) {
    return;
  }
  const row = await findConnection(ctx().db, input.schemaRegistryId);
  if (!row) {
    throw AppError.invalid([serverIssue("schemaRegistryId", "connectionNotFound", { id: input.schemaRegistryId })]);
  }
  if (row.kind !== "schema_registry") {
    throw AppError.invalid([serverIssue("schemaRegistryId", "notARegistry", { name: row.name, kind: row.kind })]);
  }
}

function notFound(id: string): AppError {
  return serverError("not_found", "connectionNotFound", { id });
}
