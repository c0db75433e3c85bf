import "server-only";
import { listTaskPage } from "@outflow/db/task-list";
import type { TaskListPage, TaskListQuery } from "@outflow/schemas/api/task-list";
import { ctx } from "@/server/context";

/** `GET /api/tasks`: one page of the tasks that match, and where the next page starts. */
export async function getTaskPage(query: TaskListQuery): Promise<TaskListPage> {
  const { items, total } = await listTaskPage(ctx().db, query);
  const next = query.offset + query.limit;
  return { items, total, offset: query.offset, limit: query.limit, nextOffset: next < total ? next : null };
}
