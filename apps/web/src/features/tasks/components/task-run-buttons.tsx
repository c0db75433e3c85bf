"use client";

import { useTranslations } from "next-intl";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { errorMessage } from "@/lib/http/fetch-json";
import { useStartTask, useStopTask } from "../hooks/use-task-actions";
import type { TaskView } from "../task-schemas";

/**
 * Start (also resumes a failed task) and Stop. They keep focus while pending or not applicable (aria-disabled), so
 * pressing one never drops focus to the page. `name` (a list's rows) names the task in each button: "Start orders".
 * `showErrors: false` (the list) shows a failed command as one line instead of a notice.
 */
export function TaskRunButtons({
  task,
  name,
  showErrors = true,
}: {
  task: Pick<TaskView, "id" | "status" | "desiredState">;
  name?: string;
  showErrors?: boolean;
}) {
  const t = useTranslations("tasks.run");
  const start = useStartTask();
  const stop = useStopTask();
  const canStart = task.desiredState === "stopped" || task.status === "failed";
  const canStop = task.desiredState === "running";
  return (
    <>
      <FocusableButton
        className="primary"
        aria-label={name ? t("startNamed", { name }) : undefined}
        disabled={!canStart || start.isPending}
        onClick={() => start.mutate(task.id)}
      >
        {start.isPending ? t("starting") : t("start")}
      </FocusableButton>
      <FocusableButton aria-label={name ? t("stopNamed", { name }) : undefined} disabled={!canStop || stop.isPending} onClick={() => stop.mutate(task.id)}>
        {stop.isPending ? t("stopping") : t("stop")}
      </FocusableButton>
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
