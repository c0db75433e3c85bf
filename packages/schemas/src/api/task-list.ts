import { z } from "zod";
import { DesiredState, FigureAge, TaskStatus } from "../task";
import { MAX_PAGE_OFFSET, optionalParam, Page, pageParams } from "./paging";

/** A page of `GET /api/tasks` holds this many tasks unless `limit` says otherwise ... */
export const TASK_LIST_DEFAULT_LIMIT = 50;
/** ... and never more: a larger `limit` is refused (422 naming `limit`), not clamped. */
export const TASK_LIST_MAX_LIMIT = 200;
/** Deeper than any real list; keeps `offset` a small number. */
export const TASK_LIST_MAX_OFFSET = MAX_PAGE_OFFSET;

/** `attention`: failed first, then retrying, then tasks with a firing alert, then the rest; by name within each. */
export const TaskSort = z.enum(["attention", "name", "status", "rate", "lag"]);
export type TaskSort = z.infer<typeof TaskSort>;

export const SortOrder = z.enum(["asc", "desc"]);
export type SortOrder = z.infer<typeof SortOrder>;

const STATUS_LIST = TaskStatus.options.join(", ");

/** Not a status: a task with a firing alert (any status), for `status=failed,retrying,alerting`. */
export const ALERTING = "alerting";
export type StatusFilterValue = TaskStatus | typeof ALERTING;

/** What the navigation counts and the list's "needs attention" filter shows: failed, retrying or alerting. */
export const NEEDS_ATTENTION_FILTER = `failed,retrying,${ALERTING}`;

/** `status=failed,retrying`: one status or several, comma-separated; `alerting` adds the tasks with a firing alert. */
const StatusFilter = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()))
  .superRefine((parts, ctx) => {
    for (const p of parts) {
      if (p !== ALERTING && !TaskStatus.safeParse(p).success) {
        ctx.addIssue({
          code: "custom",
          message: `"${p}" is not a task status (one or more of ${STATUS_LIST}, ${ALERTING}, comma-separated)`,
          params: { messageKey: "schema.taskList.status", value: p, statuses: `${STATUS_LIST}, ${ALERTING}` },
        });
      }
    }
  })
  .transform((parts) => [...new Set(parts)] as StatusFilterValue[]);

/** Postgres text cannot hold NUL: refused here, not a 500 there. */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .refine((v) => !v.includes("\u0000"), { message: "Must not contain NUL characters", params: { messageKey: "schema.taskList.nul" } });

const optional = optionalParam;

/**
 * `GET /api/tasks`'s query. Paged by `offset` (not a keyset cursor): rate and lag change between two requests,
 * so no cursor on them could be stable either; over a fixed set of tasks every order is total (ties by name, then
 * id), so paging by offset neither misses nor repeats a task.
 */
export const TaskListQuery = z.strictObject({
  q: optional(Text(100)),
  status: optional(StatusFilter),
  /** A connection's id: tasks that read from it or write to it. */
  connection: optional(Text(100)),
  sort: optional(TaskSort).transform((s) => s ?? "attention"),
  order: optional(SortOrder).transform((o) => o ?? "asc"),
  ...pageParams(TASK_LIST_DEFAULT_LIMIT, TASK_LIST_MAX_LIMIT, "tasks"),
});
export type TaskListQuery = z.output<typeof TaskListQuery>;

/** One point of a list row's sparkline: messages settled per second and the lag at the end of a bucket. */
export const SparkPoint = z.object({ at: z.string(), messagesPerSecond: z.number(), lag: z.number().nullable() });
export type SparkPoint = z.infer<typeof SparkPoint>;

/** How far back a row's sparkline reaches, and its bucket: at most 30 points. */
export const SPARKLINE_MINUTES = 15;
export const SPARKLINE_BUCKET_SECONDS = 30;

/** What the list shows of a task (the whole task and its config: `GET /api/tasks/:id`). */
export const TaskListItem = z.object({
  id: z.string(),
  name: z.string(),
  status: TaskStatus,
  desiredState: DesiredState,
  statusReason: z.string().nullable(),
  configVersion: z.int(),
  topics: z.array(z.string()),
  sourceConnectionId: z.string(),
  sinkConnectionId: z.string(),
  /** The sink's `index` as written in the config: a name, or a template such as `logs-{$.app}`. */
  targetIndex: z.string(),
  /** An alert of the task's is firing. */
  alerting: z.boolean(),
  metrics: z.object({
    ratePerSecond: z.number(),
    lag: z.number().nullable(),
    /** When the lag's offsets were read from Kafka (the oldest of the task's partitions), its age and whether it is stale. */
    lagAge: FigureAge,
    messagesIn: z.number(),
    documentsWritten: z.number(),
    discarded: z.number(),
    deadLettered: z.number(),
    lastError: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
  /** Oldest first; the last {@link SPARKLINE_MINUTES} minutes in {@link SPARKLINE_BUCKET_SECONDS}-second buckets that have samples. */
  sparkline: z.array(SparkPoint),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaskListItem = z.infer<typeof TaskListItem>;

export const TaskListPage = Page(TaskListItem);
export type TaskListPage = z.infer<typeof TaskListPage>;
