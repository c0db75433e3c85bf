"use client";

import type { RuleType } from "@outflow/schemas/rules";
import { useState } from "react";
import { RULE_SPECS, RULE_TYPES } from "./rule-specs";

/** Pick a rule type and append it. */
export function AddRule({ onAdd }: { onAdd: (rule: Record<string, unknown>) => void }) {
  const [type, setType] = useState<RuleType>("filter");
  return (
    <div className="row">
      <label htmlFor="add-rule-type" className="field-label">
        Add a rule
      </label>
      <select id="add-rule-type" value={type} onChange={(e) => setType(e.target.value as RuleType)}>
        {RULE_TYPES.map((t) => (
          <option key={t} value={t}>
            {RULE_SPECS[t].label} ({t})
          </option>
        ))}
      </select>
      <button type="button" onClick={() => onAdd(RULE_SPECS[type].make())}>
        Add rule
      </button>
    </div>
  );
}
