"use client";

import { useWizard } from "../../wizard-context";
import { CheckboxToggle } from "../inputs/checkbox-toggle";
import { ListField } from "../inputs/list-field";
import { TextField } from "../inputs/text-field";

const P = "sink.aggregation";
const OPS = ["sum", "min", "max"] as const;

type Metric = { field?: string; ops?: string[] };

/** Aggregation: one document per group, with sum/min/max of fields. */
export function AggregationFields() {
  const w = useWizard();
  const metrics = (w.get(`${P}.metrics`) as Metric[] | undefined) ?? [];
  return (
    <>
      <CheckboxToggle path={P} label="Aggregate (one document per group with sum / min / max)" make={() => ({ groupBy: [], metrics: [] })} />
      {w.get(P) !== undefined ? (
        <div className="subpanel">
          <ListField path={`${P}.groupBy`} label="Group by" placeholder="$.app, $.host" hint="Field paths, comma-separated" />
          <fieldset>
            <legend>Metrics</legend>
            {metrics.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: metrics have no identity besides their place
              <div key={i} className="row" style={{ alignItems: "flex-start" }}>
                <TextField path={`${P}.metrics.${i}.field`} label="Field" mono placeholder="$.bytes" />
                <div className="field">
                  <span className="field-label">Operations</span>
                  <span className="row">
                    {OPS.map((op) => (
                      <label key={op} className="checkbox">
                        <input
                          type="checkbox"
                          checked={m.ops?.includes(op) ?? false}
                          onChange={(e) => w.set(`${P}.metrics.${i}.ops`, e.target.checked ? [...(m.ops ?? []), op] : (m.ops ?? []).filter((o) => o !== op))}
                        />
                        {op}
                      </label>
                    ))}
                  </span>
                  {w.messagesAt(`${P}.metrics.${i}.ops`).map((e) => (
                    <span key={e.message} className="field-error">
                      {e.message}
                    </span>
                  ))}
                </div>
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
            <button type="button" onClick={() => w.set(`${P}.metrics`, [...metrics, { field: "", ops: ["sum"] }], { touch: false })}>
              Add metric
            </button>
          </fieldset>
        </div>
      ) : null}
    </>
  );
}
