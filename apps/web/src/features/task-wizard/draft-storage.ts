import { z } from "zod";
import type { WizardDraft } from "./wizard-draft";
import { isStepId, type StepId } from "./wizard-steps";

/** What is kept in the tab's session storage while a wizard is open: the draft, its step, and what it edits. */
const Stored = z.object({
  draft: z.object({ name: z.string(), config: z.record(z.string(), z.unknown()) }),
  step: z.string(),
  /** In edit mode, the config version the draft started from: a draft of an older version is not restored. */
  baseVersion: z.number().nullable(),
});

export type StoredDraft = { draft: WizardDraft; step: StepId; baseVersion: number | null };

export const draftKey = (taskId?: string) => `outflow.wizard.${taskId ?? "new"}`;

/** The stored draft, if any and still about the same version; anything unreadable counts as none. */
export function loadDraft(storage: Pick<Storage, "getItem">, key: string, baseVersion: number | null): StoredDraft | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(key) ?? "null");
  } catch {
    return null;
  }
  const parsed = Stored.safeParse(raw);
  if (!parsed.success || parsed.data.baseVersion !== baseVersion) {
    return null;
  }
  const { draft, step } = parsed.data;
  return { draft: draft as WizardDraft, step: isStepId(step) ? step : "source", baseVersion };
}

export function saveDraft(storage: Pick<Storage, "setItem">, key: string, value: StoredDraft): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the draft lives on in memory only.
  }
}

export const sameDraft = (a: WizardDraft, b: WizardDraft): boolean => JSON.stringify(a) === JSON.stringify(b);
