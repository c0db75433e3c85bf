"use client";

import Link from "next/link";
import { useState } from "react";
import type { TaskView } from "@/features/tasks/task-schemas";
import { useSubmitWizard } from "../hooks/use-submit-wizard";
import type { WizardDraft } from "../wizard-draft";
import { STEPS, type StepId } from "../wizard-steps";
import { FailureStep } from "./steps/failure-step";
import { ParseStep } from "./steps/parse-step";
import { ReviewStep } from "./steps/review-step";
import { RulesStep } from "./steps/rules-step";
import { SourceStep } from "./steps/source-step";
import { TargetStep } from "./steps/target-step";
import { WizardIssueSummary } from "./wizard-issue-summary";
import { WizardStepsNav } from "./wizard-steps-nav";

/** The wizard's frame: steps on the left, the current step, Back / Next, and Save (+ start) on the last step. */
export function WizardForm({ task, saved, initialStep }: { task?: TaskView; saved?: WizardDraft; initialStep?: StepId }) {
  const [step, setStep] = useState<StepId>(initialStep ?? "source");
  const [start, setStart] = useState(task ? task.status === "failed" : true);
  const { submit, isSaving, serverMessage } = useSubmitWizard({ taskId: task?.id, saved, onStep: setStep });
  const index = STEPS.findIndex((s) => s.id === step);
  const prev = STEPS[index - 1];
  const next = STEPS[index + 1];
  const isEdit = task !== undefined;

  return (
    <>
      <div className="page-header">
        <Link href={task ? `/tasks/${task.id}` : "/tasks"} className="muted">
          {task ? `${task.name} /` : "Tasks /"}
        </Link>
        <h1>{isEdit ? "Edit task" : "New task"}</h1>
        {task && task.desiredState === "running" ? <span className="badge status-running">running: consumers restart with the new config</span> : null}
      </div>
      <WizardIssueSummary serverMessage={serverMessage} onGoTo={setStep} />
      <div className="wizard">
        <WizardStepsNav current={step} onSelect={setStep} />
        <div>
          {step === "source" ? <SourceStep /> : null}
          {step === "parse" ? <ParseStep /> : null}
          {step === "rules" ? <RulesStep /> : null}
          {step === "target" ? <TargetStep /> : null}
          {step === "failure" ? <FailureStep /> : null}
          {step === "review" ? <ReviewStep saved={saved} /> : null}
          <div className="wizard-nav">
            <div>
              {prev ? (
                <button type="button" onClick={() => setStep(prev.id)}>
                  ← Back
                </button>
              ) : null}
            </div>
            <div className="row">
              {next ? (
                <button type="button" className="primary" onClick={() => setStep(next.id)}>
                  Next: {next.label} →
                </button>
              ) : (
                <>
                  <label className="checkbox">
                    <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} />
                    {isEdit ? "Start the task after saving" : "Start the task after creating it"}
                  </label>
                  <button type="button" className="primary" disabled={isSaving} onClick={() => submit(start)}>
                    {isSaving ? "Saving…" : isEdit ? "Save changes" : "Create task"}
                  </button>
                </>
              )}
            </div>
          </div>
        </div>
      </div>
    </>
  );
}
