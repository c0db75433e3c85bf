import "server-only";
import { Worker } from "node:worker_threads";
import type { ElasticClient } from "@outflow/connectors/elasticsearch";
import { describeEsError } from "@outflow/connectors/elasticsearch";
import { createKafka } from "@outflow/connectors/kafka";
import { readMessagesAt } from "@outflow/connectors/kafka-sample";
import { type DryRunStart, partitionStarts, spreadOverPartitions } from "@outflow/connectors/kafka-spread";
import { searchFailure } from "@outflow/connectors/search-failure";
import { createElastic } from "@outflow/connectors/search-sink";
import { bulkItems, createThrowaway, deleteThrowaway, type IndexShape, indexShape } from "@outflow/connectors/throwaway-index";
import { resolveConnection } from "@outflow/db/connections";
import { findTask } from "@outflow/db/tasks";
import { type BulkResponseItem, classifyItem, safeCompileTask } from "@outflow/pipeline";
import type { DryRunMessage, DryRunWrite } from "@outflow/pipeline/dry-run";
import { DryRunTally } from "@outflow/pipeline/dry-run-report";
import type { DryRunReport, DryRunRequest } from "@outflow/schemas/api/dry-run";
import type { ElasticsearchConnectionInput, KafkaConnectionInput } from "@outflow/schemas/connection";
import { AppError } from "@outflow/schemas/errors";
import type { StartPosition } from "@outflow/schemas/task-config";
import { kafkaAppError } from "@/features/connections/server/kafka-app-error";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";
import type { DryRunJob, DryRunJobAnswer } from "./dry-run-job";
import { throwawayName } from "./dry-run-job";
import { schemasFor } from "./registry-schemas";
import { JobTimedOut, PoolBusy, ThreadFailed, ThreadPool } from "./thread-pool";
import { toWire } from "./wire-messages";

/** A dry run's limits: its whole time, the bytes it reads from Kafka and sends to the search server. */
export const DRY_RUN_DEADLINE_MS = 60_000;
export const DRY_RUN_MAX_READ_BYTES = 64 * 1024 * 1024;
export const DRY_RUN_MAX_SEND_BYTES = 64 * 1024 * 1024;
/** One `_bulk` request of a dry run, at most. */
const BULK_BYTES = 5 * 1024 * 1024;
/** Messages per thread job, and the time one job may take (the thread is ended past it). */
const CHUNK = 250;
const CHUNK_MS = 10_000;
/** Throw-away indices of one dry run (a date-split index may aim at several). */
const MAX_TARGETS = 10;
/** Dry runs at once in this process; more are refused with 429. */
const AT_ONCE = 2;

type DryRunPool = ThreadPool<DryRunJob, DryRunJobAnswer>;
const g = globalThis as unknown as { __outflowDryRunPool?: DryRunPool; __outflowDryRuns?: number };

function dryRunPool(): DryRunPool {
  if (!g.__outflowDryRunPool) {
    g.__outflowDryRunPool = new ThreadPool(
      // Written out here, in this form, so that Next's bundler builds dry-run-thread.ts (and the pipeline) as a thread entry.
      () => new Worker(new URL("./dry-run-thread.ts", import.meta.url), { name: "outflow-dry-run", resourceLimits: { maxOldGenerationSizeMb: 256 } }),
      { threads: 1, queue: AT_ONCE * 2, timeoutMs: CHUNK_MS, idleMs: 30_000, keep: 0 },
    );
  }
  return g.__outflowDryRunPool;
}

function kafkaStart(sp: StartPosition): Exclude<DryRunStart, { type: "committed" }> {
  if (sp.type === "timestamp") {
    return { type: "timestamp", timestamp: typeof sp.timestamp === "number" ? sp.timestamp : Date.parse(sp.timestamp) };
  }
  return sp.type === "latest" ? { type: "latest" } : { type: "earliest" };
}

function describeStart(start: DryRunStart): string {
  const plain = (s: Exclude<DryRunStart, { type: "committed" }>) =>
    s.type === "timestamp"
      ? `the first messages at or after ${new Date(s.timestamp).toISOString()}`
      : s.type === "latest"
        ? "the latest messages"
        : "the earliest messages";
  return start.type === "committed" ? `the task's committed offsets (consumer group ${start.groupId}; elsewhere ${plain(start.otherwise)})` : plain(start);
}

async function connectionOf<K extends "kafka" | "elasticsearch">(
  id: string,
  kind: K,
  field: string,
): Promise<K extends "kafka" ? KafkaConnectionInput : ElasticsearchConnectionInput> {
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, id);
  if (!conn) {
    throw AppError.invalid([serverIssue(field, "connectionNotFound", { id })]);
  }
  if (conn.kind !== kind) {
    throw AppError.invalid([serverIssue(field, "connectionNotOfKind", { name: conn.name, kind })]);
  }
  return conn as unknown as K extends "kafka" ? KafkaConnectionInput : ElasticsearchConnectionInput;
}

/**
 * Reads the next `limit` messages at the task's start position (an existing task: its committed offsets), spread over
 * every partition; runs them through the worker's pipeline in a thread; writes the documents to throw-away indices
 * made with the targets' settings and mappings, and deletes them. The real indices are only read (their mapping and
 * settings); within DRY_RUN_DEADLINE_MS and the byte limits, what is left is counted as not tried.
 */
export async function dryRun(req: DryRunRequest): Promise<DryRunReport> {
  const started = Date.now();
  const deadline = started + DRY_RUN_DEADLINE_MS;
  const left = () => deadline - Date.now();
  const compiled = safeCompileTask(req.config);
  if (!compiled.ok) {
    throw AppError.invalid(compiled.issues, "config");
  }
  const { config } = compiled.task;
  let start: DryRunStart = kafkaStart(config.source.startPosition);
  if (req.taskId) {
    const task = await findTask(ctx().db, req.taskId);
    if (!task) {
      throw serverError("not_found", "taskNotFound", { id: req.taskId });
    }
    start = { type: "committed", groupId: task.consumerGroup, otherwise: start };
  }
  if ((g.__outflowDryRuns ?? 0) >= AT_ONCE) {
    throw serverError("too_many_requests", "dryRunsRunning", { count: AT_ONCE });
  }
  g.__outflowDryRuns = (g.__outflowDryRuns ?? 0) + 1;
  try {
    return await run(req, compiled.task.config, start, started, left);
  } finally {
    g.__outflowDryRuns = (g.__outflowDryRuns ?? 1) - 1;
  }
}

type Config = Extract<ReturnType<typeof safeCompileTask>, { ok: true }>["task"]["config"];

async function run(req: DryRunRequest, config: Config, start: DryRunStart, started: number, left: () => number): Promise<DryRunReport> {
  const notes: string[] = [];
  const kafkaConn = await connectionOf(config.source.connectionId, "kafka", "config.source.connectionId");
  const searchConn = await connectionOf(config.sink.connectionId, "elasticsearch", "config.sink.connectionId");
  const kafka = createKafka(kafkaConn, { clientId: "outflow-console-dry-run", connectionTimeout: 3_000, retries: 1 });
  let ranges: ReturnType<typeof spreadOverPartitions>;
  let messages: Awaited<ReturnType<typeof readMessagesAt>>;
  try {
    const starts = await partitionStarts(kafka, config.source.topics, start);
    ranges = spreadOverPartitions(starts, req.limit);
    messages = await readMessagesAt(kafka, ranges, { timeoutMs: Math.min(20_000, Math.max(1_000, left() / 3)), maxBytes: DRY_RUN_MAX_READ_BYTES });
  } catch (err) {
    const message = (err as Error).message;
    if (message.startsWith("topic(s) not found")) {
      throw AppError.invalid([{ field: "config.source.topics", message }]);
    }
    throw kafkaAppError(kafkaConn, err);
  }
  const asked = ranges.reduce((n, r) => n + r.count, 0);
  if (asked < req.limit) {
    notes.push(`The topics hold ${asked} message(s) from the start position, fewer than the ${req.limit} asked for.`);
  }
  if (messages.length < asked) {
    notes.push(
      `${messages.length} of ${asked} message(s) were read (the dry run's time or its ${DRY_RUN_MAX_READ_BYTES / 1024 / 1024} MiB read limit ended reading).`,
    );
  }
  if (start.type === "latest" || (start.type === "committed" && start.otherwise.type === "latest")) {
    notes.push("Where the task starts at `latest` it reads only messages that arrive after it starts; the dry run read the latest messages there instead.");
  }
  if (config.sink.aggregation) {
    notes.push("Aggregation: each message's writes were tried against an empty index (the worker adds to what the index holds).");
  }

  const schemas = await schemasFor(req.config, messages);
  // The pipeline, in a thread, a chunk at a time.
  const prefix = `outflow-dryrun-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let targets: string[] = [];
  const tally = new DryRunTally(() => targets);
  const planned: DryRunMessage[] = [];
  for (let i = 0; i < messages.length; i += CHUNK) {
    const chunk = messages.slice(i, i + CHUNK);
    const stop = left() <= 0 ? "the dry run's time ran out before the pipeline got to it" : null;
    const answer = stop
      ? null
      : await inThread({
          config: req.config,
          messages: chunk.map(toWire),
          prefix,
          knownTargets: targets,
          maxTargets: MAX_TARGETS,
          ...(schemas ? { schemas } : {}),
        });
    if (!answer || answer.kind === "timed-out") {
      const reason = stop ?? `the pipeline ran over ${CHUNK_MS / 1000} s on ${CHUNK} messages`;
      for (const m of messages.slice(i)) {
        planned.push({ topic: m.topic, partition: m.partition, offset: m.offset, kind: "skipped", reason });
      }
      break;
    }
    if (answer.kind === "invalid") {
      throw AppError.invalid(answer.issues, "config");
    }
    targets = answer.plan.targets;
    planned.push(...answer.plan.messages);
  }
  for (const m of planned) {
    tally.planned(m);
  }

  // The documents, into throw-away copies of the target indices.
  const client = createElastic(searchConn, { requestTimeoutMs: Math.max(5_000, Math.min(30_000, left())) });
  const made: DryRunReport["targets"] = [];
  try {
    for (const [k, index] of targets.entries()) {
      const name = throwawayName(prefix, k);
      let shape: IndexShape;
      try {
        shape = await indexShape(client, index);
        made.push({ index, throwaway: name, shape: shape.source, shapeFrom: shape.from, deleted: false });
        await createThrowaway(client, name, shape);
      } catch (err) {
        throw serverError("bad_gateway", "dryRunShapeFailed", { name: searchConn.name, reason: searchWords(err), index });
      }
      notes.push(...shapeNotes(index, shape));
    }
    try {
      await sendAll(client, planned, tally, left);
    } catch (err) {
      throw serverError("bad_gateway", "dryRunWriteFailed", { name: searchConn.name, reason: searchWords(err) });
    }
  } finally {
    for (const t of made) {
      t.deleted = await deleteThrowaway(client, t.throwaway).catch(() => false);
    }
    await client.close().catch(() => {});
  }
  for (const t of made.filter((x) => !x.deleted)) {
    notes.push(`The throw-away index ${t.throwaway} could not be deleted: delete it by hand.`);
  }
  return {
    ...tally.report(),
    limit: req.limit,
    start: describeStart(start),
    partitions: ranges.map((r) => ({ topic: r.topic, partition: r.partition, from: r.from.toString(), count: r.count })),
    targets: made,
    notes,
    elapsedMs: Date.now() - started,
  };
}

function searchWords(err: unknown): string {
  const f = searchFailure(err);
  return f.category === "rejected" || f.category === "server_error" ? `${f.message}: ${describeEsError(err)}` : f.message;
}

function shapeNotes(index: string, shape: IndexShape): string[] {
  const notes: string[] = [];
  if (shape.source === "template") {
    notes.push(`${index} does not exist yet: its copy has the settings and mappings its index templates would give it.`);
  } else if (shape.source === "none") {
    notes.push(`${index} does not exist yet and no index template matches it: its copy maps fields dynamically, as ${index} would be.`);
  }
  const pipelines = Object.keys(shape.settings).filter((k) => /(^|\.)(default|final)_pipeline$/.test(k) && shape.settings[k] !== "_none");
  if (pipelines.length > 0) {
    notes.push(`${index}'s ingest pipelines (${pipelines.join(", ")}) were not run: a pipeline may write elsewhere.`);
  }
  return notes;
}

async function inThread(job: DryRunJob): Promise<DryRunJobAnswer | { kind: "timed-out" }> {
  try {
    return await dryRunPool().run(job);
  } catch (err) {
    if (err instanceof PoolBusy) {
      throw serverError("too_many_requests", "dryRunsBusy", { detail: err.message });
    }
    if (err instanceof JobTimedOut) {
      return { kind: "timed-out" };
    }
    if (err instanceof ThreadFailed && err.code === "ERR_WORKER_OUT_OF_MEMORY") {
      throw AppError.invalid([serverIssue("limit", "dryRunOutOfMemory")]);
    }
    throw err;
  }
}

type Sending = { at: DryRunMessage; writes: DryRunWrite[] };

/**
 * Sends the writes in `_bulk` requests of at most BULK_BYTES, a message's writes in one request; a write refused by
 * the dynamic-mapping race (bulk-result.ts) is sent once more, as the worker would. Messages past the byte limit
 * or the deadline are not tried.
 */
async function sendAll(client: ElasticClient, planned: DryRunMessage[], tally: DryRunTally, left: () => number): Promise<void> {
  const writing: Sending[] = [];
  for (const m of planned) {
    if (m.kind === "write") {
      writing.push({ at: m, writes: m.writes });
    }
  }
  let sent = 0;
  let i = 0;
  while (i < writing.length) {
    const batch: Sending[] = [];
    let bytes = 0;
    while (i < writing.length) {
      const size = (writing[i] as Sending).writes.reduce((n, w) => n + w.bytes, 0);
      if (batch.length > 0 && bytes + size > BULK_BYTES) {
        break;
      }
      batch.push(writing[i] as Sending);
      bytes += size;
      i++;
    }
    const stop =
      left() <= 0 ? "the dry run's time ran out before it was sent" : sent + bytes > DRY_RUN_MAX_SEND_BYTES ? "past the dry run's bytes to send" : null;
    if (stop) {
      for (const s of [batch, writing.slice(i)].flat()) {
        tally.notSent(s.at, stop);
      }
      return;
    }
    sent += bytes;
    const answers = await send(
      client,
      batch.flatMap((s) => s.writes),
    );
    let n = 0;
    for (const s of batch) {
      tally.answered(
        s.at,
        s.writes.map((write) => ({ write, item: answers[n++] })),
      );
    }
  }
}

async function send(client: ElasticClient, writes: DryRunWrite[]): Promise<(BulkResponseItem | undefined)[]> {
  const items: (BulkResponseItem | undefined)[] = await bulkItems(client, writes.map((w) => w.ndjson).join(""));
  const again = writes
    .map((_, j) => j)
    .filter((j) => {
      const r = classifyItem(items[j]);
      return r.kind === "transient" && r.conflict !== undefined;
    });
  if (again.length > 0) {
    const second = await bulkItems(client, again.map((j) => (writes[j] as DryRunWrite).ndjson).join(""));
    again.forEach((j, n) => {
      items[j] = second[n];
    });
  }
  return items;
}
