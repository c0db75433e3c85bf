"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
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
  const router = useRouter();
  const canEdit = useCan("editor");
  const remove = useDeleteTask(() => router.push("/tasks"));
  const isStopped = task.desiredState === "stopped" && (task.status === "stopped" || task.status === "created" || task.status === "failed");
  const fileName = `${task.name.replace(/[^A-Za-z0-9._-]+/g, "-")}-rules.json`;
  return (
    <>
      <div className="row" style={{ marginBottom: 16 }} role="toolbar" aria-label="Task actions">
        {canEdit ? <TaskRunButtons task={task} /> : null}
        {canEdit ? (
          <Link href={`/tasks/${task.id}/edit`} className="button">
            Edit
          </Link>
        ) : null}
        {canEdit ? (
          <button
            type="button"
            disabled={!isStopped}
            title={isStopped ? undefined : "Stop the task (and wait for status stopped) first"}
            onClick={() => onPanel(panel === "reset" ? null : "reset")}
          >
            Restart from an offset…
          </button>
        ) : null}
        <a className="button" href={`${taskUrl(task.id)}/rules`} download={fileName}>
          Export rules
        </a>
        {canEdit ? (
          <button type="button" onClick={() => onPanel(panel === "import" ? null : "import")}>
            Import rules…
          </button>
        ) : null}
        <span style={{ flex: 1 }} />
        {canEdit ? (
          <ConfirmButton
            label={`Delete ${task.name}`}
            question={`Delete ${task.name}? This stops it (its consumers finish their last batch), deletes its Kafka consumer group with its committed offsets, and removes its events and metrics.`}
            confirmLabel="Delete task"
            disabled={remove.isPending}
            onConfirm={() => remove.mutate(task.id)}
          >
            Delete
          </ConfirmButton>
        ) : null}
      </div>
      <ErrorNotice error={remove.error} title="Not deleted" />
    </>
  );
}
