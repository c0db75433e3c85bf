"use client";

import { ErrorNotice } from "@/components/error-notice";
import { useStartTask, useStopTask } from "../hooks/use-task-actions";
import type { TaskView } from "../task-schemas";

/** Start (also resumes a failed task) and Stop. */
export function TaskRunButtons({ task, showErrors = true }: { task: Pick<TaskView, "id" | "status" | "desiredState">; showErrors?: boolean }) {
  const start = useStartTask();
  const stop = useStopTask();
  const canStart = task.desiredState === "stopped" || task.status === "failed";
  const canStop = task.desiredState === "running";
  return (
    <>
      <button type="button" className="primary" disabled={!canStart || start.isPending} onClick={() => start.mutate(task.id)}>
        {start.isPending ? "Starting…" : "Start"}
      </button>
      <button type="button" disabled={!canStop || stop.isPending} onClick={() => stop.mutate(task.id)}>
        {stop.isPending ? "Stopping…" : "Stop"}
      </button>
      {showErrors ? <ErrorNotice error={start.error ?? stop.error} /> : null}
    </>
  );
}
