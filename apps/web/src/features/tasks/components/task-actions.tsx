"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { useCan } from "@/features/session/viewer-context";
import { useDeleteTask } from "../hooks/use-task-actions";
import { taskUrl } from "../queries";
import type { TaskView } from "../task-schemas";
import { TaskRunButtons } from "./task-run-buttons";

/** Which action panel is open on the task page. */
export type TaskPanel = "reset" | "import" | null;

/** Start, Stop, Edit, Restart from an offset, Export / Import rules, Delete. */
export function TaskActions({ task, panel, onPanel }: { task: TaskView; panel: TaskPanel; onPanel: (p: TaskPanel) => void }) {
  const t = useTranslations("tasks.actions");
  const router = useRouter();
  const canEdit = useCan("editor");
  const remove = useDeleteTask(() => router.push("/tasks"));
  const isStopped = task.desiredState === "stopped" && (task.status === "stopped" || task.status === "created" || task.status === "failed");
  const fileName = `${task.name.replace(/[^A-Za-z0-9._-]+/g, "-")}-rules.json`;
  return (
    <>
      <div className="row" style={{ marginBottom: 16 }} role="toolbar" aria-label={t("toolbar")}>
        {canEdit ? <TaskRunButtons task={task} /> : null}
        {canEdit ? (
          <Link href={`/tasks/${task.id}/edit`} className="button">
            {t("edit")}
          </Link>
        ) : null}
        {canEdit ? (
          <button
            type="button"
            disabled={!isStopped}
            title={isStopped ? undefined : t("stopFirst")}
            onClick={() => onPanel(panel === "reset" ? null : "reset")}
          >
            {t("resetOffsets")}
          </button>
        ) : null}
        <a className="button" href={`${taskUrl(task.id)}/rules`} download={fileName}>
          {t("exportRules")}
        </a>
        {canEdit ? (
          <button type="button" onClick={() => onPanel(panel === "import" ? null : "import")}>
            {t("importRules")}
          </button>
        ) : null}
        <span style={{ flex: 1 }} />
        {canEdit ? (
          <ConfirmButton
            label={t("deleteLabel", { name: task.name })}
            question={t("deleteQuestion", { name: task.name })}
            confirmLabel={t("deleteConfirm")}
            disabled={remove.isPending}
            onConfirm={() => remove.mutate(task.id)}
          >
            {t("delete")}
          </ConfirmButton>
        ) : null}
      </div>
      <ErrorNotice error={remove.error} title={t("deleteError")} />
    </>
  );
}
