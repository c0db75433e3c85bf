import "server-only";
import { isConnectDenied } from "@outflow/connectors/connect-guard";
import { createKafka } from "@outflow/connectors/kafka";
import { type SamplePosition, sampleMessages } from "@outflow/connectors/kafka-sample";
import { resolveConnection } from "@outflow/db/connections";
import { PreviewOverBudget, type PreviewRow, previewMessages, safeCompileTask, wireToMessage } from "@outflow/pipeline";
import { type PreviewRequest, SampleableTopic, type WireMessage } from "@outflow/schemas/api/preview";
import { AppError } from "@outflow/schemas/errors";
import { ctx } from "@/server/context";
import { toWire } from "./wire-messages";

/** Reads sample messages from a Kafka connection (for the wizard's first-message preview). */
export async function sampleFromConnection(connectionId: string, topics: string[], limit: number, position: SamplePosition): Promise<WireMessage[]> {
  const internal = topics.findIndex((t) => !SampleableTopic.safeParse(t).success);
  if (internal >= 0) {
    throw AppError.invalid([{ field: `topics.${internal}`, message: "Kafka's internal topics (names starting with __) cannot be sampled" }]);
  }
  const { db, box } = ctx();
  const conn = await resolveConnection(db, box, connectionId);
  if (!conn) {
    throw new AppError("not_found", `No connection with id "${connectionId}"`);
  }
  if (conn.kind !== "kafka") {
    throw new AppError("unprocessable_entity", "Samples come from Kafka connections; this is an Elasticsearch connection");
  }
  try {
    const sampled = await sampleMessages(createKafka(conn, { clientId: "outflow-console-sample", connectionTimeout: 3_000, retries: 1 }), topics, {
      limit,
      position,
    });
    return sampled.map(toWire);
  } catch (err) {
    const message = (err as Error).message;
    if (message.startsWith("topic(s) not found")) {
      throw AppError.invalid([{ field: "topics", message }]);
    }
    if (isConnectDenied(err)) {
      throw new AppError("unprocessable_entity", message);
    }
    throw new AppError("bad_gateway", `Kafka did not answer: ${message}`);
  }
}

export type PreviewResult = { messages: WireMessage[]; rows: PreviewRow[] };

/** Characters one preview may answer (the records of every step, and the bulk) and milliseconds it may compute. */
export const PREVIEW_MAX_OUTPUT_CHARS = 16 * 1024 * 1024;
export const PREVIEW_TIME_BUDGET_MS = 2_000;

/** The same compile and processMessage the worker runs, on given or sampled messages. */
export async function preview(req: PreviewRequest): Promise<PreviewResult> {
  const compiled = safeCompileTask(req.config);
  if (!compiled.ok) {
    throw AppError.invalid(compiled.issues, "config");
  }
  const { source } = compiled.task.config;
  const now = Date.now();
  let messages = req.messages;
  if (!messages) {
    const sp = source.startPosition;
    const position: SamplePosition =
      sp.type === "latest"
        ? { type: "latest" }
        : sp.type === "timestamp"
          ? { type: "timestamp", timestamp: typeof sp.timestamp === "number" ? sp.timestamp : Date.parse(sp.timestamp) }
          : { type: "earliest" };
    messages = await sampleFromConnection(source.connectionId, source.topics, req.limit, position);
  }
  const kafkaMessages = messages.map((m) => wireToMessage(m, now));
  const budget = { maxOutputChars: PREVIEW_MAX_OUTPUT_CHARS, deadline: Date.now() + PREVIEW_TIME_BUDGET_MS, clock: Date.now };
  try {
    return { messages, rows: previewMessages(compiled.task, kafkaMessages, now, budget) };
  } catch (err) {
    if (err instanceof PreviewOverBudget) {
      throw AppError.invalid([{ field: "messages", message: `${err.message}: preview fewer or smaller messages, or fewer rules` }]);
    }
    throw err;
  }
}
