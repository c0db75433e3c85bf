import type { Processed, TraceStep } from "./action";
import { actionToNdjson } from "./bulk";
import type { CompiledTask } from "./compile";
import type { KafkaMessage } from "./message";
import { processMessage } from "./process-message";

export type PreviewRow = {
  topic: string;
  partition: number;
  offset: string;
  steps: TraceStep[];
  result: Processed;
  /** Exactly the `_bulk` NDJSON the worker would send for this message. */
  bulk: string;
};

/** Runs sample messages through the same processMessage the worker runs, recording every step. */
export function previewMessages(task: CompiledTask, messages: KafkaMessage[], now: number): PreviewRow[] {
  return messages.map((m) => {
    const steps: TraceStep[] = [];
    const result = processMessage(task, m, now, (s) => steps.push(s));
    const bulk = result.kind === "write" ? result.actions.map(actionToNdjson).join("") : "";
    return { topic: m.topic, partition: m.partition, offset: m.offset, steps, result, bulk };
  });
}
