import { diffMergePatch } from "@outflow/schemas/diff-merge-patch";
import type { TaskConfig, TaskConfigInput } from "@outflow/schemas/task-config";

/** What the wizard edits: the task's name and its config in the API's own (input) shape. */
export type WizardDraft = { name: string; config: TaskConfigInput };

export function emptyDraft(): WizardDraft {
  return {
    name: "",
    config: {
      source: { connectionId: "", topics: [], startPosition: { type: "earliest" }, consumers: 1 },
      parse: { format: { type: "json" }, nonJson: { action: "fail" } },
      rules: [],
      sink: { connectionId: "", index: "", documentId: { type: "auto" }, writeMode: "full" },
      failure: { policy: "retain" },
    },
  };
}

export function draftFromTask(task: { name: string; config: TaskConfig }): WizardDraft {
  return { name: task.name, config: structuredClone(task.config) as TaskConfigInput };
}

/** `POST /api/tasks` body. */
export const createBody = (d: WizardDraft) => ({ name: d.name.trim(), config: d.config });

/**
 * `PATCH /api/tasks/:id` body: the whole edited config as a merge patch over the saved one, with null for every
 * option the edit removed (a merge patch would otherwise keep them).
 */
export function patchBody(saved: WizardDraft, d: WizardDraft): { name?: string; config?: unknown } {
  const config = diffMergePatch(saved.config, d.config) as Record<string, unknown>;
  return {
    ...(d.name.trim() !== saved.name ? { name: d.name.trim() } : {}),
    ...(Object.keys(config).length > 0 ? { config } : {}),
  };
}
