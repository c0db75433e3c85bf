import type { PreviewRow } from "../preview/preview-schemas";
import type { WizardIssue } from "./wizard-issues";

/** A sampled message that fails, where and why. */
export type SampleFailure = { topic: string; partition: number; offset: string; stage: string; reason: string };

/**
 * What the review step says about a draft, from every step's problems and the preview of the sampled messages:
 * `invalid` cannot be saved; `all-fail` may be saved only after an explicit confirmation.
 */
export type ReviewVerdict =
  | { kind: "invalid"; issues: WizardIssue[] }
  | { kind: "all-fail"; failures: SampleFailure[] }
  | { kind: "valid"; sampled: number; failures: SampleFailure[] };

export function failureOf(row: PreviewRow): SampleFailure | null {
  const at = { topic: row.topic, partition: row.partition, offset: row.offset };
  if (row.failure?.kind === "failed") {
    return { ...at, stage: row.failure.stage ?? "unknown", reason: row.failure.reason ?? "" };
  }
  return row.result.kind === "failed" ? { ...at, stage: row.result.stage, reason: row.result.reason } : null;
}

export function reviewVerdict(issues: readonly WizardIssue[], rows: readonly PreviewRow[]): ReviewVerdict {
  if (issues.length > 0) {
    return { kind: "invalid", issues: [...issues] };
  }
  const failures = rows.map(failureOf).filter((f): f is SampleFailure => f !== null);
  if (rows.length > 0 && failures.length === rows.length) {
    return { kind: "all-fail", failures };
  }
  return { kind: "valid", sampled: rows.length, failures };
}

/** Whether the save button may send the draft. */
export const maySave = (v: ReviewVerdict, confirmedAllFail: boolean): boolean => v.kind === "valid" || (v.kind === "all-fail" && confirmedAllFail);
