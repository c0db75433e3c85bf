"use client";

import { useTranslations } from "next-intl";
import { useRef } from "react";
import { useServerPreview } from "../../hooks/use-preview";
import { useSamples } from "../../hooks/use-samples";
import { useWizard } from "../../wizard-context";
import { AddRule } from "../rules/add-rule";
import { RuleCard } from "../rules/rule-card";
import { RulesPreview } from "../rules/rules-preview";

let nextKey = 0;
const newKey = () => `r${nextKey++}`;

/** Step 3: the ordered rule list, with the server's preview after each step for the sampled messages. */
export function RulesStep() {
  const t = useTranslations("wizard.rulesStep");
  const w = useWizard();
  const rules = (w.get("rules") as Record<string, unknown>[] | undefined) ?? [];
  // Stable React keys that follow the rules when they move (inputs keep their own typing state).
  const keys = useRef<string[]>([]);
  while (keys.current.length < rules.length) {
    keys.current.push(newKey());
  }
  keys.current.length = rules.length;

  const samples = useSamples();
  const preview = useServerPreview(samples.samples, "all");
  const row = preview.issues.length === 0 ? preview.rows[samples.index] : undefined;

  const move = (from: number, to: number) => {
    const next = [...rules];
    const [r] = next.splice(from, 1);
    next.splice(to, 0, r as Record<string, unknown>);
    const k = [...keys.current];
    const [kk] = k.splice(from, 1);
    k.splice(to, 0, kk as string);
    keys.current = k;
    w.set("rules", next, { touch: false });
  };
  const remove = (index: number) => {
    keys.current = keys.current.filter((_, i) => i !== index);
    w.set(
      "rules",
      rules.filter((_, i) => i !== index),
      { touch: false },
    );
  };
  const add = (rule: Record<string, unknown>) => {
    keys.current = [...keys.current, newKey()];
    w.set("rules", [...rules, rule], { touch: false });
  };

  const listErrors = w.messagesAt("rules");
  return (
    <div className="grid-2">
      <section aria-label={t("label")}>
        <div className="panel">
          <h2>{t("title")}</h2>
          <p className="muted" style={{ marginTop: 0 }}>
            {t("intro")}
          </p>
          <AddRule onAdd={add} />
          {listErrors.map((e) => (
            <div key={e.message} className="field-error" data-field-error="rules" data-origin={e.origin}>
              {e.message}
            </div>
          ))}
        </div>
        {rules.length === 0 ? <p className="muted">{t("none")}</p> : null}
        {rules.map((_, i) => (
          <RuleCard key={keys.current[i]} index={i} count={rules.length} row={row} onMove={move} onRemove={remove} />
        ))}
      </section>
      <RulesPreview samples={samples} preview={preview} row={row} />
    </div>
  );
}
