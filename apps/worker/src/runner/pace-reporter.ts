import type { Db } from "@outflow/db/client";
import { type Lease, recordSlotPace } from "@outflow/db/leases";
import { appendEvent } from "@outflow/db/task-events";
import { type EventWords, eventWords, wordsDetails } from "@outflow/schemas/event-words";
import type { PaceState } from "./write-pace";

const RECORD_EVERY_MS = 1_000;

/**
 * Tells the console a slot's write pace: stored on its lease (at most once a second, the latest state last) and an
 * event when the slot starts backing off and when it is back at the task's settings.
 */
export class PaceReporter {
  private latest: PaceState | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastRecorded = 0;
  private backingOff: PaceState["backingOff"] = null;

  constructor(
    private readonly db: Db,
    private readonly lease: Lease,
    private readonly warn: (message: string, extra: Record<string, unknown>) => void,
  ) {}

  report(state: PaceState): void {
    this.latest = state;
    if (state.backingOff !== null && this.backingOff === null) {
      this.event("warn", "write_backoff", eventWords.writeBackoff(state.backingOff === "throttled", this.lease.slot, state, state.ceiling), state);
    } else if (state.backingOff === null && this.backingOff !== null) {
      this.event("info", "write_pace_restored", eventWords.writePaceRestored(this.lease.slot, state), state);
    }
    this.backingOff = state.backingOff;
    const wait = this.lastRecorded + RECORD_EVERY_MS - Date.now();
    if (wait <= 0) {
      void this.record();
    } else {
      this.timer ??= setTimeout(() => void this.record(), wait);
    }
  }

  /** A new writer starts at the task's settings: say so, if this slot had told of another pace. */
  restart(state: PaceState): void {
    if (this.latest !== null) {
      this.report(state);
    }
  }

  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private async record(): Promise<void> {
    this.timer = null;
    const s = this.latest;
    if (!s) {
      return;
    }
    this.lastRecorded = Date.now();
    const pace = { concurrency: s.concurrency, maxDocs: s.maxDocs, maxBytes: s.maxBytes, backingOff: s.backingOff, at: new Date().toISOString() };
    await recordSlotPace(this.db, this.lease, pace).catch((err: Error) => this.warn("recording the write pace failed", { err: err.message }));
  }

  private event(level: "warn" | "info", kind: "write_backoff" | "write_pace_restored", words: EventWords, s: PaceState): void {
    const details = { slot: this.lease.slot, concurrency: s.concurrency, maxDocs: s.maxDocs, maxBytes: s.maxBytes, ceiling: s.ceiling, ...wordsDetails(words) };
    void appendEvent(this.db, this.lease.taskId, { level, kind, message: words.message, details }).catch((err: Error) =>
      this.warn("recording a write-pace event failed", { err: err.message }),
    );
  }
}
