"use client";

import { ALERT_DEFAULTS, ALERT_KINDS } from "@outflow/schemas/alerts";
import { useQuery } from "@tanstack/react-query";
import { alertText } from "@/features/alerts/alert-text";
import { webhookChoicesOptions } from "@/features/webhooks/queries";
import { useWizard } from "../../wizard-context";
import { CheckboxField } from "../inputs/checkbox-field";
import { CheckboxRow } from "../inputs/checkbox-row";
import { fieldId } from "../inputs/field-id";
import { NumberField } from "../inputs/number-field";

/** The number each rule takes, with its label; `failed` takes none. */
const LIMITS = {
  retrying: { field: "minutes", label: "Minutes retrying", fallback: ALERT_DEFAULTS.retrying.minutes },
  lagAbove: { field: "messages", label: "Messages waiting", fallback: ALERT_DEFAULTS.lagAbove.messages },
  lagGrowing: { field: "minutes", label: "Minutes of growth", fallback: ALERT_DEFAULTS.lagGrowing.minutes },
  stalled: { field: "minutes", label: "Minutes without writes", fallback: ALERT_DEFAULTS.stalled.minutes },
} as const;

/** The task's alert rules (every one on by default) and the webhooks its notifications go to. */
export function AlertFields() {
  return (
    <details className="panel" data-testid="alert-fields">
      <summary>
        <strong>{alertText.title}</strong> <span className="muted small">all on by default</span>
      </summary>
      <p className="muted small">{alertText.intro}</p>
      {ALERT_KINDS.map((kind) => {
        const limit = kind === "failed" ? null : LIMITS[kind];
        return (
          <div key={kind} className="inline-fields">
            <CheckboxField path={`alerts.${kind}.enabled`} label={alertText.kinds[kind]} defaultValue={true} />
            {limit ? <NumberField path={`alerts.${kind}.${limit.field}`} label={limit.label} min={1} placeholder={String(limit.fallback)} /> : null}
          </div>
        );
      })}
      <CheckboxField path="alerts.notifyResolved" label={alertText.notifyResolved} defaultValue={true} />
      <WebhookChoice />
    </details>
  );
}

/** None ticked: every enabled webhook; some ticked: only those. */
function WebhookChoice() {
  const w = useWizard();
  const hooks = useQuery(webhookChoicesOptions());
  const chosen = (w.get("alerts.webhookIds") as string[] | undefined) ?? [];
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((c) => c !== id);
    w.set("alerts.webhookIds", next.length > 0 ? next : undefined);
  };
  return (
    <fieldset>
      <legend>
        {alertText.webhooks}: {chosen.length > 0 ? alertText.chosenWebhooks(chosen.length) : alertText.allWebhooks}
      </legend>
      {hooks.data?.length === 0 ? <p className="muted small">No webhooks yet (the Webhooks page adds them); alerts still go to the event log.</p> : null}
      {hooks.data?.map((h) => (
        <CheckboxRow
          key={h.id}
          path="alerts.webhookIds"
          id={fieldId(`alerts.webhookIds.${h.id}`)}
          label={`${h.name}${h.enabled ? "" : " (disabled)"}`}
          checked={chosen.includes(h.id)}
          onChange={(on) => toggle(h.id, on)}
        />
      ))}
    </fieldset>
  );
}
