import { z } from "zod";

/** Messages a dry run reads by default, and at most. */
export const DRY_RUN_DEFAULT_LIMIT = 1_000;
export const DRY_RUN_MAX_LIMIT = 10_000;

/**
 * Reads the next `limit` messages at the task's start position (with `taskId`, an existing task's: where its
 * consumer group has committed), runs them through the pipeline and writes the documents to throw-away copies of
 * the target indices (their settings and mappings), deleted afterwards.
 */
export const DryRunRequest = z.strictObject({
  config: z.unknown(),
  taskId: z.string().min(1).max(100).optional(),
  limit: z.int().min(1).max(DRY_RUN_MAX_LIMIT, `At most ${DRY_RUN_MAX_LIMIT} messages`).default(DRY_RUN_DEFAULT_LIMIT),
});
export type DryRunRequest = z.infer<typeof DryRunRequest>;

const At = z.object({ topic: z.string(), partition: z.int(), offset: z.string() });

export const DryRunReport = z.object({
  /** Messages asked for, and where reading started. */
  limit: z.int(),
  start: z.string(),
  partitions: z.array(z.object({ topic: z.string(), partition: z.int(), from: z.string(), count: z.int() })),
  read: z.int(),
  wouldWrite: z.int(),
  filtered: z.int(),
  dropped: z.int(),
  failed: z.int(),
  /** Read but not tried against the index (the dry run's time or size ran out, a server condition). */
  notTried: z.int(),
  groups: z.array(
    z.object({
      outcome: z.enum(["filtered", "dropped", "failed", "not_tried"]),
      stage: z.string().nullable(),
      reason: z.string(),
      count: z.int(),
      examples: z.array(At),
    }),
  ),
  /** Reasons past the report's limit, counted but not listed. */
  groupsLeftOut: z.int(),
  mappingRejections: z.array(
    z.object({
      index: z.string(),
      field: z.string(),
      type: z.string(),
      errorType: z.string(),
      count: z.int(),
      examples: z.array(At.extend({ value: z.string() })),
    }),
  ),
  /** Each real index written to, where its throw-away copy's settings and mappings came from, and that the copy is gone. */
  targets: z.array(
    z.object({ index: z.string(), throwaway: z.string(), shape: z.enum(["index", "template", "none"]), shapeFrom: z.string(), deleted: z.boolean() }),
  ),
  notes: z.array(z.string()),
  elapsedMs: z.int(),
});
export type DryRunReport = z.infer<typeof DryRunReport>;
