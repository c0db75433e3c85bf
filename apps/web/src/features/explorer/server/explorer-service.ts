import "server-only";
import { isConnectDenied } from "@outflow/connectors/connect-guard";
import { createElastic, type ElasticClient, esErrors } from "@outflow/connectors/elasticsearch";
import { createKafka } from "@outflow/connectors/kafka";
import { readMessagesAt } from "@outflow/connectors/kafka-sample";
import { catIndices, countByIndex, findDocuments, getDocument, ShardFailure, type SourceHit, searchDocuments } from "@outflow/connectors/search-explorer";
import { resolveConnection } from "@outflow/db/connections";
import { findTask, type TaskRecord } from "@outflow/db/tasks";
import { type Coordinates, coordinatesOfDocument, documentIdsOfMessage, type MessageLink, messageLink } from "@outflow/pipeline/message-links";
import { indexScope } from "@outflow/pipeline/task-indices";
import {
  type DocumentHit,
  type DocumentPage,
  type DocumentsQuery,
  type DocumentView,
  MAX_DOCUMENT_SOURCE_CHARS,
  MAX_DOCUMENTS_DEPTH,
  MAX_HIT_SOURCE_CHARS,
  type MessageView,
  type TaskIndexList,
  TRACK_TOTAL_HITS,
} from "@outflow/schemas/api/explorer";
import { MAX_PREVIEW_VALUE_CHARS } from "@outflow/schemas/api/preview";
import type { ElasticsearchConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";
import { kafkaAppError } from "@/features/connections/server/kafka-app-error";
import { toWire } from "@/features/preview/server/wire-messages";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";
import { discoverLink } from "../dashboards-link";

const SEARCH_TIMEOUT_MS = 15_000;

type Sink = { task: TaskRecord; conn: ElasticsearchConnectionInput; client: ElasticClient };

async function taskOf(id: string): Promise<TaskRecord> {
  const task = await findTask(ctx().db, id);
  if (!task) {
    throw serverError("not_found", "taskNotFound", { id });
  }
  return task;
}

/** The task's search connection and a client to it (closed by `withSink`). */
async function withSink<T>(id: string, fn: (s: Sink) => Promise<T>): Promise<T> {
  const task = await taskOf(id);
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, task.config.sink.connectionId);
  if (conn?.kind !== "elasticsearch") {
    throw serverError("unprocessable_entity", "searchConnectionGone");
  }
  const client = createElastic(conn, { requestTimeoutMs: SEARCH_TIMEOUT_MS });
  try {
    return await fn({ task, conn, client });
  } catch (err) {
    throw searchError(err, conn.name);
  } finally {
    await client.close().catch(() => {});
  }
}

/** A search the server refused is the query's fault (422 naming the parameter); one it did not answer, 502. */
function searchError(err: unknown, connection: string): unknown {
  if (err instanceof AppError) {
    return err;
  }
  if (isConnectDenied(err)) {
    return new AppError("unprocessable_entity", (err as Error).message);
  }
  if ((err instanceof esErrors.ResponseError && err.statusCode === 400) || err instanceof ShardFailure) {
    const reason = err instanceof ShardFailure ? err.message.slice(0, 500) : rootReason(err.meta.body);
    const field =
      /sort|fielddata|field \[|unmapped|date|range/i.test(reason) && !/query_string|Cannot parse|Failed to parse query/i.test(reason) ? "field" : "q";
    return AppError.invalid([serverIssue(field, "searchRefused", { reason })]);
  }
  if (err instanceof esErrors.ResponseError) {
    return serverError("bad_gateway", "searchConnectionHttp", { connection, status: String(err.statusCode), reason: rootReason(err.meta.body) });
  }
  return serverError("bad_gateway", "searchConnectionNoAnswer", { connection, reason: (err as Error).message });
}

function rootReason(body: unknown): string {
  const e = (body as { error?: { reason?: string; root_cause?: { reason?: string }[]; caused_by?: { reason?: string } } } | undefined)?.error;
  return String(e?.root_cause?.[0]?.reason ?? e?.caused_by?.reason ?? e?.reason ?? "no reason given").slice(0, 500);
}

function linkView(link: MessageLink): DocumentPage["link"] {
  if (link.via === "metadata") {
    return { via: "metadata", fields: [link.topicField, link.partitionField, link.offsetField].filter((f): f is string => f !== null), rules: link.rules };
  }
  return link.via === "document_id"
    ? { via: "document_id" }
    : { via: "none", reason: link.reason, reasonKey: link.reasonKey, ...(link.params ? { params: link.params } : {}) };
}

function hitView(h: SourceHit, s: Sink, link: MessageLink, maxChars: number): DocumentHit {
  const fits = h.source.length <= maxChars;
  return {
    index: h.index,
    id: h.id,
    source: fits ? h.source : null,
    sourceChars: h.source.length,
    message: coordinatesOfDocument(link, s.task.config.source.topics, h.id, fits ? JSON.parse(h.source) : null),
    dashboardsLink: s.conn.dashboardsUrl ? discoverLink(s.conn.dashboardsUrl, h.index, h.id) : null,
  };
}

/** The task's indices, newest name first (a date split's latest day on top), with their counts and sizes. */
export async function listTaskIndices(id: string, page: { offset: number; limit: number }): Promise<TaskIndexList> {
  return withSink(id, async (s) => {
    const scope = indexScope(s.task.config.sink);
    const all = (await catIndices(s.client, scope.expression)).filter((i) => scope.matches(i.index)).sort((a, b) => (a.index < b.index ? 1 : -1));
    const slice = all.slice(page.offset, page.offset + page.limit);
    const counts = await countByIndex(
      s.client,
      slice.filter((i) => i.status !== "close").map((i) => i.index),
    );
    const next = page.offset + page.limit;
    return {
      expression: scope.expression,
      shape: scope.describe,
      exact: scope.exact,
      items: slice.map((i) => ({ ...i, documents: i.status === "close" ? null : (counts.get(i.index) ?? 0) })),
      total: all.length,
      offset: page.offset,
      limit: page.limit,
      nextOffset: next < all.length ? next : null,
      readAt: new Date().toISOString(),
      dashboardsUrl: s.conn.dashboardsUrl ?? null,
    };
  });
}

/** The task's concrete indices (a wildcard expression also matches indices of other shapes). */
async function taskIndexNames(s: Sink): Promise<string[]> {
  const scope = indexScope(s.task.config.sink);
  return (await catIndices(s.client, scope.expression)).filter((i) => scope.matches(i.index) && i.status !== "close").map((i) => i.index);
}

/** An index the caller names must be one of the task's as the index list has them (else it is not this task's data). */
async function checkIndex(s: Sink, index: string, field: string): Promise<void> {
  const scope = indexScope(s.task.config.sink);
  if (scope.matches(index) && (await catIndices(s.client, scope.expression)).some((i) => i.index === index)) {
    return;
  }
  throw AppError.invalid([serverIssue(field, "indexNotTaskIndex", { index, shape: scope.describe })]);
}

export async function searchTaskDocuments(id: string, q: DocumentsQuery): Promise<DocumentPage> {
  return withSink(id, async (s) => {
    const scope = indexScope(s.task.config.sink);
    if (q.index) {
      await checkIndex(s, q.index, "index");
    }
    const expression = q.index ?? scope.expression;
    const link = messageLink(s.task.config);
    const found = await searchDocuments(s.client, expression, {
      indices: q.index ? undefined : await taskIndexNames(s),
      query: q.q,
      field: q.field,
      from: q.from,
      to: q.to,
      offset: q.offset,
      limit: q.limit,
      trackTotalHits: TRACK_TOTAL_HITS,
    });
    const next = q.offset + found.hits.length;
    const more = found.hits.length === q.limit && (found.total.relation === "gte" || next < found.total.value);
    return {
      items: found.hits.map((h) => hitView(h, s, link, MAX_HIT_SOURCE_CHARS)),
      total: found.total,
      offset: q.offset,
      limit: q.limit,
      nextOffset: more && next + q.limit <= MAX_DOCUMENTS_DEPTH ? next : null,
      link: linkView(link),
      expression,
    };
  });
}

export async function getTaskDocument(id: string, index: string, docId: string): Promise<DocumentView> {
  return withSink(id, async (s) => {
    await checkIndex(s, index, "index");
    const doc = await getDocument(s.client, index, docId);
    if (!doc) {
      throw serverError("not_found", "documentNotFound", { id: docId, index });
    }
    const link = messageLink(s.task.config);
    return { ...hitView(doc, s, link, MAX_DOCUMENT_SOURCE_CHARS), link: linkView(link) };
  });
}

/** Kafka's message at the offset, and the documents it wrote (found as the task's config says). */
export async function getTaskMessage(id: string, c: Coordinates): Promise<MessageView> {
  const task = await taskOf(id);
  if (!task.config.source.topics.includes(c.topic)) {
    throw AppError.invalid([serverIssue("topic", "taskReadsOtherTopics", { topics: task.config.source.topics.join(", "), topic: c.topic })]);
  }
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, task.config.source.connectionId);
  if (conn?.kind !== "kafka") {
    throw serverError("unprocessable_entity", "kafkaConnectionGone");
  }
  let read: Awaited<ReturnType<typeof readMessagesAt>>;
  try {
    const kafka = createKafka(conn, { clientId: "outflow-console-explorer", connectionTimeout: 3_000, retries: 1 });
    read = await readMessagesAt(kafka, [{ topic: c.topic, partition: c.partition, from: BigInt(c.offset), count: 1 }]);
  } catch (err) {
    const message = (err as Error).message;
    if (/partition \d+ of topic .* not found/.test(message)) {
      throw AppError.invalid([{ field: "partition", message }]);
    }
    throw kafkaAppError(conn, err);
  }
  // A deleted offset (retention, compaction) reads the next message: that is not the one asked for.
  const m = read.find((r) => r.offset === c.offset);
  if (!m) {
    throw serverError("not_found", "noMessageAtOffset", { offset: c.offset, topic: c.topic, partition: c.partition });
  }
  const wire = toWire(m);
  const message = wire.value !== null && wire.value.length > MAX_PREVIEW_VALUE_CHARS ? { ...wire, value: cut(wire.value, wire.valueEncoding) } : wire;
  const link = messageLink(task.config);
  const documents = await withSink(id, async (s) => {
    const scope = indexScope(s.task.config.sink);
    const query = documentQuery(link, c);
    if (!query) {
      return [];
    }
    const indices = await taskIndexNames(s);
    const hits = await findDocuments(s.client, scope.expression, { bool: { filter: [query, { terms: { _index: indices } }] } }, 100);
    return hits
      .filter((h) => scope.matches(h.index) && sameMessage(link, s.task.config.source.topics, h, c))
      .map((h) => ({ index: h.index, id: h.id, dashboardsLink: s.conn.dashboardsUrl ? discoverLink(s.conn.dashboardsUrl, h.index, h.id) : null }));
  });
  return { message, link: linkView(link), documents };
}

/** Cut to the preview size (base64 at a whole quantum). */
function cut(value: string, encoding: "utf8" | "base64"): string {
  const n = encoding === "base64" ? MAX_PREVIEW_VALUE_CHARS - (MAX_PREVIEW_VALUE_CHARS % 4) : MAX_PREVIEW_VALUE_CHARS;
  return value.slice(0, n);
}

function documentQuery(link: MessageLink, c: Coordinates): unknown {
  if (link.via === "document_id") {
    return { ids: { values: documentIdsOfMessage(link, c) } };
  }
  if (link.via === "metadata") {
    return { bool: { filter: [{ term: { [link.partitionField]: c.partition } }, { term: { [link.offsetField]: c.offset } }] } };
  }
  return null;
}

function sameMessage(link: MessageLink, topics: string[], h: SourceHit, c: Coordinates): boolean {
  const found = coordinatesOfDocument(link, topics, h.id, h.source.length <= MAX_DOCUMENT_SOURCE_CHARS ? JSON.parse(h.source) : null);
  return found !== null && found.topic === c.topic && found.partition === c.partition && found.offset === c.offset;
}
