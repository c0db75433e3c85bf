"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { taskDetailOptions } from "@/features/tasks/queries";
import { WizardProvider } from "../wizard-context";
import { draftFromTask, emptyDraft } from "../wizard-draft";
import type { StepId } from "../wizard-steps";
import { WizardForm } from "./wizard-form";

/** New task, or (with `taskId`) the same wizard prefilled with the task's config. */
export function TaskWizard({ taskId, initialStep }: { taskId?: string; initialStep?: StepId }) {
  const task = useQuery({ ...taskDetailOptions(taskId ?? ""), enabled: taskId !== undefined });
  const saved = useMemo(() => (task.data ? draftFromTask(task.data) : undefined), [task.data]);

  if (!taskId) {
    return (
      <WizardProvider initial={emptyDraft()}>
        <WizardForm initialStep={initialStep} />
      </WizardProvider>
    );
  }
  if (!saved || !task.data) {
    return task.error ? (
      <>
        <ErrorNotice error={task.error} title="Could not load the task" />
        <Link href="/tasks">Back to tasks</Link>
      </>
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  return (
    <WizardProvider initial={saved}>
      <WizardForm task={task.data} saved={saved} initialStep={initialStep} />
    </WizardProvider>
  );
}
