"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSaveTask } from "@/features/tasks/hooks/use-save-task";
import { errorMessage, isApiError } from "@/lib/http/fetch-json";
import { useWizard } from "../wizard-context";
import { createBody, patchBody, type WizardDraft } from "../wizard-draft";
import { serverIssues } from "../wizard-issues";
import { type StepId, stepOf } from "../wizard-steps";

/**
 * Saves the draft: `POST /api/tasks` (or `PATCH /api/tasks/:id` in edit mode), then optionally starts the task and
 * opens its page. The server has the last word: its field errors are put next to the inputs and the wizard opens
 * the step of the first one.
 */
type Options = { taskId?: string; saved?: WizardDraft; onStep: (s: StepId) => void; onSaved: () => void };

export function useSubmitWizard({ taskId, saved, onStep, onSaved }: Options) {
  const w = useWizard();
  const router = useRouter();
  const save = useSaveTask();
  const [serverMessage, setServerMessage] = useState<string | null>(null);

  const submit = (start: boolean) => {
    w.showAllIssues();
    setServerMessage(null);
    const input =
      taskId && saved
        ? { mode: "edit" as const, id: taskId, patch: patchBody(saved, w.draft), start }
        : { mode: "create" as const, ...createBody(w.draft), start };
    save.mutate(input, {
      onSuccess: ({ task, startError }) => {
        onSaved();
        const q = startError ? `?startError=${encodeURIComponent(errorMessage(startError))}` : "";
        router.push(`/tasks/${task.id}${q}`);
      },
      onError: (err) => {
        setServerMessage(errorMessage(err));
        if (isApiError(err)) {
          const issues = serverIssues(err).filter((i) => i.field !== "" || err.issues?.length);
          w.setServerIssues(issues);
          const first = issues.find((i) => i.field !== "");
          if (first) {
            onStep(stepOf(first.field));
          }
        }
      },
    });
  };
  return { submit, isSaving: save.isPending, serverMessage };
}
