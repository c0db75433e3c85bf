"use client";

import { taskListText as t } from "../task-list-messages";
import styles from "./task-list.module.css";

/** Where this page stands in the matching tasks, and the way to the pages around it. */
export function TaskListPager({
  offset,
  count,
  total,
  limit,
  onOffset,
}: {
  offset: number;
  count: number;
  total: number;
  limit: number;
  onOffset: (offset: number) => void;
}) {
  return (
    <nav className={styles.pager} aria-label="Pages">
      <span className="muted small" data-testid="task-list-range">
        {t.range(count === 0 ? 0 : offset + 1, offset + count, total)}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t.previous}
      </button>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t.next}
      </button>
    </nav>
  );
}
