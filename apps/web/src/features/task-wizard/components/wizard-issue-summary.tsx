"use client";

import { useTranslations } from "next-intl";
import { useWizard } from "../wizard-context";
import { type StepId, stepOf } from "../wizard-steps";

/** All problems at the top, each with a link to its step; the server's answer is named as such. */
export function WizardIssueSummary({ serverMessage, onGoTo }: { serverMessage: string | null; onGoTo: (s: StepId) => void }) {
  const w = useWizard();
  const t = useTranslations("wizard.issues");
  const steps = useTranslations("wizard.steps");
  if (!serverMessage && w.issues.length === 0) {
    return null;
  }
  return (
    <div className="notice error" role="alert" data-testid="wizard-issues">
      <strong>{serverMessage ? t("notSaved", { message: serverMessage }) : t("fixThese")}</strong>
      {w.issues.length > 0 ? (
        <ul>
          {w.issues.map((i) => (
            <li key={`${i.origin}:${i.field}:${i.message}`}>
              {i.origin === "server" ? <span className="badge err">{t("server")}</span> : null} {i.field ? <code>{i.field}</code> : null} {i.message}{" "}
              <button type="button" className="link" onClick={() => onGoTo(stepOf(i.field))}>
                {t("goTo", { step: steps(stepOf(i.field)) })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
