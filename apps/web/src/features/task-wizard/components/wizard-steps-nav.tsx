"use client";

import { useTranslations } from "next-intl";
import { useWizard } from "../wizard-context";
import { STEPS, type StepId, stepOf } from "../wizard-steps";

/** The steps, each with the number of problems shown on it; any step can be opened. */
export function WizardStepsNav({ current, onSelect }: { current: StepId; onSelect: (s: StepId) => void }) {
  const w = useWizard();
  const t = useTranslations("wizard");
  const counts = new Map<StepId, number>();
  for (const i of w.issues) {
    const s = stepOf(i.field);
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return (
    <ol className="steps" aria-label={t("stepsNav.label")}>
      {STEPS.map((s, i) => (
        <li key={s.id}>
          <button type="button" aria-current={s.id === current ? "step" : undefined} onClick={() => onSelect(s.id)}>
            <span>
              {i + 1}. {t(`steps.${s.id}`)}
            </span>
            {counts.get(s.id) ? <span className="count">{counts.get(s.id)}</span> : null}
          </button>
        </li>
      ))}
    </ol>
  );
}
