import type { TaskStatus } from "@outflow/schemas/task";

/**
 * The task's status as a coloured badge (green running, orange retrying, red failed, blue in transition); `live` on
 * the task's own page, where a change is announced to screen readers.
 */
export function TaskStatusBadge({ status, live = false }: { status: TaskStatus; live?: boolean }) {
  return (
    <span className={`badge status-${status}`} data-testid="task-status" {...(live ? { role: "status", "aria-label": `Task status: ${status}` } : {})}>
      {status}
    </span>
  );
}
