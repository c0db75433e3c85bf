"use client";

import { NEEDS_ATTENTION_FILTER } from "@outflow/schemas/api/task-list";
import { TaskStatus } from "@outflow/schemas/task";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { connectionListOptions } from "@/features/connections/queries";
import type { TaskListView } from "../task-list-params";
import styles from "./task-list.module.css";

type Filter = Pick<TaskListView, "q" | "status" | "connection">;

/** Search by name (applied as one types, after a pause), status and connection. */
export function TaskListFilters({ view, onChange }: { view: TaskListView; onChange: (change: Partial<Filter>, typing?: boolean) => void }) {
  const t = useTranslations("tasks.filters");
  const tStatus = useTranslations("tasks.status");
  const tKind = useTranslations("connections.kinds");
  const connections = useQuery(connectionListOptions());
  const id = useId();
  const [q, setQ] = useState(view.q);
  // A link or the back button changes the URL: the box follows it.
  useEffect(() => setQ(view.q), [view.q]);
  useEffect(() => {
    if (q.trim() === view.q) {
      return;
    }
    const timer = setTimeout(() => onChange({ q: q.trim() }, true), 300);
    return () => clearTimeout(timer);
  }, [q, view.q, onChange]);
  return (
    <search className={styles.filters}>
      <div className={styles.field}>
        <label htmlFor={`${id}-q`}>{t("search")}</label>
        <input id={`${id}-q`} type="search" className={styles.search} value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-status`}>{t("status")}</label>
        <select id={`${id}-status`} value={view.status} onChange={(e) => onChange({ status: e.target.value })}>
          <option value="">{t("anyStatus")}</option>
          <option value={NEEDS_ATTENTION_FILTER}>{t("needsAttention")}</option>
          {TaskStatus.options.map((s) => (
            <option key={s} value={s}>
              {tStatus(s)}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-connection`}>{t("connection")}</label>
        <select id={`${id}-connection`} value={view.connection} onChange={(e) => onChange({ connection: e.target.value })}>
          <option value="">{t("anyConnection")}</option>
          {/* A task names its Kafka and Elasticsearch connections; a schema registry only through its Kafka connection. */}
          {connections.data
            ?.filter((c) => c.kind !== "schema_registry")
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({tKind(c.kind)})
              </option>
            ))}
        </select>
      </div>
    </search>
  );
}
