"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { taskDetailOptions } from "@/features/tasks/queries";
import { draftKey, loadDraft, type StoredDraft } from "../draft-storage";
import { WizardProvider } from "../wizard-context";
import { draftFromTask, emptyDraft } from "../wizard-draft";
import type { StepId } from "../wizard-steps";
import { WizardForm } from "./wizard-form";

/** New task, or (with `taskId`) the same wizard prefilled with the task's config. */
export function TaskWizard({ taskId, initialStep }: { taskId?: string; initialStep?: StepId }) {
  const t = useTranslations("wizard.page");
  const task = useQuery({ ...taskDetailOptions(taskId ?? ""), enabled: taskId !== undefined });
  const saved = useMemo(() => (task.data ? draftFromTask(task.data) : undefined), [task.data]);
  const baseVersion = taskId ? (task.data?.configVersion ?? null) : null;
  // The draft kept in this tab's session storage (read once the page runs in the browser, and the task is loaded).
  const [stored, setStored] = useState<{ value: StoredDraft | null } | null>(null);
  const ready = !taskId || task.data !== undefined;
  useEffect(() => {
    if (ready && stored === null) {
      setStored({ value: loadDraft(window.sessionStorage, draftKey(taskId), baseVersion) });
    }
  }, [ready, stored, taskId, baseVersion]);

  if (!taskId) {
    if (!stored) {
      return <p className="muted">{t("loading")}</p>;
    }
    return (
      <WizardProvider initial={stored.value?.draft ?? emptyDraft()}>
        <WizardForm initialStep={initialStep ?? stored.value?.step} baseline={emptyDraft()} restored={stored.value !== null} />
      </WizardProvider>
    );
  }
  if (!saved || !task.data || !stored) {
    return task.error ? (
      <>
        <ErrorNotice error={task.error} title={t("loadFailed")} />
        <Link href="/tasks">{t("backToTasks")}</Link>
      </>
    ) : (
      <p className="muted">{t("loading")}</p>
    );
  }
  return (
    <WizardProvider initial={stored.value?.draft ?? saved}>
      <WizardForm task={task.data} saved={saved} baseline={saved} initialStep={initialStep ?? stored.value?.step} restored={stored.value !== null} />
    </WizardProvider>
  );
}
