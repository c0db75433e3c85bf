import { plainReason } from "@outflow/schemas/reason-values";
import { type Counters, zeroCounters } from "@outflow/schemas/task";
import type { FailurePolicy } from "@outflow/schemas/task-config";
import type { MessageOutcome } from "./chunk-settlement";
import type { KafkaMessage } from "./message";

export type Failure = MessageOutcome & { kind: "failed" };
export type FailedMessage = { message: KafkaMessage; failure: Failure };

/** A settled chunk's share of the task counters (`failed` is counted by the runner when it retains). */
export type ChunkCounts = Omit<Counters, "failed">;

/** What to do with a settled chunk under the task's failure policy, and which offset to commit. */
export type Disposition = {
  /** The next offset to read (Kafka's commit convention), or null when nothing in the chunk may be committed. */
  commitOffset: string | null;
  deadLetters: FailedMessage[];
  discarded: FailedMessage[];
  /** Retain policy: the task stops here; nothing from this message on is committed. */
  retained: FailedMessage | null;
  counts: ChunkCounts;
};

export function emptyCounts(): ChunkCounts {
  const { failed: _held, ...counts } = zeroCounters();
  return counts;
}

export function planDisposition(messages: KafkaMessage[], outcomes: MessageOutcome[], policy: FailurePolicy["policy"]): Disposition {
  const counts = emptyCounts();
  const deadLetters: FailedMessage[] = [];
  const discarded: FailedMessage[] = [];
  let retained: FailedMessage | null = null;
  let commitOffset: string | null = null;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as KafkaMessage;
    const outcome = outcomes[i];
    if (!outcome) {
      break;
    }
    if (outcome.kind === "failed" && policy === "retain") {
      retained = { message, failure: outcome };
      break;
    }
    counts.messagesIn++;
    counts.bytesIn += message.value?.length ?? 0;
    switch (outcome.kind) {
      case "written":
        counts.messagesWritten++;
        counts.documentsWritten += outcome.actions;
        if (outcome.documents) {
          counts.documentsCreated += outcome.documents.created;
          counts.documentsUpdated += outcome.documents.updated;
          counts.documentsDeleted += outcome.documents.deleted;
        }
        break;
      case "filtered":
        counts.filtered++;
        break;
      case "dropped":
        counts.dropped++;
        break;
      default:
        if (policy === "dead_letter") {
          counts.deadLettered++;
          deadLetters.push({ message, failure: outcome });
        } else {
          counts.discarded++;
          discarded.push({ message, failure: outcome });
        }
    }
    commitOffset = (BigInt(message.offset) + 1n).toString();
  }
  return { commitOffset, deadLetters, discarded, retained, counts };
}

/** Headers of a dead-letter record: where the original came from and why it failed. Values are strings. */
export function deadLetterHeaders(taskId: string, f: FailedMessage): Record<string, string> {
  const h: Record<string, string> = {
    "outflow.task.id": taskId,
    "outflow.source.topic": f.message.topic,
    "outflow.source.partition": String(f.message.partition),
    "outflow.source.offset": f.message.offset,
    "outflow.source.timestamp": f.message.timestamp,
    "outflow.stage": f.failure.stage,
    "outflow.reason": plainReason(f.failure.reason).slice(0, 4_000),
  };
  if (f.failure.reason.slice(0, 4_000) !== h["outflow.reason"]) {
    // The reason with its values marked (@outflow/schemas/reason-values), for the console to hide them from viewers.
    h["outflow.reason.marked"] = f.failure.reason.slice(0, 4_000);
  }
  if (f.failure.status !== undefined) {
    h["outflow.error.status"] = String(f.failure.status);
  }
  if (f.failure.errorType !== undefined) {
    h["outflow.error.type"] = f.failure.errorType;
  }
  return h;
}
