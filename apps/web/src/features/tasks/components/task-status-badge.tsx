import type { TaskStatus } from "@outflow/schemas/task";

/** The task's status as a coloured badge (green running, orange retrying, red failed, blue in transition). */
export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="task-status">
      {status}
    </span>
  );
}
