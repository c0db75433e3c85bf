import type { Action, Processed } from "./action";
import { actionToNdjson, byteLength } from "./bulk";
import type { DocumentEffect, ItemResult } from "./bulk-result";
import type { Stage } from "./message";
import { RecurringRejections } from "./recurring-rejection";
import { thrownReason } from "./stage-guard";

/** An action on its way to Elasticsearch, tied to the message (by position in the chunk) it came from. */
export type PendingAction = { message: number; action: Action; ndjson: string; bytes: number };

/** What a message's writes did to documents, as Elasticsearch reported them. */
export type DocumentEffects = { created: number; updated: number; deleted: number };

export type MessageOutcome =
  | { kind: "written"; actions: number; documents?: DocumentEffects }
  | { kind: "filtered"; reason: string }
  | { kind: "dropped"; reason: string }
  | { kind: "failed"; stage: Stage; reason: string; status?: number; errorType?: string };

/**
 * Settles one chunk of messages (one partition, in offset order) across bulk attempts.
 * Transient item failures (429, 5xx) are re-sent; so is every later action to the same document (index and ID),
 * so that writes to one document land in offset order (per-key order) even when a retry overtakes them. Writes to
 * other documents settle, so a chunk always makes progress under partial rejections. Actions without an ID
 * (Elasticsearch's own IDs) are never re-sent once acknowledged: that would duplicate them.
 */
export class ChunkSettlement {
  private readonly outcomes: (MessageOutcome | null)[] = [];
  private readonly remaining: number[] = [];
  private readonly totals: number[] = [];
  private readonly failures: (MessageOutcome & { kind: "failed" })[] = [];
  private readonly effects: DocumentEffects[] = [];
  private queue: PendingAction[] = [];
  private recorded = false;
  private readonly recurring = new RecurringRejections<PendingAction>();
  lastTransient: string | null = null;

  /**
   * `maxDocumentBytes`: a message with a larger action fails (stage index) instead of being sent.
   * `releaseDocuments`: once serialised, an action's document (object and source text) is dropped from it (the
   * worker's memory then holds each document once, as NDJSON, while it waits for Elasticsearch); the preview keeps
   * them to show.
   */
  constructor(
    processed: Processed[],
    private readonly maxDocumentBytes = Number.POSITIVE_INFINITY,
    private readonly releaseDocuments = false,
  ) {
    this.append(processed);
  }

  /** Number of messages in the chunk. */
  get size(): number {
    return this.outcomes.length;
  }

  /**
   * Adds the next messages of the same partition (in offset order) to a chunk that has not been sent yet, so that
   * chunks queued behind a slow write go out as one bulk and one commit.
   */
  append(processed: Processed[]): void {
    if (this.recorded) {
      throw new Error("a chunk cannot grow once part of it was sent");
    }
    const base = this.outcomes.length;
    for (let i = 0; i < processed.length; i++) {
      const p = processed[i] as Processed;
      const message = base + i;
      this.outcomes.push(p.kind === "write" ? null : p);
      this.totals.push(p.kind === "write" ? p.actions.length : 0);
      this.remaining.push(p.kind === "write" ? p.actions.length : 0);
      this.effects.push({ created: 0, updated: 0, deleted: 0 });
      if (p.kind !== "write") {
        continue;
      }
      const pending = serialise(p.actions, message, this.releaseDocuments);
      if (!Array.isArray(pending)) {
        this.outcomes[message] = pending;
        this.remaining[message] = 0;
        continue;
      }
      const big = pending.find((a) => a.bytes > this.maxDocumentBytes);
      if (big) {
        this.outcomes[message] = oversize(big.bytes, this.maxDocumentBytes);
        this.remaining[message] = 0;
        continue;
      }
      this.queue.push(...pending);
    }
    for (let i = base; i < this.outcomes.length; i++) {
      this.settleIfDone(i);
    }
  }

  /** Actions still to send, in order. */
  pending(): PendingAction[] {
    return this.queue;
  }

  isComplete(): boolean {
    return this.queue.length === 0;
  }

  /**
   * Applies the results of sending `sent` (same order), answered at `now`. Returns how many items failed
   * transiently. A transient item is sent again unless RecurringRejections finds it recurring: then it is final.
   */
  record(sent: PendingAction[], results: ItemResult[], now = Date.now()): number {
    this.recorded = true;
    const resend: PendingAction[] = [];
    let transient = 0;
    const retried = new Set<string>();
    sent.forEach((p, i) => {
      const r = this.recurring.judge(p, results[i] ?? { kind: "transient" as const, status: 0, reason: "missing result" }, now);
      const key = p.action.id === undefined ? null : `${p.action.index}\u0000${p.action.id}`;
      if (r.kind === "transient") {
        transient++;
        this.lastTransient = r.status && !r.reason.startsWith("HTTP") ? `HTTP ${r.status} ${r.reason}` : r.reason;
        if (key !== null) {
          retried.add(key);
        }
        resend.push(p);
        return;
      }
      // Every acknowledged write is counted, also one sent again below: what it did to the index happened.
      if (r.kind === "ok") {
        countEffect(this.effects[p.message], r.effect);
      }
      if (key !== null && retried.has(key)) {
        resend.push(p);
        return;
      }
      if (r.kind === "permanent") {
        const prior = this.failures[p.message];
        if (!prior) {
          this.failures[p.message] = { kind: "failed", stage: "index", reason: r.reason, status: r.status, errorType: r.type };
        }
      }
      this.remaining[p.message] = (this.remaining[p.message] ?? 1) - 1;
      this.settleIfDone(p.message);
    });
    this.queue = resend;
    return transient;
  }

  /** Final outcome of every message; only valid once isComplete(). */
  results(): MessageOutcome[] {
    return this.outcomes.map((o) => o ?? { kind: "failed", stage: "index", reason: "not settled" });
  }

  private settleIfDone(i: number): void {
    if (this.outcomes[i] !== null || this.remaining[i] !== 0) {
      return;
    }
    this.outcomes[i] = this.failures[i] ?? { kind: "written", actions: this.totals[i] ?? 0, documents: this.effects[i] };
  }
}

/** Adds one acknowledged write to `into`. */
export function countEffect(into: DocumentEffects | undefined, effect: DocumentEffect): void {
  if (into && effect !== "none") {
    into[effect]++;
  }
}

/** The message's actions as NDJSON, or its failure (stage index) when a document cannot be written as JSON. */
function serialise(actions: Action[], message: number, releaseDocuments: boolean): PendingAction[] | MessageOutcome {
  const out: PendingAction[] = [];
  for (const action of actions) {
    let ndjson: string;
    try {
      ndjson = actionToNdjson(action);
    } catch (err) {
      return { kind: "failed", stage: "index", reason: `the document cannot be written as JSON: ${thrownReason(err)}` };
    }
    out.push({ message, action, ndjson, bytes: byteLength(ndjson) });
  }
  if (releaseDocuments) {
    for (const action of actions) {
      if ("doc" in action) {
        (action as { doc: unknown }).doc = null;
      }
      if ("source" in action) {
        (action as { source: unknown }).source = undefined;
      }
    }
  }
  return out;
}

export function oversize(bytes: number, max: number): MessageOutcome {
  const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`);
  return {
    kind: "failed",
    stage: "index",
    errorType: "document_too_large",
    reason: `the document is ${mb(bytes)}, over the limit of ${mb(max)} (delivery.maxDocumentBytes)`,
  };
}
