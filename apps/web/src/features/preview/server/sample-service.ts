import "server-only";
import { createKafka } from "@outflow/connectors/kafka";
import { SampleWindowError, sampleWindow } from "@outflow/connectors/kafka-sample";
import type { SampleWindowRequest } from "@outflow/connectors/sample-window";
import { MAX_SAMPLE_BYTES, type SampleWindow, type SampleWindowQuery } from "@outflow/schemas/api/preview";
import { AppError } from "@outflow/schemas/errors";
import { kafkaAppError } from "@/features/connections/server/kafka-app-error";
import { sampleConnection, withinPreviewSize } from "./preview-service";
import { toWire } from "./wire-messages";

function windowRequest(q: SampleWindowQuery): SampleWindowRequest {
  const only = q.partition === undefined ? undefined : { topic: q.topic ?? (q.topics[0] as string), partition: q.partition };
  switch (q.position) {
    case "offset":
      return { limit: q.limit, only, position: { type: "offset", offset: BigInt(q.offset ?? "0") } };
    case "timestamp":
      return { limit: q.limit, only, position: { type: "timestamp", timestamp: q.timestamp ?? 0 } };
    default:
      return { limit: q.limit, only, position: { type: q.position } };
  }
}

/** A steered sample for the wizard's preview: bounded in messages and bytes, a missing partition or offset named. */
export async function sampleWindowOf(q: SampleWindowQuery): Promise<SampleWindow> {
  const conn = await sampleConnection(q.connectionId, q.topics);
  const kafka = createKafka(conn, { clientId: "outflow-console-sample", connectionTimeout: 3_000, retries: 1 });
  let read: Awaited<ReturnType<typeof sampleWindow>>;
  try {
    read = await sampleWindow(kafka, q.topics, windowRequest(q), { maxBytes: MAX_SAMPLE_BYTES });
  } catch (err) {
    if (err instanceof SampleWindowError) {
      throw AppError.invalid([{ field: err.problem.field, message: err.problem.message }]);
    }
    const message = (err as Error).message;
    if (message.startsWith("topic(s) not found")) {
      throw AppError.invalid([{ field: "topics", message }]);
    }
    throw kafkaAppError(conn, err);
  }
  const bytes = read.messages.reduce((n, m) => n + (m.key?.length ?? 0) + (m.value?.length ?? 0), 0);
  return {
    items: withinPreviewSize(read.messages.map(toWire)),
    partitions: read.bounds.map((b) => ({ topic: b.topic, partition: b.partition, low: b.low.toString(), high: b.high.toString() })),
    cutAtBytes: read.messages.length < q.limit && bytes >= MAX_SAMPLE_BYTES,
  };
}
