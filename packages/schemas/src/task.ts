import { z } from "zod";
import { TaskConfig } from "./task-config";

/**
 * created: saved, never started · starting: a start was requested, no consumer runs yet ·
 * running / retrying (a transient Elasticsearch or Kafka failure is being retried) ·
 * stopping · stopped · failed (retain policy stopped at a message, or a fatal error; see statusReason)
 */
export const TaskStatus = z.enum(["created", "starting", "running", "retrying", "stopping", "stopped", "failed"]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const DesiredState = z.enum(["running", "stopped"]);
export type DesiredState = z.infer<typeof DesiredState>;

export const EventLevel = z.enum(["info", "warn", "error"]);
export type EventLevel = z.infer<typeof EventLevel>;

export const EventKind = z.enum([
  "created",
  "updated",
  "start_requested",
  "stop_requested",
  "started",
  "running",
  "stopped",
  "failed",
  "retrying",
  "recovered",
  "offsets_reset",
  "reset_requested",
  "message_dropped",
  "message_discarded",
  "message_dead_lettered",
  "rebalanced",
  "lease_lost",
  "alert_firing",
  "alert_resolved",
  "webhook_delivered",
  "webhook_failed",
  "dead_letters_replayed",
  "dead_letters_replay_failed",
  "write_backoff",
  "write_pace_restored",
]);
export type EventKind = z.infer<typeof EventKind>;

/** Who caused an event: a user (or an API token's owner). */
export const EventActor = z.object({ userId: z.string(), email: z.string() });
export type EventActor = z.infer<typeof EventActor>;

export const TaskEvent = z.object({
  id: z.string(),
  taskId: z.string(),
  at: z.string(),
  level: EventLevel,
  kind: EventKind,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** Null for what the workers do on their own. */
  actor: EventActor.nullable(),
});
export type TaskEvent = z.infer<typeof TaskEvent>;

/** Where a retained (failed) task stopped. */
export const FailurePoint = z.object({
  topic: z.string(),
  partition: z.int(),
  offset: z.string(),
  stage: z.string(),
  reason: z.string(),
});
export type FailurePoint = z.infer<typeof FailurePoint>;

/** A message the retain policy holds now (one per partition), and since when. */
export const HeldPoint = FailurePoint.extend({ at: z.string() });
export type HeldPoint = z.infer<typeof HeldPoint>;

/** Per message: messagesIn = messagesWritten + filtered + dropped + discarded + deadLettered (failed: retained, not consumed). */
export const Counters = z.object({
  messagesIn: z.number(),
  bytesIn: z.number(),
  messagesWritten: z.number(),
  documentsWritten: z.number(),
  filtered: z.number(),
  dropped: z.number(),
  discarded: z.number(),
  deadLettered: z.number(),
  failed: z.number(),
  /** What the writes did to documents, as Elasticsearch reported them (an update of a group or a CDC row: updated). */
  documentsCreated: z.number(),
  documentsUpdated: z.number(),
  documentsDeleted: z.number(),
});
export type Counters = z.infer<typeof Counters>;

/** Every counter at 0. */
export function zeroCounters(): Counters {
  return {
    messagesIn: 0,
    bytesIn: 0,
    messagesWritten: 0,
    documentsWritten: 0,
    filtered: 0,
    dropped: 0,
    discarded: 0,
    deadLettered: 0,
    failed: 0,
    documentsCreated: 0,
    documentsUpdated: 0,
    documentsDeleted: 0,
  };
}

/**
 * A partition's ledger since the last offset reset: `committed` (the span of offsets the consumer group committed,
 * read from Kafka, from `countedFrom`) = `settled` (written + filtered + dropped + discarded + dead-lettered, from the
 * counters) when `unaccounted` is 0. While a task runs the two are read at different moments, so a difference there
 * is messages in flight; once no runner holds the partition it is exact.
 */
export const PartitionLedger = z.object({
  countedFrom: z.string().nullable(),
  /** The group's committed offset as last read from Kafka. */
  committedOffset: z.string().nullable(),
  committed: z.number().nullable(),
  settled: z.number(),
  /** Held by the retain policy: not committed, not settled. */
  retained: z.number(),
  unaccounted: z.number().nullable(),
  /** Null: cannot be told (offsets not read from Kafka yet). */
  balanced: z.boolean().nullable(),
});
export type PartitionLedger = z.infer<typeof PartitionLedger>;

export const PartitionMetrics = Counters.extend({
  topic: z.string(),
  partition: z.int(),
  /** The counters since the last offset reset (all of them when there was none). */
  sinceReset: Counters,
  committedOffset: z.string().nullable(),
  endOffset: z.string().nullable(),
  lag: z.number().nullable(),
  /** When the end and committed offsets were last read from Kafka. */
  offsetsReadAt: z.string().nullable(),
  ledger: PartitionLedger,
});
export type PartitionMetrics = z.infer<typeof PartitionMetrics>;

/** The window of `ratePerSecond`: short, so the rate follows the traffic. */
export const RATE_WINDOW_SECONDS = 10;

/** How old a figure is, in seconds at the time of the answer, and whether it is older than twice its refresh interval. */
export const FigureAge = z.object({ at: z.string().nullable(), ageSeconds: z.number().nullable(), stale: z.boolean() });
export type FigureAge = z.infer<typeof FigureAge>;

/** Why a slot writes below the task's bulk settings: the server answered 429, or slower than the pace allows. */
export const PaceCause = z.enum(["throttled", "slow"]);

/** How a running slot writes now: its bulk settings are ceilings, and the pace backs off below them when pushed back. */
export const SlotPace = z.object({
  slot: z.int(),
  concurrency: z.int(),
  maxDocs: z.int(),
  maxBytes: z.int(),
  backingOff: PaceCause.nullable(),
  /** When the slot set this pace. */
  at: z.string(),
});
export type SlotPace = z.infer<typeof SlotPace>;

export const WritePace = z.object({
  /** Some slot backs off now (throttled wins over slow); null: every slot writes at the task's settings. */
  backingOff: PaceCause.nullable(),
  /** Slots whose pace moved since they started (a slot not listed writes at the task's settings). */
  slots: z.array(SlotPace),
});
export type WritePace = z.infer<typeof WritePace>;

export const TaskMetrics = z.object({
  totals: Counters,
  sinceReset: Counters,
  /** When the last offset reset was applied (null: never). */
  resetAt: z.string().nullable(),
  /** Counters: confirmed by the runner each second while the task runs; final once it stopped. */
  countersAge: FigureAge,
  /** Lag and end offsets: read from Kafka every few seconds while the task runs or its page is open. */
  offsetsAge: FigureAge,
  /** Every partition balanced (null: some cannot be told yet). */
  balanced: z.boolean().nullable(),
  /** Messages settled per second over the last `RATE_WINDOW_SECONDS`, from the samples runners store each second. */
  ratePerSecond: z.number(),
  lag: z.number().nullable(),
  partitions: z.array(PartitionMetrics),
  lastError: z.string().nullable(),
  updatedAt: z.string().nullable(),
  writePace: WritePace,
});
export type TaskMetrics = z.infer<typeof TaskMetrics>;

export const Task = z.object({
  id: z.string(),
  name: z.string(),
  status: TaskStatus,
  desiredState: DesiredState,
  statusReason: z.string().nullable(),
  failurePoint: FailurePoint.nullable(),
  config: TaskConfig,
  configVersion: z.int(),
  consumerGroup: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof Task>;
