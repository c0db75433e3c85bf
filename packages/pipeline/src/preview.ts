import type { Processed, TraceStep } from "./action";
import { ChunkSettlement, type MessageOutcome } from "./chunk-settlement";
import type { CompiledTask } from "./compile";
import type { KafkaMessage } from "./message";
import { processMessage } from "./process-message";

export type PreviewRow = {
  topic: string;
  partition: number;
  offset: string;
  steps: TraceStep[];
  result: Processed;
  /** Set when the message would fail before it is sent (a document over delivery.maxDocumentBytes). */
  failure?: MessageOutcome;
  /** Exactly the `_bulk` NDJSON the worker would send for this message. */
  bulk: string;
};

/** Runs sample messages through the same processMessage the worker runs, recording every step. */
export function previewMessages(task: CompiledTask, messages: KafkaMessage[], now: number): PreviewRow[] {
  return messages.map((m) => {
    const steps: TraceStep[] = [];
    const result = processMessage(task, m, now, (s) => steps.push(s));
    // The worker's own next step: what it would queue for _bulk (or refuse, when too large).
    const settlement = new ChunkSettlement([result], task.config.delivery.maxDocumentBytes);
    const bulk = settlement
      .pending()
      .map((p) => p.ndjson)
      .join("");
    const outcome = settlement.isComplete() && result.kind === "write" ? settlement.results()[0] : undefined;
    return { topic: m.topic, partition: m.partition, offset: m.offset, steps, result, bulk, ...(outcome ? { failure: outcome } : {}) };
  });
}
