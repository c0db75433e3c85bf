import { z } from "zod";
import { FiringAlert } from "../alerts";
import { Connection } from "../connection";
import { EventActor, Task, TaskEvent, TaskMetrics } from "../task";
import { TaskConfig } from "../task-config";
import { Page, PageQuery, pageParams } from "./paging";
import { WireMessage } from "./preview";
import { ResetOffsetsRequest } from "./tasks";

/** The answers of the HTTP API, shared by the route handlers and the console's fetchJson. */
/** GET /api/connections: oldest first, `?limit=` (1-200, 100) and `?offset=`. */
export const ConnectionListQuery = PageQuery(100, 200, "connections");
export const ConnectionList = Page(Connection);
export type ConnectionListPage = z.infer<typeof ConnectionList>;

export const ConnectionTestResult = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  details: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const TopicList = z.object({ items: z.array(z.object({ name: z.string(), partitions: z.number() })) });
export type TopicInfo = z.infer<typeof TopicList>["items"][number];

export const SampleList = z.object({ items: z.array(WireMessage) });

/**
 * A schema id in the registry (`GET /api/connections/:id/schemas/:schemaId`): where it is registered (empty when the
 * registry does not say) and the schema itself, its references' texts with it (null: the registry has no such id).
 */
export const SchemaSubjects = z.object({
  id: z.number(),
  items: z.array(z.object({ subject: z.string(), version: z.number() })),
  schema: z
    .object({
      schemaType: z.enum(["AVRO", "PROTOBUF", "JSON"]).optional(),
      schema: z.string(),
      references: z.array(z.object({ name: z.string(), schema: z.string() })).optional(),
    })
    .nullable(),
});

const TraceStep = z.object({ step: z.string(), record: z.unknown().optional(), outcome: z.string().optional() });

const Processed = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("write"), actions: z.array(z.record(z.string(), z.unknown())) }),
  z.object({ kind: z.literal("filtered"), reason: z.string() }),
  z.object({ kind: z.literal("dropped"), reason: z.string() }),
  z.object({ kind: z.literal("failed"), stage: z.string(), reason: z.string() }),
]);

/** One message through the pipeline, as the preview shows it (see @outflow/pipeline's PreviewRow). */
export const PreviewRow = z.object({
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  steps: z.array(TraceStep),
  result: Processed,
  failure: z.object({ kind: z.string(), stage: z.string().optional(), reason: z.string().optional() }).optional(),
  bulk: z.string(),
  note: z.string().optional(),
});
export type PreviewRow = z.infer<typeof PreviewRow>;

export const PreviewResult = z.object({ messages: z.array(WireMessage), rows: z.array(PreviewRow) });

/** A task as `GET /api/tasks/:id` answers: the task, its pending offset reset, its metrics and the alerts firing now. */
export const TaskView = Task.extend({ pendingOffsetReset: ResetOffsetsRequest.nullable(), metrics: TaskMetrics, alerts: z.array(FiringAlert) });
export type TaskView = z.infer<typeof TaskView>;

/** `nextCursor`: poll with `after=` it for newer events; `olderCursor` (not with `after`): `before=` it pages back (null: nothing older). */
export const EventPage = z.object({ items: z.array(TaskEvent), nextCursor: z.string().nullable(), olderCursor: z.string().nullable() });
export type EventPage = z.infer<typeof EventPage>;

/** One saved config of a task: who saved it, when, why, and the JSON merge patch from the version before. */
export const TaskConfigVersionView = z.object({
  version: z.int(),
  at: z.string(),
  note: z.string(),
  actor: EventActor.nullable(),
  /** The whole config: only with `?config=true`. */
  config: TaskConfig.optional(),
  diff: z.record(z.string(), z.unknown()).nullable(),
});
export type TaskConfigVersionView = z.infer<typeof TaskConfigVersionView>;

/** Versions per page with `?config=true`: whole configs are up to 256 KiB each (MAX_CONFIG_BYTES). */
export const VERSIONS_WITH_CONFIG_MAX_LIMIT = 5;

/**
 * `GET /api/tasks/:id/versions`: newest first, `?limit=` (1-100, 20) and `?offset=`; each version's diff from the one
 * before, and its whole config only with `?config=true` (then at most {@link VERSIONS_WITH_CONFIG_MAX_LIMIT} a page).
 */
export const TaskConfigVersionQuery = z
  .strictObject({ config: z.enum(["true", "false"]).optional(), ...pageParams(20, 100, "versions") })
  .superRefine((q, ctx) => {
    if (q.config === "true" && q.limit > VERSIONS_WITH_CONFIG_MAX_LIMIT) {
      ctx.addIssue({
        code: "custom",
        path: ["limit"],
        message: `At most ${VERSIONS_WITH_CONFIG_MAX_LIMIT} versions per page with config=true`,
        params: { messageKey: "schema.versions.limitWithConfig", max: VERSIONS_WITH_CONFIG_MAX_LIMIT },
      });
    }
  });
export type TaskConfigVersionQuery = z.output<typeof TaskConfigVersionQuery>;

/** Newest first. */
export const TaskConfigVersionList = Page(TaskConfigVersionView);
export type TaskConfigVersionList = z.infer<typeof TaskConfigVersionList>;

/** `DELETE /api/tasks/:id`: the task is gone; its consumer group was deleted, never existed, or was kept (and why). */
export const TaskDeleted = z.object({
  id: z.string(),
  name: z.string(),
  consumerGroup: z.object({ id: z.string(), outcome: z.enum(["deleted", "absent", "kept"]), reason: z.string().optional() }),
});
export type TaskDeleted = z.infer<typeof TaskDeleted>;
