"use client";

import type { TaskSort } from "@outflow/schemas/api/task-list";
import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { TaskListView } from "../task-list-params";
import styles from "./task-list.module.css";

type Column = Exclude<TaskSort, "attention">;

/** A column header that sorts the list by its column (again: the other way round). */
export function SortHeader({
  column,
  view,
  onSort,
  className,
  title,
  children,
}: {
  column: Column;
  view: TaskListView;
  onSort: (column: Column) => void;
  className?: string;
  title?: string;
  children: ReactNode;
}) {
  const t = useTranslations("tasks.list");
  const active = view.sort === column;
  return (
    <th className={className} title={title} aria-sort={active ? (view.order === "asc" ? "ascending" : "descending") : "none"}>
      <button
        type="button"
        className={styles.sortButton}
        aria-label={t("sortBy", { column: t(`columns.${column}`, { seconds: RATE_WINDOW_SECONDS }) })}
        onClick={() => onSort(column)}
      >
        {children}
        {active ? <span aria-hidden="true">{view.order === "asc" ? "▲" : "▼"}</span> : null}
      </button>
    </th>
  );
}
