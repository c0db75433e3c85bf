"use client";

import { useTranslations } from "next-intl";
import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { FieldPathField } from "../inputs/field-path-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";

const P = "sink.aggregation.window";

/** Tumbling windows: GROUP BY …, TUMBLE(time, INTERVAL …), with the window's start and end in each document. */
export function AggregationWindowFields() {
  const t = useTranslations("wizard.window");
  const w = useWizard();
  const timeType = (w.get(`${P}.time`) as { type?: string } | undefined)?.type;
  return (
    <>
      <CheckboxToggle path={P} label={t("toggle")} make={() => ({ size: "1m", time: { type: "kafka_timestamp" }, timeZone: "UTC" })} />
      {w.get(P) !== undefined ? (
        <div className="subpanel inline-fields" data-testid="aggregation-window">
          <TextField path={`${P}.size`} label={t("size")} mono hint={t("sizeHint")} />
          <VariantSelectField
            path={`${P}.time`}
            label={t("timeFrom")}
            variants={[
              { value: "kafka_timestamp", label: t("kafkaTimestamp"), make: () => ({ type: "kafka_timestamp" }) },
              { value: "field", label: t("field"), make: () => ({ type: "field", field: "", format: "iso" }) },
            ]}
          />
          {timeType === "field" ? (
            <>
              <FieldPathField path={`${P}.time.field`} label={t("timeField")} placeholder="$.ts" />
              <TextField path={`${P}.time.format`} label={t("fieldFormat")} mono hint={t("fieldFormatHint")} />
            </>
          ) : null}
          <TextField path={`${P}.timeZone`} label={t("timeZone")} mono hint={t("timeZoneHint")} />
          <TextField path={`${P}.startAs`} label={t("startAs")} mono optional placeholder="window_start" />
          <TextField path={`${P}.endAs`} label={t("endAs")} mono optional placeholder="window_end" />
        </div>
      ) : null}
    </>
  );
}
