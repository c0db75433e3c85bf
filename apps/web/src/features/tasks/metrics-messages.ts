import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";

/** The metric cards' and the task list's text (one object per feature, for translations later). */
export const metricsMessages = {
  throughput: `Throughput (last ${RATE_WINDOW_SECONDS} s)`,
  discarded: "Discarded",
  discardedHint: "skipped by the discard policy",
  failed: "Retained now",
  failedHint: "held by the retain policy, not yet settled",
  throughputTitle: `Messages per second settled over the last ${RATE_WINDOW_SECONDS} seconds`,
} as const;
