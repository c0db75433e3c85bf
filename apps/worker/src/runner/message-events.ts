import type { Db } from "@outflow/db/client";
import { appendEvent } from "@outflow/db/task-events";
import type { FailedMessage, KafkaMessage, MessageOutcome } from "@outflow/pipeline";
import { eventWords, worded } from "@outflow/schemas/event-words";
import { EventSampler } from "./event-sampler";

/** Task events for discarded, dead-lettered and dropped messages, at most one of each kind per 5 s. */
export class MessageEvents {
  private readonly samplers = { discarded: new EventSampler(5_000), dead_lettered: new EventSampler(5_000), dropped: new EventSampler(5_000) };

  constructor(
    private readonly db: Db,
    private readonly taskId: string,
  ) {}

  failed(failed: FailedMessage[], what: "discarded" | "dead_lettered", topic: string, partition: number): void {
    const first = failed[0];
    if (!first) {
      return;
    }
    const sampler = this.samplers[what];
    const suppressed = sampler.take(failed.length);
    if (suppressed === null) {
      return;
    }
    const f = first.failure;
    const more = failed.length - 1 + suppressed;
    void appendEvent(this.db, this.taskId, {
      level: "warn",
      kind: what === "discarded" ? "message_discarded" : "message_dead_lettered",
      ...worded(eventWords.messageFailed(what, { topic, partition, offset: first.message.offset, stage: f.stage, reason: f.reason, more }), {
        topic,
        partition,
        offset: first.message.offset,
        stage: f.stage,
        reason: f.reason,
        status: f.status,
        errorType: f.errorType,
      }),
    }).catch(() => {});
  }

  dropped(messages: KafkaMessage[], outcomes: MessageOutcome[], topic: string, partition: number): void {
    const i = outcomes.findIndex((o) => o.kind === "dropped");
    const o = outcomes[i];
    if (o?.kind !== "dropped") {
      return;
    }
    const count = outcomes.filter((x) => x.kind === "dropped").length;
    const suppressed = this.samplers.dropped.take(count);
    if (suppressed === null) {
      return;
    }
    const more = count - 1 + suppressed;
    void appendEvent(this.db, this.taskId, {
      level: "info",
      kind: "message_dropped",
      ...worded(eventWords.messageDropped({ topic, partition, offset: String(messages[i]?.offset), reason: o.reason, more }), {
        topic,
        partition,
        offset: messages[i]?.offset,
        reason: o.reason,
      }),
    }).catch(() => {});
  }
}
