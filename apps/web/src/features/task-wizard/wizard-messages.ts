/** The wizard frame's text (one object per feature, for translations later). */
export const wizardMessages = {
  leaveQuestion: "Leave the wizard? Your unsaved changes to this task will be lost.",
  restored: "Restored your unsaved draft from before the reload.",
  discardDraft: "Start over",
} as const;
