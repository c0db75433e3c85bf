"use client";

import { safeCompileTask } from "@outflow/pipeline";
import { useMemo } from "react";
import { JsonView } from "@/components/json-view";
import { useWizard } from "../../wizard-context";
import { patchBody, type WizardDraft } from "../../wizard-draft";

/** Step 6: the config as JSON (with defaults filled in once it is valid), and in edit mode the merge patch that is sent. */
export function ReviewStep({ saved }: { saved?: WizardDraft }) {
  const w = useWizard();
  const compiled = useMemo(() => safeCompileTask(w.draft.config), [w.draft.config]);
  const patch = saved ? patchBody(saved, w.draft) : null;
  return (
    <section className="panel" aria-label="Review">
      <h2>Review</h2>
      <dl className="kv" style={{ marginBottom: 12 }}>
        <dt>Name</dt>
        <dd>{w.draft.name || <span className="muted">(none)</span>}</dd>
        <dt>Validation</dt>
        <dd>
          {compiled.ok ? (
            <span className="badge ok">valid</span>
          ) : (
            <span className="badge err">
              {compiled.issues.length} problem{compiled.issues.length === 1 ? "" : "s"}
            </span>
          )}
        </dd>
      </dl>
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
