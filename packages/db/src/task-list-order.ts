import type { SortOrder, TaskSort } from "@outflow/schemas/api/task-list";
import type { TaskStatus } from "@outflow/schemas/task";

/** What the list is ordered by: one row per matching task. */
export type RankedTask = { id: string; name: string; status: TaskStatus; alerting: boolean; ratePerSecond: number; lag: number | null };

/** `status` ascending: what needs attention first, then what moves, then what rests. */
const STATUS_RANK: Record<TaskStatus, number> = { failed: 0, retrying: 1, starting: 2, running: 3, stopping: 4, stopped: 5, created: 6 };

const byName = (a: RankedTask, b: RankedTask): number => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** Failed, then retrying, then any other task with a firing alert, then the rest. */
const attentionRank = (t: RankedTask): number => (t.status === "failed" ? 0 : t.status === "retrying" ? 1 : t.alerting ? 2 : 3);

/**
 * A total order for every sort (ties by name, case-insensitively, then id), so that pages of a fixed set of tasks
 * neither miss nor repeat one. `order` turns the sort's own key around, never the name tie-break; a task whose lag
 * is unknown comes last either way.
 */
export function compareTasks(sort: TaskSort, order: SortOrder): (a: RankedTask, b: RankedTask) => number {
  const dir = order === "desc" ? -1 : 1;
  const then = (key: (a: RankedTask, b: RankedTask) => number) => (a: RankedTask, b: RankedTask) => key(a, b) || byName(a, b);
  switch (sort) {
    case "attention":
      return then((a, b) => dir * (attentionRank(a) - attentionRank(b)));
    case "name":
      return (a, b) => dir * byName(a, b);
    case "status":
      return then((a, b) => dir * (STATUS_RANK[a.status] - STATUS_RANK[b.status]));
    case "rate":
      return then((a, b) => dir * (a.ratePerSecond - b.ratePerSecond));
    case "lag":
      return then((a, b) => (a.lag === null || b.lag === null ? (a.lag === null ? 1 : 0) - (b.lag === null ? 1 : 0) : dir * (a.lag - b.lag)));
  }
}

/** The page of `tasks` (any order) at `offset`, in the order asked for. */
export function pageOf<T extends RankedTask>(tasks: readonly T[], sort: TaskSort, order: SortOrder, offset: number, limit: number): T[] {
  return [...tasks].sort(compareTasks(sort, order)).slice(offset, offset + limit);
}
