"use client";

import { ErrorNotice } from "@/components/error-notice";
import { errorMessage } from "@/lib/http/fetch-json";
import { useStartTask, useStopTask } from "../hooks/use-task-actions";
import type { TaskView } from "../task-schemas";

/** Start (also resumes a failed task) and Stop. */
/** `showErrors: false` (the list) shows a failed command as one line instead of a notice. */
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
      {showErrors ? (
        <ErrorNotice error={start.error ?? stop.error} />
      ) : start.error || stop.error ? (
        <span className="field-error" role="alert">
          {errorMessage(start.error ?? stop.error)}
        </span>
      ) : null}
    </>
  );
}
