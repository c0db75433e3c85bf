"use client";

import type { RuleType } from "@outflow/schemas/rules";
import { useTranslations } from "next-intl";
import type { PreviewRow } from "@/features/preview/preview-schemas";
import { useWizard } from "../../wizard-context";
import { RuleFields } from "./rule-fields";
import { RULE_SPECS } from "./rule-specs";

/** One rule: its form, move up/down, remove, and what it did to the previewed message. */
export function RuleCard({
  index,
  count,
  row,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  row: PreviewRow | undefined;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}) {
  const t = useTranslations("wizard");
  const w = useWizard();
  const type = (w.get(`rules.${index}`) as { type?: string } | undefined)?.type as RuleType;
  const spec = RULE_SPECS[type];
  const n = index + 1;
  const name = spec ? t(`ruleTypes.${type}.label`) : type;
  return (
    <article className="rule-card" aria-label={t("ruleCard.label", { n, type: name })} data-testid={`rule-${n}`}>
      <header>
        <span className="badge">{n}</span>
        <span className="title">
          {name} <span className="muted small mono">{type}</span>
        </span>
        <button type="button" className="icon" aria-label={t("ruleCard.moveUp", { n })} disabled={index === 0} onClick={() => onMove(index, index - 1)}>
          ↑
        </button>
        <button
          type="button"
          className="icon"
          aria-label={t("ruleCard.moveDown", { n })}
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
        >
          ↓
        </button>
        <button type="button" className="icon danger" aria-label={t("ruleCard.remove", { n })} onClick={() => onRemove(index)}>
          ✕
        </button>
      </header>
      <div className="body">
        {spec ? (
          <p className="muted small" style={{ marginTop: 0 }}>
            {t(`ruleTypes.${type}.description`)}
          </p>
        ) : null}
        <RuleFields index={index} />
        <RuleOutcome n={n} type={type} row={row} />
      </div>
    </article>
  );
}

/** For the previewed message: the record after this rule, or how this rule stopped it. */
function RuleOutcome({ n, type, row }: { n: number; type: string; row: PreviewRow | undefined }) {
  const t = useTranslations("wizard.ruleCard");
  if (!row) {
    return null;
  }
  const step = row.steps.find((s) => s.step === `rule ${n} ${type}`);
  const failedHere = row.result.kind === "failed" && row.result.stage === "rule" && row.result.reason.startsWith(`rule ${n} (`);
  if (failedHere && row.result.kind === "failed") {
    return (
      <div className="notice error small" data-testid={`rule-${n}-outcome`}>
        {t("failsHere", { reason: row.result.reason })}
      </div>
    );
  }
  if (!step) {
    return (
      <p className="muted small" data-testid={`rule-${n}-outcome`}>
        {t("notReached")}
      </p>
    );
  }
  return (
    <details data-testid={`rule-${n}-outcome`}>
      <summary className="small">{step.outcome ? <span className="badge warn">{step.outcome}</span> : t("recordAfter")}</summary>
      <pre>{JSON.stringify(step.record, null, 2)}</pre>
    </details>
  );
}
