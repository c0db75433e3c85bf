/** The review step's text (one object per feature, for translations later). */
export const reviewMessages = {
  validation: "Validation",
  valid: "valid",
  problems: (n: number) => `${n} problem${n === 1 ? "" : "s"}: cannot be saved until fixed`,
  problemsTitle: "Fix these first (nothing is saved until then):",
  warnings: (n: number) => `${n} warning${n === 1 ? "" : "s"}`,
  warningsTitle: "Can be saved, but:",
  patchTitle: "Changes sent (JSON merge patch)",
  configWithDefaults: "Config as JSON (with defaults)",
  configAsEntered: "Config as JSON (as entered)",
  sampled: (n: number, failing: number) =>
    n === 0 ? "no sampled messages to try" : `${n - failing} of ${n} sampled message${n === 1 ? "" : "s"} pass the whole pipeline`,
  allFailBadge: (n: number) => `all ${n} sampled messages fail`,
  allFailTitle: (n: number) => `Every sampled message (${n} of ${n}) fails:`,
  allFailPolicy: (policy: string) =>
    policy === "discard"
      ? "Under the discard policy each such message would be thrown away."
      : policy === "dead_letter"
        ? "Under the dead-letter policy each such message would go to the dead-letter topic."
        : "Under the retain policy the task would stop at the first one.",
  confirmAllFail: "I understand every sampled message fails; save anyway",
  someFail: (n: number) => `${n} sampled message${n === 1 ? "" : "s"} fail${n === 1 ? "s" : ""}:`,
  at: (topic: string, partition: number, offset: string) => `${topic}[${partition}]@${offset}`,
  stage: "stage",
  noSampleParses: (n: number, reason: string) => `None of the ${n} sampled messages parse with this pattern: ${reason}`,
  blockedInvalid: "Fix the problems above first: nothing was sent.",
  blockedAllFail: "Confirm below that you want to save a task whose sampled messages all fail.",
} as const;
