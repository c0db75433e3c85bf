"use client";

import type { ConditionOp } from "@outflow/schemas/rules";
import { ConditionOp as ConditionOps } from "@outflow/schemas/rules";
import { useTranslations } from "next-intl";
import { useWizard } from "../../wizard-context";
import { CheckboxField } from "../inputs/checkbox-field";
import { FieldPathField } from "../inputs/field-path-field";
import { JsonValueField } from "../inputs/json-value-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";

const NO_VALUE: ConditionOp[] = ["exists", "not_exists"];
const TEXT_VALUE: ConditionOp[] = ["contains", "regex"];

/** A filter's conditions: field, operator, value (as the operator needs), case-insensitivity. */
export function ConditionList({ path }: { path: string }) {
  const t = useTranslations("wizard.conditions");
  const w = useWizard();
  const conditions = (w.get(path) as Record<string, unknown>[] | undefined) ?? [];
  const listErrors = w.messagesAt(path);
  return (
    <fieldset>
      <legend>{t("legend")}</legend>
      {conditions.map((c, i) => {
        const at = `${path}.${i}`;
        const op = c.op as ConditionOp;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own; their index is their path
          <div key={i} className="condition-row" data-testid={`condition-${i}`}>
            <FieldPathField path={`${at}.field`} label={t("field")} placeholder="$.level" />
            <SelectField path={`${at}.op`} label={t("operator")} choices={ConditionOps.options.map((o) => ({ value: o, label: t(`ops.${o}`) }))} />
            {NO_VALUE.includes(op) ? (
              <span />
            ) : TEXT_VALUE.includes(op) ? (
              <TextField path={`${at}.value`} label={t("value")} mono />
            ) : (
              <JsonValueField path={`${at}.value`} label={t("value")} hint="" />
            )}
            <div className="checkbox-cell">{NO_VALUE.includes(op) ? null : <CheckboxField path={`${at}.caseInsensitive`} label={t("ignoreCase")} />}</div>
            <button
              type="button"
              className="icon remove"
              aria-label={t("remove", { n: i + 1 })}
              onClick={() =>
                w.set(
                  path,
                  conditions.filter((_, j) => j !== i),
                )
              }
            >
              ✕
            </button>
          </div>
        );
      })}
      {listErrors.map((e) => (
        <div key={e.message} className="field-error" data-field-error={path} data-origin={e.origin}>
          {e.message}
        </div>
      ))}
      <p className="hint small muted">{t("valuesHint")}</p>
      <button type="button" onClick={() => w.set(path, [...conditions, { field: "", op: "equals", value: "" }], { touch: false })}>
        {t("add")}
      </button>
    </fieldset>
  );
}
