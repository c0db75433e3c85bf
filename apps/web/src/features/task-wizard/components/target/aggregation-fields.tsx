"use client";

import { AGGREGATION_FUNCTIONS } from "@outflow/schemas/task-config";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/form-field";
import { SAMPLE_FIELD_PATHS_LIST } from "@/features/preview/components/sample-field-paths";
import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { fieldId } from "../inputs/field-id";
import { FieldPathField } from "../inputs/field-path-field";
import { SelectField } from "../inputs/select-field";
import { TextField } from "../inputs/text-field";
import { AggregationWindowFields } from "./aggregation-window-fields";

const P = "sink.aggregation";
const OPS = ["sum", "min", "max"] as const;

type Group = string | { field: string; as: string };
type Metric = { fn?: string; field?: string; as?: string; ops?: string[] };

/** Aggregation: one document per group (and window), like SELECT g AS …, count(*) AS …, avg(x) AS … GROUP BY g. */
export function AggregationFields() {
  const t = useTranslations("wizard.aggregation");
  const w = useWizard();
  const groups = (w.get(`${P}.groupBy`) as Group[] | undefined) ?? [];
  const metrics = (w.get(`${P}.metrics`) as Metric[] | undefined) ?? [];
  return (
    <>
      <CheckboxToggle path={P} label={t("toggle")} make={() => ({ groupBy: [""], metrics: [{ fn: "count", as: "count" }] })} />
      {w.get(P) !== undefined ? (
        <div className="subpanel">
          <fieldset>
            <legend>{t("groupBy")}</legend>
            {groups.map((g, i) => (
              <GroupRow
                // biome-ignore lint/suspicious/noArrayIndexKey: group fields have no identity besides their place
                key={i}
                index={i}
                group={g}
                onRemove={() =>
                  w.set(
                    `${P}.groupBy`,
                    groups.filter((_, j) => j !== i),
                  )
                }
              />
            ))}
            <button type="button" onClick={() => w.set(`${P}.groupBy`, [...groups, ""], { touch: false })}>
              {t("addGroup")}
            </button>
          </fieldset>
          <fieldset>
            <legend>{t("metrics")}</legend>
            {metrics.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: metrics have no identity besides their place
              <div key={i} className="row" style={{ alignItems: "flex-start" }} data-testid={`aggregation-metric-${i}`}>
                {m.ops ? <LegacyOps index={i} metric={m} /> : <MetricFields index={i} metric={m} />}
                <button
                  type="button"
                  className="icon"
                  style={{ marginTop: 22 }}
                  aria-label={t("removeMetric", { n: i + 1 })}
                  onClick={() =>
                    w.set(
                      `${P}.metrics`,
                      metrics.filter((_, j) => j !== i),
                    )
                  }
                >
                  ✕
                </button>
              </div>
            ))}
            <button type="button" onClick={() => w.set(`${P}.metrics`, [...metrics, { fn: "sum", field: "" }], { touch: false })}>
              {t("addMetric")}
            </button>
          </fieldset>
          <AggregationWindowFields />
        </div>
      ) : null}
    </>
  );
}

/** A group field: a path, and optionally the name it gets in the document (`g AS name`). */
function GroupRow({ index, group, onRemove }: { index: number; group: Group; onRemove: () => void }) {
  const t = useTranslations("wizard.aggregation");
  const w = useWizard();
  const path = `${P}.groupBy.${index}`;
  const field = typeof group === "string" ? group : group.field;
  const as = typeof group === "string" ? "" : group.as;
  const set = (f: string, a: string) => w.set(path, a === "" ? f : { field: f, as: a });
  return (
    <div className="row" style={{ alignItems: "flex-start" }} data-testid={`aggregation-group-${index}`}>
      <FormField label={t("field")} name={path} htmlFor={fieldId(path)} errors={w.messagesAt(path, [`${path}.field`])}>
        <input
          id={fieldId(path)}
          type="text"
          className="mono"
          value={field}
          placeholder="$.app"
          list={SAMPLE_FIELD_PATHS_LIST}
          autoComplete="off"
          onChange={(e) => set(e.target.value, as)}
        />
      </FormField>
      <FormField label={t("name")} hint={t("groupNameHint")} name={`${path}.as`} htmlFor={fieldId(`${path}.as`)} errors={w.messagesAt(`${path}.as`)}>
        <input id={fieldId(`${path}.as`)} type="text" className="mono" value={as} onChange={(e) => set(field, e.target.value)} />
      </FormField>
      <button type="button" className="icon" style={{ marginTop: 22 }} aria-label={t("removeGroup", { n: index + 1 })} onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}

function MetricFields({ index, metric }: { index: number; metric: Metric }) {
  const t = useTranslations("wizard.aggregation");
  const path = `${P}.metrics.${index}`;
  const ordered = metric.fn === "first" || metric.fn === "last";
  return (
    <>
      <SelectField path={`${path}.fn`} label={t("function")} choices={AGGREGATION_FUNCTIONS.map((f) => ({ value: f, label: f }))} />
      <FieldPathField path={`${path}.field`} label={t("field")} optional placeholder="$.bytes" hint={metric.fn === "count" ? t("countRows") : undefined} />
      <TextField path={`${path}.as`} label={t("name")} mono optional hint={t("metricNameHint")} />
      {ordered ? (
        <div className="stack">
          <CheckboxToggle path={`${path}.by`} label={t("byEventTime")} make={() => ({ field: "", format: "iso", timeZone: "UTC" })} />
          {(metric as { by?: unknown }).by !== undefined ? (
            <>
              <FieldPathField path={`${path}.by.field`} label={t("timeField")} placeholder="$.ts" />
              <TextField path={`${path}.by.format`} label={t("timeFormat")} mono hint={t("timeFormatHint")} />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** The older form of a metric (sum / min / max of one field, named <field>_<op>), still accepted. */
function LegacyOps({ index, metric }: { index: number; metric: Metric }) {
  const t = useTranslations("wizard.aggregation");
  const w = useWizard();
  const path = `${P}.metrics.${index}`;
  return (
    <>
      <FieldPathField path={`${path}.field`} label={t("field")} placeholder="$.bytes" />
      <div className="field">
        <span className="field-label">{t("operations")}</span>
        <span className="row">
          {OPS.map((op) => (
            <label key={op} className="checkbox">
              <input
                type="checkbox"
                checked={metric.ops?.includes(op) ?? false}
                onChange={(e) => w.set(`${path}.ops`, e.target.checked ? [...(metric.ops ?? []), op] : (metric.ops ?? []).filter((o) => o !== op))}
              />
              {op}
            </label>
          ))}
        </span>
        {w.messagesAt(`${path}.ops`).map((e) => (
          <span key={e.message} className="field-error">
            {e.message}
          </span>
        ))}
      </div>
    </>
  );
}
