import { z } from "zod";
import { WireMessage } from "./preview";

/** The newest dead-letter records read per request (over all partitions of the topic): the scan's bound. */
export const DEAD_LETTER_SCAN_LIMIT = 5_000;
/** Letters one replay may take (all the scan can see). */
export const MAX_REPLAY_LETTERS = DEAD_LETTER_SCAN_LIMIT;
/** Letters one test runs through the preview (the preview's own limit). */
export const MAX_TEST_LETTERS = 50;

const Offset = z.string().regex(/^\d+$/, "Offset must be a non-negative integer, as a string");
/** A letter by its place in the dead-letter topic. */
export const LetterRef = z.strictObject({ partition: z.int().min(0), offset: Offset });
export type LetterRef = z.infer<typeof LetterRef>;
const GroupId = z.string().regex(/^(parse|rule|route|index)-[0-9a-f]{8}$/, "A group id as the groups answer gives it (e.g. parse-1a2b3c4d)");

/** Which letters: some by place, one group, or every letter the scan sees. */
export const LetterSelection = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("letters"), letters: z.array(LetterRef).min(1).max(MAX_REPLAY_LETTERS) }),
    z.strictObject({ kind: z.literal("group"), group: GroupId }),
    z.strictObject({ kind: z.literal("all") }),
  ],
  { error: 'kind must be "letters", "group" or "all"' },
);
export type LetterSelection = z.infer<typeof LetterSelection>;

export const DeadLettersQuery = z.strictObject({
  group: GroupId.optional(),
  offset: z.coerce.number().int().min(0).max(DEAD_LETTER_SCAN_LIMIT).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DeadLetterQuery = z.strictObject({ partition: z.coerce.number().int().min(0), offset: Offset });

export const DeadLetterTestRequest = z.strictObject({
  selection: LetterSelection,
});

export const ReplayRequest = z.strictObject({
  selection: LetterSelection,
  /** Replay letters that an earlier replay took already. */
  force: z.boolean().default(false),
  /** Letters per second at most. */
  ratePerSecond: z.int().min(1).max(5_000).default(500),
});
export type ReplayRequest = z.infer<typeof ReplayRequest>;

export const PageQuery = z.strictObject({
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** How much of the topic an answer saw: the newest `limit` records of the dead-letter topic, of `records` in it. */
export const ScanView = z.object({
  topic: z.string(),
  limit: z.int(),
  /** Records read (every task's: the topic may be shared). */
  scanned: z.int(),
  /** Records in the topic now (end minus start offsets, all partitions). */
  records: z.int(),
  /** True when every record in the topic was read. */
  complete: z.boolean(),
  /** This task's letters among those read. */
  letters: z.int(),
  readAt: z.string(),
});

export const Stage = z.enum(["parse", "rule", "route", "index"]);

export const DeadLetterGroupView = z.object({
  id: z.string(),
  stage: Stage,
  pattern: z.string(),
  example: z.string(),
  errorType: z.string().nullable(),
  count: z.int(),
  /** Of `count`, the letters an earlier replay took. */
  replayed: z.int(),
  first: z.string(),
  last: z.string(),
});

export const DeadLetterGroups = z.object({ scan: ScanView, groups: z.array(DeadLetterGroupView) });

export const DeadLetterView = z.object({
  partition: z.int(),
  offset: z.string(),
  at: z.string(),
  source: z.object({ topic: z.string(), partition: z.int(), offset: z.string(), timestamp: z.string() }),
  stage: Stage,
  reason: z.string(),
  errorStatus: z.int().nullable(),
  errorType: z.string().nullable(),
  attempt: z.int(),
  group: z.string(),
  /** The replay that took this letter (the newest), if any. */
  replayedBy: z.string().nullable(),
  /** The original message (key, value, its own headers): editors and admins only; null for viewers. */
  message: WireMessage.nullable(),
});
export type DeadLetterView = z.infer<typeof DeadLetterView>;

export const DeadLetterPage = z.object({
  scan: ScanView,
  items: z.array(DeadLetterView),
  total: z.int(),
  offset: z.int(),
  limit: z.int(),
  /** False for viewers: letters' contents are for editors and admins. */
  contents: z.boolean(),
});

export const DeadLetterTestResult = z.object({
  scan: ScanView,
  /** Letters run (the newest 50 of a larger selection) of `selected`. */
  tested: z.int(),
  selected: z.int(),
  letters: z.array(
    z.object({
      partition: z.int(),
      offset: z.string(),
      passes: z.boolean(),
      outcome: z.string(),
      /** The outcome's catalogue key (`deadLetters.test.outcomes.<key>`) and parameters; absent for a pipeline's own reason. */
      outcomeKey: z.enum(["failsAt", "wouldWrite"]).optional(),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    }),
  ),
  /** The preview's answer for the letters' original messages, in the same order (the worker's own pipeline). */
  preview: z.unknown(),
});

export const ReplayView = z.object({
  id: z.string(),
  taskId: z.string(),
  createdAt: z.string(),
  actor: z.string(),
  selection: z.unknown(),
  topic: z.string(),
  total: z.int(),
  force: z.boolean(),
  ratePerSecond: z.int(),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** Letters done so far, and what became of them. */
  position: z.int(),
  written: z.int(),
  filtered: z.int(),
  failedAgain: z.int(),
  missing: z.int(),
  error: z.string().nullable(),
  workerId: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** The letters' offset range in each partition of the dead-letter topic. */
  ranges: z.array(z.object({ partition: z.int(), from: z.string(), to: z.string(), letters: z.int() })),
});
export type ReplayView = z.infer<typeof ReplayView>;

export const ReplayPage = z.object({ items: z.array(ReplayView), total: z.int(), offset: z.int(), limit: z.int() });

export const DiscardView = z.object({
  at: z.string(),
  topic: z.string(),
  partition: z.int(),
  offset: z.string(),
  stage: z.string(),
  reason: z.string(),
});

/** The discard policy's sampled discards (one task event per 5 s at most) and how many were not sampled. */
export const DiscardPage = z.object({
  items: z.array(DiscardView),
  total: z.int(),
  offset: z.int(),
  limit: z.int(),
  /** Messages discarded in all (the task's counter), sampled (with an event) and not. */
  discarded: z.int(),
  sampled: z.int(),
  notSampled: z.int(),
  /** When the worker last added to the counter (null: never). */
  countedAt: z.string().nullable(),
});
