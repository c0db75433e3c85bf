"use client";

import { DATE_SPLIT_FORMATS } from "@outflow/schemas/task-config";
import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { FieldPathField } from "../inputs/field-path-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";

const P = "sink.dateSplit";

/** Split by date: the index becomes <index>_<date> from a field or the Kafka timestamp. */
export function DateSplitFields() {
  const w = useWizard();
  const on = w.get(P) !== undefined;
  const sourceType = (w.get(`${P}.source`) as { type?: string } | undefined)?.type;
  const windowed = w.get("sink.aggregation.window") !== undefined;
  return (
    <>
      <CheckboxToggle
        path={P}
        label="Split by date (index becomes <index>_<date>)"
        make={() => ({ format: "yyyy.MM.dd", source: { type: "kafka_timestamp" }, timeZone: "UTC" })}
      />
      {on ? (
        <div className="subpanel inline-fields">
          <SelectField path={`${P}.format`} label="Date format" choices={DATE_SPLIT_FORMATS.map((f) => ({ value: f, label: f }))} />
          <VariantSelectField
            path={`${P}.source`}
            label="Date from"
            variants={[
              { value: "kafka_timestamp", label: "The Kafka timestamp", make: () => ({ type: "kafka_timestamp" }) },
              { value: "field", label: "A message field", make: () => ({ type: "field", field: "", format: "iso" }) },
              ...(windowed || sourceType === "window_start"
                ? [{ value: "window_start", label: "The window start (windowed aggregation)", make: () => ({ type: "window_start" }) }]
                : []),
            ]}
          />
          {sourceType === "field" ? (
            <>
              <FieldPathField path={`${P}.source.field`} label="Date field" placeholder="$.ts" />
              <TextField path={`${P}.source.format`} label="Field format" mono hint="iso, epoch_millis, epoch_seconds or yyyy-MM-dd HH:mm:ss" />
            </>
          ) : null}
          <TextField path={`${P}.timeZone`} label="Time zone" mono hint="IANA name (Europe/Paris) or offset (+08:00)" />
        </div>
      ) : null}
    </>
  );
}
