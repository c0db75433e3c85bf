"use client";

import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { Suspense, useCallback, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { ListPlaceholderRows } from "@/components/list-placeholder-rows";
import { useCan } from "@/features/session/viewer-context";
import { taskListOptions } from "../queries";
import { DEFAULT_VIEW, searchOf, type TaskListView, viewOf, withFilter, withSort } from "../task-list-params";
import { TaskListFilters } from "./task-list-filters";
import { TaskListPager } from "./task-list-pager";
import { TaskListRow } from "./task-list-row";
import { SortHeader } from "./task-list-sort-header";

const COLUMNS = 10;

/** The tasks page: search, filters, sortable columns and pages, all in the URL; refreshed every 2 s. */
export function TaskList() {
  // useSearchParams needs a Suspense boundary above it.
  return (
    <Suspense>
      <TaskListPage />
    </Suspense>
  );
}

function TaskListPage() {
  const t = useTranslations("tasks.list");
  const search = useSearchParams().toString();
  // The view shown is the last one asked for: a second change made before the URL has caught up with the first
  // (clear a filter, then sort at once) builds on the first instead of on the URL's older view. A URL that changes
  // by itself (back, a link) is followed.
  const [asked, setAsked] = useState(() => ({ url: search, view: viewOf(new URLSearchParams(search)) }));
  if (asked.url !== search) {
    setAsked({ url: search, view: viewOf(new URLSearchParams(search)) });
  }
  const view = asked.view;
  const router = useRouter();
  const pathname = usePathname();
  const canCreate = useCan("editor");
  const tasks = useQuery(taskListOptions(view));
  const show = useCallback(
    (next: TaskListView, replace = false) => {
      const nextSearch = searchOf(next);
      setAsked((prev) => ({ url: prev.url, view: next }));
      const url = nextSearch ? `${pathname}?${nextSearch}` : pathname;
      if (replace) {
        router.replace(url, { scroll: false });
      } else {
        router.push(url, { scroll: false });
      }
    },
    [pathname, router],
  );
  // The search box calls this after a pause in typing: each keystroke is no history entry.
  const filter = useCallback((change: Parameters<typeof withFilter>[1], typing = false) => show(withFilter(view, change), typing), [show, view]);
  const sort = (column: Parameters<typeof withSort>[1]) => show(withSort(view, column));
  const filtered = view.q !== "" || view.status !== "" || view.connection !== "";
  const page = tasks.data;
  return (
    <>
      <div className="page-header">
        <h1>{t("title")}</h1>
        <span className="spacer" />
        {canCreate ? (
          <Link href="/tasks/new" className="button primary">
            {t("newTask")}
          </Link>
        ) : null}
      </div>
      <TaskListFilters view={view} onChange={filter} />
      <ErrorNotice error={tasks.error} title={t("loadError")} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <SortHeader column="name" view={view} onSort={sort}>
                {t("columns.name")}
              </SortHeader>
              <SortHeader column="status" view={view} onSort={sort}>
                {t("columns.status")}
              </SortHeader>
              <th>{t("columns.targetIndex")}</th>
              <SortHeader column="rate" view={view} onSort={sort} className="num" title={t("rateTitle", { seconds: RATE_WINDOW_SECONDS })}>
                {t("columns.rate", { seconds: RATE_WINDOW_SECONDS })}
              </SortHeader>
              <th>{t("columns.trend")}</th>
              <SortHeader column="lag" view={view} onSort={sort} className="num">
                {t("columns.lag")}
              </SortHeader>
              <th className="num">{t("columns.documents")}</th>
              <th className="num">{t("columns.failures")}</th>
              <th>{t("columns.lastError")}</th>
              <th aria-label={t("columns.actions")} />
            </tr>
          </thead>
          <tbody>
            {page?.items.map((task) => (
              <TaskListRow key={task.id} task={task} />
            ))}
            <ListPlaceholderRows
              list={{ data: page?.items, isPending: tasks.isPending }}
              columns={COLUMNS}
              empty={
                filtered ? (
                  <>
                    {t("noMatch")}{" "}
                    <Link
                      href={`${pathname}${searchOf({ ...DEFAULT_VIEW, sort: view.sort, order: view.order }) ? `?${searchOf({ ...DEFAULT_VIEW, sort: view.sort, order: view.order })}` : ""}`}
                    >
                      {t("clearFilters")}
                    </Link>
                  </>
                ) : (
                  <>
                    {t("noTasks")}
                    {canCreate ? <> {t.rich("createFirst", { link: (chunks) => <Link href="/tasks/new">{chunks}</Link> })}</> : null}
                  </>
                )
              }
            />
          </tbody>
        </table>
      </div>
      {page ? (
        <TaskListPager offset={page.offset} count={page.items.length} total={page.total} limit={page.limit} onOffset={(offset) => show({ ...view, offset })} />
      ) : null}
    </>
  );
}
