"use client";

import { safeCompileTask } from "@outflow/pipeline";
import { useMemo } from "react";
import { JsonView } from "@/components/json-view";
import { reviewMessages as m } from "../../review-messages";
import type { ReviewVerdict, SampleFailure } from "../../review-verdict";
import { useWizard } from "../../wizard-context";
import { patchBody, type WizardDraft } from "../../wizard-draft";
import { DryRunPanel } from "./dry-run-panel";

type Props = { taskId?: string; saved?: WizardDraft; verdict: ReviewVerdict; confirmedAllFail: boolean; onConfirmAllFail: (v: boolean) => void };

/**
 * Step 6: whether the task can be saved (every step's problems and the sampled messages through the whole
 * pipeline), the config as JSON (with defaults filled in once it is valid), and in edit mode the merge patch.
 */
export function ReviewStep({ taskId, saved, verdict, confirmedAllFail, onConfirmAllFail }: Props) {
  const w = useWizard();
  const compiled = useMemo(() => safeCompileTask(w.draft.config), [w.draft.config]);
  const patch = saved ? patchBody(saved, w.draft) : null;
  const policy = w.draft.config.failure?.policy ?? "retain";
  return (
    <section className="panel" aria-label="Review">
      <h2>Review</h2>
      <dl className="kv" style={{ marginBottom: 12 }}>
        <dt>Name</dt>
        <dd>{w.draft.name || <span className="muted">(none)</span>}</dd>
        <dt>{m.validation}</dt>
        <dd data-testid="review-validation">
          {verdict.kind === "invalid" ? (
            <span className="badge err">{m.problems(verdict.issues.length)}</span>
          ) : verdict.kind === "all-fail" ? (
            <span className="badge err">{m.allFailBadge(verdict.failures.length)}</span>
          ) : (
            <>
              <span className="badge ok">{m.valid}</span> <span className="muted">{m.sampled(verdict.sampled, verdict.failures.length)}</span>
            </>
          )}
        </dd>
      </dl>
      {verdict.kind === "invalid" ? (
        <ul className="notice error" data-testid="review-problems">
          {verdict.issues.map((i) => (
            <li key={`${i.field}:${i.message}`}>
              {i.field ? <code>{i.field}</code> : null} {i.message}
            </li>
          ))}
        </ul>
      ) : null}
      {verdict.kind === "all-fail" ? (
        <div className="notice error" role="alert" data-testid="review-all-fail">
          <strong>{m.allFailTitle(verdict.failures.length)}</strong> {m.allFailPolicy(policy)}
          <FailureList failures={verdict.failures} />
          <label className="checkbox">
            <input type="checkbox" checked={confirmedAllFail} onChange={(e) => onConfirmAllFail(e.target.checked)} />
            {m.confirmAllFail}
          </label>
        </div>
      ) : null}
      {verdict.kind === "valid" && verdict.failures.length > 0 ? (
        <div className="notice warn" data-testid="review-some-fail">
          <strong>{m.someFail(verdict.failures.length)}</strong>
          <FailureList failures={verdict.failures} />
        </div>
      ) : null}
      {compiled.ok ? <DryRunPanel taskId={taskId} /> : null}
      {patch ? (
        <>
          <h3>Changes sent (JSON merge patch)</h3>
          <JsonView value={patch} testId="review-patch" />
        </>
      ) : null}
      <h3 style={{ marginTop: 12 }}>{compiled.ok ? "Config (with defaults)" : "Config (as entered)"}</h3>
      <JsonView value={compiled.ok ? compiled.task.config : w.draft.config} testId="review-config" />
    </section>
  );
}

function FailureList({ failures }: { failures: SampleFailure[] }) {
  return (
    <ul data-testid="review-failures">
      {failures.map((f) => (
        <li key={`${f.topic}:${f.partition}:${f.offset}`}>
          <code>{m.at(f.topic, f.partition, f.offset)}</code> {m.stage} <strong>{f.stage}</strong>: {f.reason}
        </li>
      ))}
    </ul>
  );
}
