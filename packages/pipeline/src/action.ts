import type { Contribution } from "./aggregation";
import type { Stage } from "./message";

/**
 * One Elasticsearch write planned for a message. `source`, when set, is `doc` as JSON text: the message's own
 * (validated) JSON, written as it came when nothing changed the document.
 */
export type Action =
  | { op: "index"; index: string; id?: string; doc: Record<string, unknown>; source?: string; ifSeqNo?: number; ifPrimaryTerm?: number }
  | { op: "create"; index: string; id: string; doc: Record<string, unknown> }
  /** With ifSeqNo (aggregation's incremental mode): a partial update of an existing document, without upsert. */
  | { op: "update"; index: string; id: string; doc: Record<string, unknown>; source?: string; ifSeqNo?: number; ifPrimaryTerm?: number }
  | { op: "delete"; index: string; id: string }
  /** Aggregation mode: this record's share of a group document (the worker folds it into the current document). */
  | { op: "aggregate"; index: string; id: string; contribution: Contribution };

/** What the pipeline decided for one message, before anything is sent. */
export type Processed =
  | { kind: "write"; actions: Action[] }
  /** A filter rule, a skipped tombstone or a CDC event without a row change. */
  | { kind: "filtered"; reason: string }
  /** Non-JSON dropped by the task's non-JSON setting. */
  | { kind: "dropped"; reason: string }
  | { kind: "failed"; stage: Stage; reason: string };

/** One step of a message's way through the pipeline, for the preview. */
export type TraceStep = { step: string; record?: unknown; outcome?: string };
export type Tracer = (step: TraceStep) => void;
