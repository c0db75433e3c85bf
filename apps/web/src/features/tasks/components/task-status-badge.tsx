import type { TaskStatus } from "@outflow/schemas/task";
import { useTranslations } from "next-intl";

/**
 * The task's status as a coloured badge (green running, orange retrying, red failed, blue in transition); `live` on
 * the task's own page, where a change is announced to screen readers.
 */
export function TaskStatusBadge({ status, live = false }: { status: TaskStatus; live?: boolean }) {
  const t = useTranslations("tasks");
  const name = t(`status.${status}`);
  return (
    <span
      className={`badge status-${status}`}
      data-testid="task-status"
      data-status={status}
      {...(live ? { role: "status", "aria-label": t("statusBadge.live", { status: name }) } : {})}
    >
      {name}
    </span>
  );
}
