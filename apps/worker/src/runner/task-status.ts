import type { Db } from "@outflow/db/client";
import { recordHeld } from "@outflow/db/held-messages";
import type { Lease } from "@outflow/db/leases";
import { appendEvent } from "@outflow/db/task-events";
import { setStatus, transitionStatus } from "@outflow/db/tasks";
import type { FailedMessage } from "@outflow/pipeline";
import { eventWords, worded } from "@outflow/schemas/event-words";
import { RETRYING_REASON_EVERY_MS, retryingReason } from "./retrying-reason";

/** A slot runner's writes of its task's status and lifecycle events. */
export class TaskStatus {
  /** While this runner has the task `retrying`: since when, how many retries, when the reason was last written. */
  private retrying: { since: number; retries: number; writtenAt: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly lease: Lease,
    private readonly workerId: string,
  ) {}

  /**
   * One more retry. The first moves the task to `retrying` (one event); later ones rewrite its reason with the
   * latest failure, the count and the start (at most once per RETRYING_REASON_EVERY_MS), without an event.
   */
  async markRetrying(reason: string): Promise<void> {
    const now = Date.now();
    if (this.retrying) {
      this.retrying.retries++;
      if (now - this.retrying.writtenAt < RETRYING_REASON_EVERY_MS) {
        return;
      }
      this.retrying.writtenAt = now;
      const text = retryingReason(reason, this.retrying.retries, this.retrying.since);
      await transitionStatus(this.db, this.lease.taskId, ["retrying"], "retrying", null, { desired: "running", reason: text }).catch(() => {});
      return;
    }
    this.retrying = { since: now, retries: 1, writtenAt: now };
    const text = retryingReason(reason, 1, now);
    await transitionStatus(
      this.db,
      this.lease.taskId,
      ["running", "starting"],
      "retrying",
      { level: "warn", kind: "retrying", message: text },
      { desired: "running", reason: text },
    ).catch(() => {});
  }

  async markRecovered(): Promise<void> {
    this.retrying = null;
    await transitionStatus(
      this.db,
      this.lease.taskId,
      ["retrying"],
      "running",
      { level: "info", kind: "recovered", ...worded(eventWords.recovered()) },
      { desired: "running", reason: null },
    ).catch(() => {});
  }

  /** The consumer joined its group: `running`, or a rebalance event when it already was. */
  async joined(assignment: Record<string, number[]>): Promise<void> {
    const { slot, token } = this.lease;
    const changed = await transitionStatus(
      this.db,
      this.lease.taskId,
      ["starting", "retrying"],
      "running",
      {
        level: "info",
        kind: "running",
        ...worded(eventWords.running(slot, this.workerId, token.toString()), { slot, worker: this.workerId, token: token.toString(), assignment }),
      },
      { desired: "running", reason: null },
    ).catch(() => false);
    if (!changed) {
      await appendEvent(this.db, this.lease.taskId, {
        level: "info",
        kind: "rebalanced",
        ...worded(eventWords.rebalanced(slot, this.workerId, token.toString(), assignment), {
          slot,
          worker: this.workerId,
          token: token.toString(),
          assignment,
        }),
      }).catch(() => {});
    }
    this.retrying = null;
  }

  /** Retain policy: the task stops at this message; it resumes from it after an edit or a restart. */
  async retained(f: FailedMessage): Promise<void> {
    const point = { topic: f.message.topic, partition: f.message.partition, offset: f.message.offset, stage: f.failure.stage, reason: f.failure.reason };
    // Every partition that stops at a message is held (two lanes may stop at once); failurePoint keeps the latest.
    await recordHeld(this.db, this.lease.taskId, point);
    await setStatus(
      this.db,
      this.lease.taskId,
      "failed",
      {
        level: "error",
        kind: "failed",
        ...worded(eventWords.stoppedAtMessage(point), point),
      },
      { reason: `${point.stage}: ${point.reason}`, failurePoint: point, desiredState: "stopped" },
    );
  }

  async failed(reason: string): Promise<void> {
    await setStatus(this.db, this.lease.taskId, "failed", { level: "error", kind: "failed", message: reason }, { reason, desiredState: "stopped" });
  }
}
