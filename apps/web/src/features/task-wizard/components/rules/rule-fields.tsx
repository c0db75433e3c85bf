"use client";

import type { RuleType } from "@outflow/schemas/rules";
import { useTranslations } from "next-intl";
import { useWizard } from "../../wizard-context";
import { CheckboxField } from "../inputs/checkbox-field";
import { FieldPathField, FieldPathListField } from "../inputs/field-path-field";
import { JsonValueField } from "../inputs/json-value-field";
import { NumberField } from "../inputs/number-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";
import { FormatFields } from "../steps/format-fields";
import { ConditionList } from "./condition-list";
import { RULE_SPECS, type RuleFieldSpec } from "./rule-specs";

/** The form of one rule, from its type's spec. */
export function RuleFields({ index }: { index: number }) {
  const t = useTranslations("wizard.ruleCard");
  const w = useWizard();
  const base = `rules.${index}`;
  const rule = (w.get(base) ?? {}) as Record<string, unknown>;
  const spec = RULE_SPECS[rule.type as RuleType];
  if (!spec) {
    return <p className="field-error">{t("unknownType", { type: String(rule.type) })}</p>;
  }
  const shown = spec.fields.filter((f) => !f.when || f.when(rule));
  const wide = shown.filter((f) => f.kind === "conditions" || f.kind === "format");
  const small = shown.filter((f) => !wide.includes(f));
  return (
    <>
      <div className="inline-fields">
        {small.map((f) => (
          <RuleInput key={f.key} path={`${base}.${f.key}`} spec={f} />
        ))}
      </div>
      {wide.map((f) => (
        <RuleInput key={f.key} path={`${base}.${f.key}`} spec={f} />
      ))}
    </>
  );
}

function RuleInput({ path, spec }: { path: string; spec: RuleFieldSpec }) {
  const t = useTranslations("wizard.ruleFields");
  const label = t(`labels.${spec.label}`);
  const hint = spec.hint ? t(`hints.${spec.hint}`) : undefined;
  switch (spec.kind) {
    case "path":
      return <FieldPathField path={path} label={label} hint={hint} optional={spec.optional} />;
    case "text":
      return <TextField path={path} label={label} hint={hint} optional={spec.optional} mono />;
    case "number":
      return <NumberField path={path} label={label} hint={hint} min={0} />;
    case "bool":
      return <CheckboxField path={path} label={label} defaultValue={spec.defaultValue} />;
    case "select":
      return (
        <SelectField
          path={path}
          label={label}
          hint={hint}
          choices={(spec.choices ?? []).map((c) => ({ value: c.value, label: c.label ? t(`choices.${c.label}`) : c.value }))}
        />
      );
    case "list":
      return <FieldPathListField path={path} label={label} hint={t(`hints.${spec.hint ?? "list"}`)} placeholder="$.a, $.b" />;
    case "json":
      return <JsonValueField path={path} label={label} hint={hint} />;
    case "format":
      return (
        <div className="subpanel">
          <FormatFields path={path} label={label} />
        </div>
      );
    case "conditions":
      return <ConditionList path={path} />;
    default:
      return null;
  }
}
