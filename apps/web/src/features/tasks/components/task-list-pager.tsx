"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/use-format";
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
  const t = useTranslations("tasks.pager");
  const f = useFormat();
  return (
    <nav className={styles.pager} aria-label={t("label")}>
      <span className="muted small" data-testid="task-list-range">
        {total === 0 ? t("none") : t("range", { from: f.count(count === 0 ? 0 : offset + 1), to: f.count(offset + count), total: f.count(total) })}
      </span>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t("previous")}
      </button>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t("next")}
      </button>
    </nav>
  );
}
