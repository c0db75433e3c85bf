import "server-only";
import { TaskView } from "@outflow/schemas/api/responses";
import { TaskListPage, TaskListQuery } from "@outflow/schemas/api/task-list";
import { type DehydratedState, dehydrate, QueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { taskDetailOptions, taskListOptions } from "../queries";
import { searchOf, type TaskListView } from "../task-list-params";
import { getTaskPage } from "./task-list-service";
import { getTask } from "./task-service";

/**
 * The first data of the task list and the task page, read on the server and handed to React Query (its hydration),
 * so the page's first paint has its rows and heading instead of waiting for a client-side fetch. The browser then
 * polls as before. A read that fails leaves the cache empty: the page loads it the usual way and shows the error.
 */

/** What the API answers, as the browser sees it after JSON (dates as strings, undefined keys gone). */
const asAnswered = <S extends z.ZodType>(schema: S, body: z.input<S>): z.output<S> => schema.parse(JSON.parse(JSON.stringify(schema.parse(body))));

export async function taskListFirstPaint(view: TaskListView): Promise<DehydratedState> {
  const qc = new QueryClient();
  const query = TaskListQuery.parse(Object.fromEntries(new URLSearchParams(searchOf(view))));
  await qc.prefetchQuery({ queryKey: taskListOptions(view).queryKey, queryFn: async () => asAnswered(TaskListPage, await getTaskPage(query)) });
  return dehydrate(qc);
}

export async function taskPageFirstPaint(id: string): Promise<DehydratedState> {
  const qc = new QueryClient();
  await qc.prefetchQuery({ queryKey: taskDetailOptions(id).queryKey, queryFn: async () => asAnswered(TaskView, await getTask(id)) });
  return dehydrate(qc);
}
