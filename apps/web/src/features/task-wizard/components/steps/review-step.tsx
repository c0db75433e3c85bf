"use client";

import { safeCompileTask } from "@outflow/pipeline";
import type { DryRunReport } from "@outflow/schemas/api/dry-run";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Fragment, useMemo, useState } from "react";
import { JsonView } from "@/components/json-view";
import { connectionListOptions } from "@/features/connections/queries";
import { useReviewRows } from "../../hooks/use-review-verdict";
import { type ReviewCheck, reviewChecks } from "../../review-checks";
import { reviewSummary } from "../../review-summary";
import type { ReviewVerdict, SampleFailure } from "../../review-verdict";
import { useWizard } from "../../wizard-context";
import { patchBody, type WizardDraft } from "../../wizard-draft";
import { DryRunPanel } from "./dry-run-panel";

type Props = { taskId?: string; saved?: WizardDraft; verdict: ReviewVerdict; confirmedAllFail: boolean; onConfirmAllFail: (v: boolean) => void };

/**
 * Step 6: the task in words, step by step; every problem (which blocks saving) and warning (the sampled messages'
 * and the last dry run's failures, settings that cannot work together) at once; the dry run; in edit mode the merge
 * patch; and the config as JSON behind a toggle.
 */
export function ReviewStep({ taskId, saved, verdict, confirmedAllFail, onConfirmAllFail }: Props) {
  const t = useTranslations("wizard.review");
  const summaryT = useTranslations("wizard.summary");
  const checksT = useTranslations("wizard.checks");
  const w = useWizard();
  const compiled = useMemo(() => safeCompileTask(w.draft.config), [w.draft.config]);
  const connections = useQuery(connectionListOptions());
  const rows = useReviewRows();
  const configText = JSON.stringify(w.draft.config);
  // The last dry run counts only for the draft it ran on.
  const [dryRun, setDryRun] = useState<{ report: DryRunReport; of: string } | null>(null);
  const report = dryRun?.of === configText ? dryRun.report : null;
  const sections = useMemo(() => reviewSummary(w.draft, connections.data ?? [], rows, summaryT), [w.draft, connections.data, rows, summaryT]);
  const checks = useMemo(
    // When every sampled message fails, the box below lists each one: the warnings do not repeat them.
    () =>
      reviewChecks(
        { draft: w.draft, issues: verdict.kind === "invalid" ? verdict.issues : [], rows: verdict.kind === "all-fail" ? [] : rows, dryRun: report },
        checksT,
      ),
    [w.draft, verdict, rows, report, checksT],
  );
  const problems = checks.filter((c) => c.level === "problem");
  const warnings = checks.filter((c) => c.level === "warning");
  const patch = saved ? patchBody(saved, w.draft) : null;
  const policy = w.draft.config.failure?.policy ?? "retain";
  return (
    <section className="panel" aria-label={t("label")}>
      <h2>{t("title")}</h2>
      <dl className="kv" style={{ marginBottom: 12 }}>
        <dt>{t("validation")}</dt>
        <dd data-testid="review-validation">
          {verdict.kind === "invalid" ? (
            <span className="badge err">{t("problems", { n: verdict.issues.length })}</span>
          ) : verdict.kind === "all-fail" ? (
            <span className="badge err">{t("allFailBadge", { n: verdict.failures.length })}</span>
          ) : (
            <>
              <span className="badge ok">{t("valid")}</span>{" "}
              <span className="muted">
                {verdict.sampled === 0 ? t("noSamples") : t("sampled", { n: verdict.sampled, passing: verdict.sampled - verdict.failures.length })}
              </span>
            </>
          )}
          {warnings.length > 0 ? <span className="muted"> · {t("warnings", { n: warnings.length })}</span> : null}
        </dd>
      </dl>
      {problems.length > 0 ? <CheckList checks={problems} className="notice error" testId="review-problems" title={t("problemsTitle")} /> : null}
      {verdict.kind === "all-fail" ? (
        <div className="notice error" role="alert" data-testid="review-all-fail">
          <strong>{t("allFailTitle", { n: verdict.failures.length })}</strong>{" "}
          {policy === "discard" ? t("allFailDiscard") : policy === "dead_letter" ? t("allFailDeadLetter") : t("allFailRetain")}
          <FailureList failures={verdict.failures} />
          <label className="checkbox">
            <input type="checkbox" checked={confirmedAllFail} onChange={(e) => onConfirmAllFail(e.target.checked)} />
            {t("confirmAllFail")}
          </label>
        </div>
      ) : null}
      {warnings.length > 0 ? <CheckList checks={warnings} className="notice warn" testId="review-warnings" title={t("warningsTitle")} /> : null}
      <div data-testid="review-summary">
        {sections.map((s) => (
          <section key={s.title} aria-label={s.title} className="subpanel" style={{ marginTop: 8 }}>
            <h3>{s.title}</h3>
            <dl className="kv">
              {s.items.map((i) => (
                <Fragment key={i.label}>
                  <dt>{i.label}</dt>
                  <dd>{i.text}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
      {compiled.ok ? <DryRunPanel taskId={taskId} onReport={(r) => setDryRun({ report: r, of: configText })} /> : null}
      {patch ? (
        <>
          <h3>{t("patchTitle")}</h3>
          <JsonView value={patch} testId="review-patch" />
        </>
      ) : null}
      <details style={{ marginTop: 12 }}>
        <summary>{compiled.ok ? t("configWithDefaults") : t("configAsEntered")}</summary>
        <JsonView value={compiled.ok ? compiled.task.config : w.draft.config} testId="review-config" />
      </details>
    </section>
  );
}

function CheckList({ checks, className, testId, title }: { checks: ReviewCheck[]; className: string; testId: string; title: string }) {
  const steps = useTranslations("wizard.steps");
  return (
    <div className={className} data-testid={testId}>
      <strong>{title}</strong>
      <ul>
        {checks.map((c) => (
          <li key={`${c.step}:${c.field ?? ""}:${c.text}`}>
            <span className="muted">{steps(c.step)}</span>
            {c.field ? (
              <>
                {" · "}
                <code>{c.field}</code>
              </>
            ) : null}
            : {c.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FailureList({ failures }: { failures: SampleFailure[] }) {
  const t = useTranslations("wizard.review");
  return (
    <ul data-testid="review-failures">
      {failures.map((f) => (
        <li key={`${f.topic}:${f.partition}:${f.offset}`}>
          <code>{`${f.topic}[${f.partition}]@${f.offset}`}</code> {t("stage")} <strong>{f.stage}</strong>: {f.reason}
        </li>
      ))}
    </ul>
  );
}
