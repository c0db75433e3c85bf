"use client";

import { AGGREGATION_FUNCTIONS } from "@outflow/schemas/task-config";
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
  const w = useWizard();
  const groups = (w.get(`${P}.groupBy`) as Group[] | undefined) ?? [];
  const metrics = (w.get(`${P}.metrics`) as Metric[] | undefined) ?? [];
  return (
    <>
      <CheckboxToggle
        path={P}
        label="Aggregate (one document per group: count, sum, min, max, avg, first, last; optional time windows)"
        make={() => ({ groupBy: [""], metrics: [{ fn: "count", as: "count" }] })}
      />
      {w.get(P) !== undefined ? (
        <div className="subpanel">
          <fieldset>
            <legend>Group by</legend>
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
              Add group field
            </button>
          </fieldset>
          <fieldset>
            <legend>Metrics</legend>
            {metrics.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: metrics have no identity besides their place
              <div key={i} className="row" style={{ alignItems: "flex-start" }} data-testid={`aggregation-metric-${i}`}>
                {m.ops ? <LegacyOps index={i} metric={m} /> : <MetricFields index={i} metric={m} />}
                <button
                  type="button"
                  className="icon"
                  style={{ marginTop: 22 }}
                  aria-label={`Remove metric ${i + 1}`}
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
              Add metric
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
  const w = useWizard();
  const path = `${P}.groupBy.${index}`;
  const field = typeof group === "string" ? group : group.field;
  const as = typeof group === "string" ? "" : group.as;
  const set = (f: string, a: string) => w.set(path, a === "" ? f : { field: f, as: a });
  return (
    <div className="row" style={{ alignItems: "flex-start" }} data-testid={`aggregation-group-${index}`}>
      <FormField label="Field" name={path} htmlFor={fieldId(path)} errors={w.messagesAt(path, [`${path}.field`])}>
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
      <FormField label="Name (as)" hint="Default: the last field name" name={`${path}.as`} htmlFor={fieldId(`${path}.as`)} errors={w.messagesAt(`${path}.as`)}>
        <input id={fieldId(`${path}.as`)} type="text" className="mono" value={as} onChange={(e) => set(field, e.target.value)} />
      </FormField>
      <button type="button" className="icon" style={{ marginTop: 22 }} aria-label={`Remove group field ${index + 1}`} onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}

function MetricFields({ index, metric }: { index: number; metric: Metric }) {
  const path = `${P}.metrics.${index}`;
  const ordered = metric.fn === "first" || metric.fn === "last";
  return (
    <>
      <SelectField path={`${path}.fn`} label="Function" choices={AGGREGATION_FUNCTIONS.map((f) => ({ value: f, label: f }))} />
      <FieldPathField
        path={`${path}.field`}
        label="Field"
        optional
        placeholder="$.bytes"
        hint={metric.fn === "count" ? "Empty: count rows (count(*))" : undefined}
      />
      <TextField path={`${path}.as`} label="Name (as)" mono optional hint="Default: <field>_<function>" />
      {ordered ? (
        <div className="stack">
          <CheckboxToggle path={`${path}.by`} label="By an event time (else by arrival)" make={() => ({ field: "", format: "iso", timeZone: "UTC" })} />
          {(metric as { by?: unknown }).by !== undefined ? (
            <>
              <FieldPathField path={`${path}.by.field`} label="Time field" placeholder="$.ts" />
              <TextField path={`${path}.by.format`} label="Time format" mono hint="iso, epoch_millis, epoch_seconds or yyyy-MM-dd HH:mm:ss" />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** The older form of a metric (sum / min / max of one field, named <field>_<op>), still accepted. */
function LegacyOps({ index, metric }: { index: number; metric: Metric }) {
  const w = useWizard();
  const path = `${P}.metrics.${index}`;
  return (
    <>
      <FieldPathField path={`${path}.field`} label="Field" placeholder="$.bytes" />
      <div className="field">
        <span className="field-label">Operations</span>
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
