"use client";

import type { ResetOffsetsRequest } from "@outflow/schemas/api/tasks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson, sendJson } from "@/lib/http/fetch-json";
import { taskKeys, taskUrl } from "../queries";
import { TaskView } from "../task-schemas";

/** After any command: the task, the list and the event log are refetched at once. */
function useInvalidateTask() {
  const qc = useQueryClient();
  return (id: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: taskKeys.detail(id) }),
      qc.invalidateQueries({ queryKey: taskKeys.list() }),
      qc.invalidateQueries({ queryKey: taskKeys.events(id) }),
      qc.invalidateQueries({ queryKey: taskKeys.versions(id) }),
    ]);
}

export function useStartTask() {
  const invalidate = useInvalidateTask();
  return useMutation({
    mutationFn: (id: string) => sendJson("POST", `${taskUrl(id)}/start`, TaskView),
    onSuccess: (_t, id) => invalidate(id),
  });
}

export function useStopTask() {
  const invalidate = useInvalidateTask();
  return useMutation({
    mutationFn: (id: string) => sendJson("POST", `${taskUrl(id)}/stop`, TaskView),
    onSuccess: (_t, id) => invalidate(id),
  });
}

export function useDeleteTask(onDeleted?: () => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson(taskUrl(id), undefined, { method: "DELETE" }),
    onSuccess: (_r, id) => {
      // Leave first: removing the task's query makes its page show "no such task", which unmounts the button whose
      // mutate() callbacks would never run (a deleted task's page then stayed open).
      onDeleted?.();
      qc.removeQueries({ queryKey: taskKeys.detail(id) });
      qc.removeQueries({ queryKey: taskKeys.events(id) });
      return qc.invalidateQueries({ queryKey: taskKeys.list() });
    },
  });
}

/** Sets where the stopped task starts next, then (optionally) starts it. */
export function useResetOffsets() {
  const invalidate = useInvalidateTask();
  return useMutation({
    mutationFn: async ({ id, reset, start }: { id: string; reset: ResetOffsetsRequest; start: boolean }) => {
      const task = await sendJson("POST", `${taskUrl(id)}/reset-offsets`, TaskView, reset);
      return start ? sendJson("POST", `${taskUrl(id)}/start`, TaskView) : task;
    },
    onSuccess: (_t, { id }) => invalidate(id),
  });
}

/** Replaces the task's rules (and parse settings) with an uploaded rules document. */
export function useImportRules() {
  const invalidate = useInvalidateTask();
  return useMutation({
    mutationFn: ({ id, document }: { id: string; document: unknown }) => sendJson("PUT", `${taskUrl(id)}/rules`, TaskView, document),
    onSuccess: (_t, { id }) => invalidate(id),
  });
}

/** Saves an earlier config version as the newest one. */
export function useRestoreVersion() {
  const invalidate = useInvalidateTask();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => sendJson("POST", `${taskUrl(id)}/versions/${version}/restore`, TaskView),
    onSuccess: (_t, { id }) => invalidate(id),
  });
}
