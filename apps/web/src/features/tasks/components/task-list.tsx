"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { ErrorNotice } from "@/components/error-notice";
import { ListPlaceholderRows } from "@/components/list-placeholder-rows";
import { useCan } from "@/features/session/viewer-context";
import { metricsMessages } from "../metrics-messages";
import { taskListOptions } from "../queries";
import { TaskListRow } from "./task-list-row";

/** The tasks page: every task with its status and throughput, refreshed every 2 s. */
export function TaskList() {
  const tasks = useQuery(taskListOptions());
  const canCreate = useCan("editor");
  return (
    <>
      <div className="page-header">
        <h1>Tasks</h1>
        <span className="spacer" />
        {canCreate ? (
          <Link href="/tasks/new" className="button primary">
            New task
          </Link>
        ) : null}
      </div>
      <ErrorNotice error={tasks.error} title="Could not load tasks" />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th className="num" title={metricsMessages.throughputTitle}>
                {metricsMessages.throughput}
              </th>
              <th className="num">Lag</th>
              <th className="num">Documents</th>
              <th className="num">Discarded / dead-lettered</th>
              <th>Last error</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {tasks.data?.map((t) => (
              <TaskListRow key={t.id} task={t} />
            ))}
            <ListPlaceholderRows
              list={tasks}
              columns={8}
              empty={
                <>
                  No tasks yet.
                  {canCreate ? (
                    <>
                      {" "}
                      <Link href="/tasks/new">Create the first one</Link>.
                    </>
                  ) : null}
                </>
              }
            />
          </tbody>
        </table>
      </div>
    </>
  );
}
