import { RulesDocument } from "@outflow/schemas/api/rules";
import { ResetOffsetsRequest } from "@outflow/schemas/api/tasks";
import { Task, TaskEvent, TaskMetrics } from "@outflow/schemas/task";
import { z } from "zod";

/** A task as `GET /api/tasks/:id` answers: the task, its pending offset reset and its metrics. */
export const TaskView = Task.extend({ pendingOffsetReset: ResetOffsetsRequest.nullable(), metrics: TaskMetrics });
export type TaskView = z.infer<typeof TaskView>;

export const TaskList = z.object({ items: z.array(TaskView) });

export const EventPage = z.object({ items: z.array(TaskEvent), nextCursor: z.string().nullable() });
export type EventPage = z.infer<typeof EventPage>;

export { RulesDocument };
