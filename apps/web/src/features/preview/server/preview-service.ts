import "server-only";
import { Worker } from "node:worker_threads";
import { createKafka } from "@outflow/connectors/kafka";
import { type SamplePosition, sampleMessages } from "@outflow/connectors/kafka-sample";
import { resolveConnection } from "@outflow/db/connections";
import { MAX_PREVIEW_VALUE_CHARS, type PreviewRequest, type WireMessage } from "@outflow/schemas/api/preview";
import { AppError, type Issue } from "@outflow/schemas/errors";
import { internalTopicReadProblem } from "@outflow/schemas/reserved-names";
import type { StartPosition } from "@outflow/schemas/task-config";
import { kafkaAppError } from "@/features/connections/server/kafka-app-error";
import { CONTENTS_MARKS } from "@/lib/http/message-contents";
import { serverError, serverIssue } from "@/lib/http/server-error";
import { ctx } from "@/server/context";
import { env } from "@/server/env";
import type { PreviewJob, PreviewJobAnswer } from "./preview-job";
import { schemasFor } from "./registry-schemas";
import { JobTimedOut, PoolBusy, ThreadFailed, ThreadPool } from "./thread-pool";
import { toWire } from "./wire-messages";

/** The Kafka connection samples are read from, once its topics may be read with it (internal ones need its permission). */
export async function sampleConnection(connectionId: string, topics: string[]) {
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, connectionId);
  if (!conn) {
    throw serverError("not_found", "connectionNotFound", { id: connectionId });
  }
  if (conn.kind !== "kafka") {
    throw serverError("unprocessable_entity", "samplesOnlyFromKafka");
  }
  const internal = topics.flatMap((t, i): Issue[] => {
    const message = internalTopicReadProblem(t, conn);
    return message ? [{ field: `topics.${i}`, message, key: "schema.reservedNames.internalTopic", params: { topic: t, connection: conn.name } }] : [];
  });
  if (internal.length > 0) {
    throw AppError.invalid(internal);
  }
  return conn;
}

/** Reads sample messages from a Kafka connection (for the wizard's first-message preview). */
export async function sampleFromConnection(
  connectionId: string,
  topics: string[],
  limit: number,
  position: SamplePosition,
  sizeField?: string,
): Promise<WireMessage[]> {
  const conn = await sampleConnection(connectionId, topics);
  let sampled: Awaited<ReturnType<typeof sampleMessages>>;
  try {
    sampled = await sampleMessages(createKafka(conn, { clientId: "outflow-console-sample", connectionTimeout: 3_000, retries: 1 }), topics, {
      limit,
      position,
    });
  } catch (err) {
    const message = (err as Error).message;
    if (message.startsWith("topic(s) not found")) {
      throw AppError.invalid([{ field: "topics", message }]);
    }
    throw kafkaAppError(conn, err);
  }
  return withinPreviewSize(sampled.map(toWire), sizeField);
}

/** Heap of one preview thread: past it the thread dies (ERR_WORKER_OUT_OF_MEMORY), not the web process. */
export const PREVIEW_THREAD_HEAP_MB = 256;
/** Previews that may wait per thread; more at once are refused with 429. */
const QUEUE_PER_THREAD = 4;
/** A step still running this long after the budget is cut by ending its thread (the budget is checked between steps). */
const KILL_GRACE_MS = 250;
const IDLE_MS = 30_000;

type PreviewPool = ThreadPool<PreviewJob, PreviewJobAnswer>;
const g = globalThis as unknown as { __outflowPreviewPool?: PreviewPool };

/** The preview threads, made on first use, once per process. */
function previewPool(): PreviewPool {
  if (!g.__outflowPreviewPool) {
    const { OUTFLOW_PREVIEW_THREADS: threads, OUTFLOW_PREVIEW_BUDGET_MS: budgetMs } = env();
    g.__outflowPreviewPool = new ThreadPool(
      // Written out here, in this form, so that Next's bundler builds preview-thread.ts (and the pipeline) as a thread entry.
      () =>
        new Worker(new URL("./preview-thread.ts", import.meta.url), {
          name: "outflow-preview",
          resourceLimits: { maxOldGenerationSizeMb: PREVIEW_THREAD_HEAP_MB },
        }),
      // One thread stays loaded (and is started again after one was ended): loading one took 0.2 s, 0.8 s on a loaded machine.
      { threads, queue: threads * QUEUE_PER_THREAD, timeoutMs: budgetMs + KILL_GRACE_MS, idleMs: IDLE_MS, keep: 1 },
    );
  }
  return g.__outflowPreviewPool;
}

async function inThread(config: unknown, messages: WireMessage[] | null): Promise<PreviewJobAnswer> {
  const budgetMs = env().OUTFLOW_PREVIEW_BUDGET_MS;
  try {
    const schemas = messages ? await schemasFor(config, messages) : undefined;
    return await previewPool().run({ config, messages, budgetMs, contentsMarks: CONTENTS_MARKS, ...(schemas ? { schemas } : {}) });
  } catch (err) {
    if (err instanceof PoolBusy) {
      throw serverError("too_many_requests", "previewsBusy", { detail: err.message });
    }
    if (err instanceof JobTimedOut) {
      throw AppError.invalid([serverIssue("messages", "previewOverTime", { budgetMs })]);
    }
    if (err instanceof ThreadFailed && err.code === "ERR_WORKER_OUT_OF_MEMORY") {
      throw AppError.invalid([serverIssue("messages", "previewOutOfMemory", { mb: PREVIEW_THREAD_HEAP_MB })]);
    }
    throw err;
  }
}

function samplePosition(sp: StartPosition): SamplePosition {
  if (sp.type === "latest") {
    return { type: "latest" };
  }
  if (sp.type === "timestamp") {
    return { type: "timestamp", timestamp: typeof sp.timestamp === "number" ? sp.timestamp : Date.parse(sp.timestamp) };
  }
  return { type: "earliest" };
}

/**
 * Sampled messages as large as a preview may take (the same limit as messages sent in the request, and the
 * sample list's own schema): a larger one is named, 422, `field` (`messages` for a preview) when given.
 */
export function withinPreviewSize(messages: WireMessage[], field?: string): WireMessage[] {
  const big = messages.find((m) => (m.value?.length ?? 0) > MAX_PREVIEW_VALUE_CHARS);
  if (big) {
    const params = { topic: big.topic, partition: big.partition, offset: big.offset, length: String(big.value?.length), max: MAX_PREVIEW_VALUE_CHARS };
    throw field
      ? AppError.invalid([serverIssue(field, "sampledMessageTooLarge", params)])
      : serverError("unprocessable_entity", "sampledMessageTooLarge", params);
  }
  return messages;
}

/**
 * The same compile and processMessage the worker runs, on given or sampled messages, in a preview thread: the
 * request thread only reads Kafka (for samples) and passes the answer on, as JSON text.
 */
export async function preview(req: PreviewRequest): Promise<string> {
  let answer = await inThread(req.config, req.messages ?? null);
  if (answer.kind === "sample") {
    const { connectionId, topics, startPosition } = answer.source;
    answer = await inThread(req.config, await sampleFromConnection(connectionId, topics, req.limit, samplePosition(startPosition), "messages"));
  }
  switch (answer.kind) {
    case "invalid":
      throw AppError.invalid(answer.issues, "config");
    case "over-budget":
      throw AppError.invalid([serverIssue("messages", "previewOverBudget", { reason: answer.message })]);
    case "sample":
      throw new Error("a preview thread asked for samples twice");
    case "done":
      return answer.json;
  }
}
