/** The wizard frame's text (one object per feature, for translations later). */
export const wizardMessages = {
  leaveTitle: "Leave the wizard?",
  leaveText:
    "Your changes are not saved as a task, but the draft stays in this browser tab: open the wizard again and it comes back. Start over to throw it away.",
  stay: "Stay",
  leaveKeep: "Leave, keep the draft",
  leaveStartOver: "Start over and leave",
  restored: "This is your unsaved draft, kept in this browser tab since you last left the wizard or reloaded it.",
  discardDraft: "Start over",
} as const;
