"use client";

import { DATE_SPLIT_FORMATS } from "@outflow/schemas/task-config";
import { useTranslations } from "next-intl";
import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { FieldPathField } from "../inputs/field-path-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";

const P = "sink.dateSplit";

/** Split by date: the index becomes <index>_<date> from a field or the Kafka timestamp. */
export function DateSplitFields() {
  const t = useTranslations("wizard.dateSplit");
  const w = useWizard();
  const on = w.get(P) !== undefined;
  const sourceType = (w.get(`${P}.source`) as { type?: string } | undefined)?.type;
  const windowed = w.get("sink.aggregation.window") !== undefined;
  return (
    <>
      <CheckboxToggle path={P} label={t("toggle")} make={() => ({ format: "yyyy.MM.dd", source: { type: "kafka_timestamp" }, timeZone: "UTC" })} />
      {on ? (
        <div className="subpanel inline-fields">
          <SelectField path={`${P}.format`} label={t("format")} choices={DATE_SPLIT_FORMATS.map((f) => ({ value: f, label: f }))} />
          <VariantSelectField
            path={`${P}.source`}
            label={t("source")}
            variants={[
              { value: "kafka_timestamp", label: t("kafkaTimestamp"), make: () => ({ type: "kafka_timestamp" }) },
              { value: "field", label: t("field"), make: () => ({ type: "field", field: "", format: "iso" }) },
              ...(windowed || sourceType === "window_start"
                ? [{ value: "window_start", label: t("windowStart"), make: () => ({ type: "window_start" }) }]
                : []),
            ]}
          />
          {sourceType === "field" ? (
            <>
              <FieldPathField path={`${P}.source.field`} label={t("dateField")} placeholder="$.ts" />
              <TextField path={`${P}.source.format`} label={t("fieldFormat")} mono hint={t("fieldFormatHint")} />
            </>
          ) : null}
          <TextField path={`${P}.timeZone`} label={t("timeZone")} mono hint={t("timeZoneHint")} />
        </div>
      ) : null}
    </>
  );
}
