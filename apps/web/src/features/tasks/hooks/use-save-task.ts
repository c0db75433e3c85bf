"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendJson } from "@/lib/http/fetch-json";
import { taskKeys, taskUrl } from "../queries";
import { TaskView } from "../task-schemas";

export type SaveTaskInput =
  | { mode: "create"; name: string; config: unknown; start: boolean }
  | { mode: "edit"; id: string; patch: { name?: string; config?: unknown }; start: boolean };

export type SavedTask = { task: TaskView; startError?: unknown };

/** `POST /api/tasks` or `PATCH /api/tasks/:id`, then (optionally) start. */
export function useSaveTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: SaveTaskInput): Promise<SavedTask> => {
      const task =
        input.mode === "create"
          ? await sendJson("POST", "/api/tasks", TaskView, { name: input.name, config: input.config })
          : await sendJson("PATCH", taskUrl(input.id), TaskView, input.patch);
      if (!input.start) {
        return { task };
      }
      // Saved either way: a failed start is reported on its own, so a retry does not create the task twice.
      try {
        return { task: await sendJson("POST", `${taskUrl(task.id)}/start`, TaskView) };
      } catch (startError) {
        return { task, startError };
      }
    },
    onSuccess: ({ task }) => {
      qc.setQueryData(taskKeys.detail(task.id), task);
      return Promise.all([qc.invalidateQueries({ queryKey: taskKeys.list() }), qc.invalidateQueries({ queryKey: taskKeys.events(task.id) })]);
    },
  });
}
