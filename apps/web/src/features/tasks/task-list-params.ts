import { type SortOrder, TASK_LIST_DEFAULT_LIMIT, TaskListQuery, type TaskSort } from "@outflow/schemas/api/task-list";

/** What the task list shows, as its URL says (so a link keeps the filters); the same names as `GET /api/tasks`. */
export type TaskListView = { q: string; status: string; connection: string; sort: TaskSort; order: SortOrder; offset: number; limit: number };

export const DEFAULT_VIEW: TaskListView = { q: "", status: "", connection: "", sort: "attention", order: "asc", offset: 0, limit: TASK_LIST_DEFAULT_LIMIT };

const KEYS = ["q", "status", "connection", "sort", "order", "offset", "limit"] as const;

/** The view a URL's query asks for; a parameter the API would refuse (hand-edited links) is left at its default. */
export function viewOf(params: URLSearchParams): TaskListView {
  const given: Record<string, string> = {};
  for (const k of KEYS) {
    const v = params.get(k);
    if (v !== null) {
      given[k] = v;
    }
  }
  let parsed = TaskListQuery.safeParse(given);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      delete given[String(issue.path[0])];
    }
    parsed = TaskListQuery.safeParse(given);
  }
  const q = parsed.success ? parsed.data : TaskListQuery.parse({});
  return { q: q.q ?? "", status: q.status?.join(",") ?? "", connection: q.connection ?? "", sort: q.sort, order: q.order, offset: q.offset, limit: q.limit };
}

/** The query string of a view, without the parameters at their defaults. */
export function searchOf(view: TaskListView): string {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    if (view[k] !== DEFAULT_VIEW[k]) {
      p.set(k, String(view[k]));
    }
  }
  return p.toString();
}

export const apiUrlOf = (view: TaskListView): string => {
  const s = searchOf(view);
  return s ? `/api/tasks?${s}` : "/api/tasks";
};

/** A changed filter starts again at the first page. */
export const withFilter = (view: TaskListView, change: Partial<Pick<TaskListView, "q" | "status" | "connection">>): TaskListView => ({
  ...view,
  ...change,
  offset: 0,
});

/** A column's header: the same column again turns the order around; a new one starts where it is most useful (busiest first for rate and lag). */
export function withSort(view: TaskListView, sort: Exclude<TaskSort, "attention">): TaskListView {
  if (view.sort === sort) {
    return { ...view, order: view.order === "asc" ? "desc" : "asc", offset: 0 };
  }
  return { ...view, sort, order: sort === "rate" || sort === "lag" ? "desc" : "asc", offset: 0 };
}
