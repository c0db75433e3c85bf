"use client";

import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { FieldPathField } from "../inputs/field-path-field";
import { TextField } from "../inputs/text-field";
import { VariantSelectField } from "../inputs/variant-select-field";

const P = "sink.aggregation.window";

/** Tumbling windows: GROUP BY …, TUMBLE(time, INTERVAL …), with the window's start and end in each document. */
export function AggregationWindowFields() {
  const w = useWizard();
  const timeType = (w.get(`${P}.time`) as { type?: string } | undefined)?.type;
  return (
    <>
      <CheckboxToggle
        path={P}
        label="Tumbling windows (one document per group and window)"
        make={() => ({ size: "1m", time: { type: "kafka_timestamp" }, timeZone: "UTC" })}
      />
      {w.get(P) !== undefined ? (
        <div className="subpanel inline-fields" data-testid="aggregation-window">
          <TextField path={`${P}.size`} label="Window size" mono hint="1s to 1d: 30s, 1m, 5m, 1h, 1d" />
          <VariantSelectField
            path={`${P}.time`}
            label="Time from"
            variants={[
              { value: "kafka_timestamp", label: "The Kafka timestamp", make: () => ({ type: "kafka_timestamp" }) },
              { value: "field", label: "A message field", make: () => ({ type: "field", field: "", format: "iso" }) },
            ]}
          />
          {timeType === "field" ? (
            <>
              <FieldPathField path={`${P}.time.field`} label="Time field" placeholder="$.ts" />
              <TextField path={`${P}.time.format`} label="Field format" mono hint="iso, epoch_millis, epoch_seconds or yyyy-MM-dd HH:mm:ss" />
            </>
          ) : null}
          <TextField path={`${P}.timeZone`} label="Time zone" mono hint="Windows follow its wall clock (IANA name or offset)" />
          <TextField path={`${P}.startAs`} label="Start field" mono optional placeholder="window_start" />
          <TextField path={`${P}.endAs`} label="End field" mono optional placeholder="window_end" />
        </div>
      ) : null}
    </>
  );
}
