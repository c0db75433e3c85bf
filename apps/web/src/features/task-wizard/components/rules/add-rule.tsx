"use client";

import type { RuleType } from "@outflow/schemas/rules";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { RULE_SPECS, RULE_TYPES } from "./rule-specs";

/** Pick a rule type and append it. */
export function AddRule({ onAdd }: { onAdd: (rule: Record<string, unknown>) => void }) {
  const t = useTranslations("wizard");
  const [type, setType] = useState<RuleType>("filter");
  return (
    <div className="row">
      <label htmlFor="add-rule-type" className="field-label">
        {t("rulesStep.addLabel")}
      </label>
      <select id="add-rule-type" value={type} onChange={(e) => setType(e.target.value as RuleType)}>
        {RULE_TYPES.map((r) => (
          <option key={r} value={r}>
            {t(`ruleTypes.${r}.label`)} ({r})
          </option>
        ))}
      </select>
      <button type="button" onClick={() => onAdd(RULE_SPECS[type].make())}>
        {t("rulesStep.add")}
      </button>
    </div>
  );
}
