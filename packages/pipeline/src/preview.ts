import type { Processed, TraceStep } from "./action";
import { aggregationInputs, planAggregation } from "./aggregation";
import { actionToNdjson } from "./bulk";
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
  /** Exactly the `_bulk` NDJSON the worker would send for this message (aggregation: against an empty index). */
  bulk: string;
  /** What the bulk lines depend on beyond the message (aggregation: what the index already holds). */
  note?: string;
};

export const AGGREGATION_NOTE =
  "Aggregation: these are the writes for this message alone against an empty index; the worker reads each group's document first, so the real values add to what the index already holds (and an existing document is written back with if_seq_no).";

/** Limits of one server-side preview: characters of output (records of every step and bulk) and a deadline. */
export type PreviewBudget = { maxOutputChars: number; deadline: number; clock: () => number };

export class PreviewOverBudget extends Error {
  override name = "PreviewOverBudget";
}

/**
 * Runs sample messages through the same processMessage the worker runs, recording every step. With a `budget`, a
 * preview whose output or time goes over it stops and throws PreviewOverBudget (checked after every step).
 */
export function previewMessages(task: CompiledTask, messages: KafkaMessage[], now: number, budget?: PreviewBudget): PreviewRow[] {
  let chars = 0;
  let over: string | undefined;
  const spend = (n: number) => {
    chars += n;
    if (!budget || over) {
      return;
    }
    if (chars > budget.maxOutputChars) {
      over = `the preview's output is over ${budget.maxOutputChars} characters`;
    } else if (budget.clock() > budget.deadline) {
      over = "the preview ran out of time";
    }
    if (over) {
      // Caught by processMessage as the message's failure; the check below turns it into the preview's.
      throw new PreviewOverBudget(over);
    }
  };
  return messages.map((m) => {
    const steps: TraceStep[] = [];
    const result = processMessage(task, m, now, (s) => {
      steps.push(s);
      spend(budget && s.record !== undefined ? (JSON.stringify(s.record)?.length ?? 0) : 0);
    });
    if (over) {
      throw new PreviewOverBudget(over);
    }
    if (task.aggregation) {
      const writes = planAggregation(task.aggregation, aggregationInputs([result], [0], `${m.topic}/${m.partition}`, [m.offset]), new Map());
      const bulk = writes.map((w) => actionToNdjson(w.action)).join("");
      spend(bulk.length * 2);
      return { topic: m.topic, partition: m.partition, offset: m.offset, steps, result, bulk, note: AGGREGATION_NOTE };
    }
    // The worker's own next step: what it would queue for _bulk (or refuse, when too large).
    const settlement = new ChunkSettlement([result], task.config.delivery.maxDocumentBytes);
    const bulk = settlement
      .pending()
      .map((p) => p.ndjson)
      .join("");
    spend(bulk.length * 2);
    const outcome = settlement.isComplete() && result.kind === "write" ? settlement.results()[0] : undefined;
    return { topic: m.topic, partition: m.partition, offset: m.offset, steps, result, bulk, ...(outcome ? { failure: outcome } : {}) };
  });
}
