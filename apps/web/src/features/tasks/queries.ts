import { NEEDS_ATTENTION_FILTER } from "@outflow/schemas/api/task-list";
import type { TaskEvent } from "@outflow/schemas/task";
import { keepPreviousData, type QueryClient, queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/fetch-json";
import { usePagedList } from "@/lib/http/paged-list";
import { apiUrlOf, type TaskListView } from "./task-list-params";
import { EventPage, TaskConfigVersionList, TaskListPage, TaskView } from "./task-schemas";

export const taskKeys = {
  all: ["tasks"] as const,
  list: () => [...taskKeys.all, "list"] as const,
  detail: (id: string) => [...taskKeys.all, "detail", id] as const,
  events: (id: string) => [...taskKeys.all, "events", id] as const,
  versions: (id: string) => [...taskKeys.all, "versions", id] as const,
};

export const taskUrl = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** One page of the list as the view asks; status and metrics change all the time, so it polls every 2 s. */
export const taskListOptions = (view: TaskListView) =>
  queryOptions({
    queryKey: [...taskKeys.list(), view] as const,
    queryFn: () => fetchJson(apiUrlOf(view), TaskListPage),
    refetchInterval: 2_000,
    // The page stays on screen while the next one (another filter, sort or page) loads.
    placeholderData: keepPreviousData,
  });

/** Failed, retrying and alerting tasks, counted for the navigation (every 10 s; at once after a start or stop). */
export const attentionCountOptions = () =>
  queryOptions({
    queryKey: [...taskKeys.list(), "attention"] as const,
    queryFn: async () => (await fetchJson(`/api/tasks?status=${NEEDS_ATTENTION_FILTER}&limit=1`, TaskListPage)).total,
    refetchInterval: 10_000,
  });

export const taskDetailOptions = (id: string, opts: { poll?: boolean } = {}) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: () => fetchJson(taskUrl(id), TaskView),
    // Every second: the rate and lag it shows change that fast.
    refetchInterval: opts.poll ? 1_000 : false,
  });

/** The task's saved configs, newest first (read when the Versions panel opens, and again after every save). */
/** The versions, newest first, a page at a time: each with its diff from the one before ("More" loads older ones). */
export const useTaskVersions = (id: string, enabled: boolean) =>
  usePagedList(taskKeys.versions(id), `${taskUrl(id)}/versions?limit=20`, TaskConfigVersionList, { enabled });

/**
 * One version's whole config, asked for by its place in the list (`offset`), checked to be that version: null when
 * another one is there now (a newer version was saved since the list was read).
 */
export async function fetchVersionConfig(id: string, version: number, offset: number): Promise<unknown | null> {
  const page = await fetchJson(`${taskUrl(id)}/versions?config=true&limit=1&offset=${offset}`, TaskConfigVersionList);
  const found = page.items[0];
  return found?.version === version ? found.config : null;
}

/** Every event seen so far (oldest first, at most {@link EVENT_WINDOW}) and the cursor to poll from. */
export type EventLog = { items: TaskEvent[]; cursor: string | null };
export const EVENT_WINDOW = 500;

/**
 * The live event log: the first fetch takes the newest 100 events, every later one asks only for what came
 * after the cursor and appends it to what the cache already holds.
 */
export const taskEventsOptions = (id: string, qc: QueryClient) =>
  queryOptions({
    queryKey: taskKeys.events(id),
    queryFn: async (): Promise<EventLog> => {
      const seen = qc.getQueryData<EventLog>(taskKeys.events(id));
      const after = seen?.cursor ? `&after=${encodeURIComponent(seen.cursor)}` : "";
      const page = await fetchJson(`${taskUrl(id)}/events?limit=100${after}`, EventPage);
      const known = new Set(seen?.items.map((e) => e.id));
      const items = [...(seen?.items ?? []), ...page.items.filter((e) => !known.has(e.id))].slice(-EVENT_WINDOW);
      return { items, cursor: page.nextCursor ?? seen?.cursor ?? null };
    },
    refetchInterval: 1_500,
    staleTime: 0,
  });
