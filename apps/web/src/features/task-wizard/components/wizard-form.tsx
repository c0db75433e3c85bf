"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { FocusableButton } from "@/components/focusable-button";
import type { TaskView } from "@/features/tasks/task-schemas";
import { draftKey, sameDraft, saveDraft } from "../draft-storage";
import { useLeaveGuard } from "../hooks/use-leave-guard";
import { useReviewVerdict } from "../hooks/use-review-verdict";
import { useSubmitWizard } from "../hooks/use-submit-wizard";
import { maySave } from "../review-verdict";
import { useWizard } from "../wizard-context";
import type { WizardDraft } from "../wizard-draft";
import { STEPS, type StepId, stepOf } from "../wizard-steps";
import { LeaveDialog } from "./leave-dialog";
import { FailureStep } from "./steps/failure-step";
import { ParseStep } from "./steps/parse-step";
import { ReviewStep } from "./steps/review-step";
import { RulesStep } from "./steps/rules-step";
import { SourceStep } from "./steps/source-step";
import { TargetStep } from "./steps/target-step";
import { WizardIssueSummary } from "./wizard-issue-summary";
import { WizardStepsNav } from "./wizard-steps-nav";

/** The wizard's frame: steps on the left, the current step, Back / Next, and Save (+ start) on the last step. */
type Props = { task?: TaskView; saved?: WizardDraft; baseline: WizardDraft; initialStep?: StepId; restored: boolean };

export function WizardForm({ task, saved, baseline, initialStep, restored }: Props) {
  const [step, setStep] = useState<StepId>(initialStep ?? "source");
  const [start, setStart] = useState(task ? task.status === "failed" : true);
  const t = useTranslations("wizard.form");
  const steps = useTranslations("wizard.steps");
  const w = useWizard();
  const verdict = useReviewVerdict();
  const [confirmedAllFail, setConfirmedAllFail] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const key = draftKey(task?.id);
  const dirty = !sameDraft(w.draft, baseline);
  const [leaving, setLeaving] = useState(false);
  const { submit, isSaving, serverMessage } = useSubmitWizard({
    taskId: task?.id,
    saved,
    onStep: setStep,
    onSaved: () => {
      setLeaving(true);
      window.sessionStorage.removeItem(key);
    },
  });
  const leaveGuard = useLeaveGuard(dirty && !leaving, key);
  // The draft and its step survive a reload of this tab (until saved).
  useEffect(() => {
    if (leaving) {
      return;
    }
    if (dirty) {
      saveDraft(window.sessionStorage, key, { draft: w.draft, step, baseVersion: task?.configVersion ?? null });
    } else {
      window.sessionStorage.removeItem(key);
    }
  }, [dirty, leaving, key, w.draft, step, task?.configVersion]);
  // Each step opens at its top (not where the previous, maybe longer, step was scrolled to), with focus on its heading
  // (or on the field a blocked Create points at), and is announced: "Step 2 of 6: Parse".
  const shownStep = useRef(step);
  const stepArea = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [announced, setAnnounced] = useState("");
  useEffect(() => {
    if (shownStep.current !== step) {
      shownStep.current = step;
      window.scrollTo({ top: 0 });
      setAnnounced(t("stepAnnouncement", { n: STEPS.findIndex((s) => s.id === step) + 1, total: STEPS.length, step: steps(step) }));
      setFocusRequest((r) => r ?? { to: "heading" });
    }
  }, [step, t, steps]);
  useEffect(() => {
    if (focusRequest) {
      setFocusRequest(null);
      focusWithin(stepArea.current, focusRequest);
    }
  }, [focusRequest]);
  // Nothing is sent while a step has a problem, nor (unconfirmed) when every sampled message fails.
  const trySubmit = () => {
    if (maySave(verdict, confirmedAllFail)) {
      setBlocked(null);
      submit(start);
      return;
    }
    setBlocked(verdict.kind === "invalid" ? t("blockedInvalid") : t("blockedAllFail"));
    if (verdict.kind === "invalid") {
      w.showAllIssues();
      const first = verdict.issues[0];
      if (first) {
        setStep(stepOf(first.field));
        setFocusRequest({ to: "field", field: first.field });
        return;
      }
    }
    setFocusRequest({ to: "blocked" });
  };
  const index = STEPS.findIndex((s) => s.id === step);
  const prev = STEPS[index - 1];
  const next = STEPS[index + 1];
  const isEdit = task !== undefined;

  return (
    <>
      <div className="page-header">
        <Link href={task ? `/tasks/${task.id}` : "/tasks"} className="muted">
          {task ? t("taskCrumb", { name: task.name }) : t("tasksCrumb")}
        </Link>
        <h1>{isEdit ? t("editTask") : t("newTask")}</h1>
        {task && task.desiredState === "running" ? <span className="badge status-running">{t("runningBadge")}</span> : null}
      </div>
      {restored && dirty ? (
        <div className="notice info" data-testid="draft-restored">
          {t("restored")}{" "}
          <button type="button" className="link" onClick={leaveGuard.startOver}>
            {t("discardDraft")}
          </button>
        </div>
      ) : null}
      <LeaveDialog guard={leaveGuard} />
      <WizardIssueSummary serverMessage={serverMessage} onGoTo={setStep} />
      <p className="visually-hidden" aria-live="polite" data-testid="step-announcement">
        {announced}
      </p>
      <div className="wizard">
        <WizardStepsNav current={step} onSelect={setStep} />
        <div ref={stepArea}>
          {step === "source" ? <SourceStep /> : null}
          {step === "parse" ? <ParseStep /> : null}
          {step === "rules" ? <RulesStep /> : null}
          {step === "target" ? <TargetStep /> : null}
          {step === "failure" ? <FailureStep /> : null}
          {step === "review" ? (
            <ReviewStep taskId={task?.id} saved={saved} verdict={verdict} confirmedAllFail={confirmedAllFail} onConfirmAllFail={setConfirmedAllFail} />
          ) : null}
          <div className="wizard-nav">
            <div>
              {prev ? (
                <button type="button" onClick={() => setStep(prev.id)}>
                  {t("back")}
                </button>
              ) : null}
            </div>
            <div className="row">
              {next ? (
                <button type="button" className="primary" onClick={() => setStep(next.id)}>
                  {t("next", { step: steps(next.id) })}
                </button>
              ) : (
                <>
                  <label className="checkbox">
                    <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} />
                    {isEdit ? t("startAfterSaving") : t("startAfterCreating")}
                  </label>
                  {blocked && !maySave(verdict, confirmedAllFail) ? (
                    <span className="field-error" role="status" data-testid="save-blocked" tabIndex={-1}>
                      {blocked}
                    </span>
                  ) : null}
                  <FocusableButton className="primary" disabled={isSaving} onClick={trySubmit}>
                    {isSaving ? t("saving") : isEdit ? t("saveChanges") : t("createTask")}
                  </FocusableButton>
                </>
              )}
            </div>
          </div>
        </div>
      </div>
    </>
  );
}

/** Where focus goes once a step has rendered: its heading, the field a blocked Create points at, or the blocked note. */
type FocusRequest = { to: "heading" } | { to: "field"; field: string } | { to: "blocked" };

const CONTROL = "input:not([type=hidden]), select, textarea, button";

function focusWithin(area: HTMLElement | null, request: FocusRequest): void {
  if (!area) {
    return;
  }
  const target =
    request.to === "field"
      ? (area.querySelector<HTMLElement>(`[data-field="${CSS.escape(request.field)}"]`)?.querySelector<HTMLElement>(CONTROL) ??
        document.querySelector<HTMLElement>('[data-testid="wizard-issues"]'))
      : request.to === "blocked"
        ? area.querySelector<HTMLElement>('[data-testid="save-blocked"]')
        : area.querySelector<HTMLElement>("h2");
  if (!target) {
    return;
  }
  if (request.to !== "field" && !target.hasAttribute("tabindex")) {
    target.tabIndex = -1;
  }
  if (target.dataset.testid === "wizard-issues" && !target.hasAttribute("tabindex")) {
    target.tabIndex = -1;
  }
  target.focus();
}
