/** The audit page's words (a translated catalogue replaces this object). */
export const auditText = {
  title: "Audit log",
  intro: "Every change made through the console or the API, newest first.",
  actor: "Who (email starts with)",
  action: "What (action starts with, e.g. task. or connection.update)",
  since: "Since",
  apply: "Filter",
  empty: "No changes match.",
  columns: { at: "When", actor: "Who", action: "What", target: "On" },
};
