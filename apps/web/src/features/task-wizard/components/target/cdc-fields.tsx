"use client";

import { useTranslations } from "next-intl";
import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { FieldPathListField } from "../inputs/field-path-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";

const P = "sink.cdc";

/** CDC sync: change events (Debezium, Canal, Maxwell) become index/update/delete by primary key. */
export function CdcFields() {
  const t = useTranslations("wizard.cdc");
  const w = useWizard();
  return (
    <>
      <CheckboxToggle path={P} label={t("toggle")} make={() => ({ format: "debezium", primaryKey: [], delimiter: "_" })} />
      {w.get(P) !== undefined ? (
        <div className="subpanel inline-fields">
          <SelectField
            path={`${P}.format`}
            label={t("format")}
            choices={[
              { value: "debezium", label: "Debezium" },
              { value: "canal", label: "Canal" },
              { value: "maxwell", label: "Maxwell" },
            ]}
          />
          <FieldPathListField path={`${P}.primaryKey`} label={t("primaryKey")} placeholder="$.id" hint={t("primaryKeyHint")} />
          <TextField path={`${P}.delimiter`} label={t("delimiter")} mono />
        </div>
      ) : null}
    </>
  );
}
