"use client";

import { ALERT_DEFAULTS, ALERT_KINDS } from "@outflow/schemas/alerts";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { webhookChoicesOptions } from "@/features/webhooks/queries";
import { useWizard } from "../../wizard-context";
import { CheckboxField } from "../inputs/checkbox-field";
import { CheckboxRow } from "../inputs/checkbox-row";
import { fieldId } from "../inputs/field-id";
import { NumberField } from "../inputs/number-field";

/** The number each rule takes (its label is `wizard.alerts.<kind>`); `failed` takes none. */
const LIMITS = {
  retrying: { field: "minutes", fallback: ALERT_DEFAULTS.retrying.minutes },
  lagAbove: { field: "messages", fallback: ALERT_DEFAULTS.lagAbove.messages },
  lagGrowing: { field: "minutes", fallback: ALERT_DEFAULTS.lagGrowing.minutes },
  stalled: { field: "minutes", fallback: ALERT_DEFAULTS.stalled.minutes },
} as const;

/** The task's alert rules (every one on by default) and the webhooks its notifications go to. */
export function AlertFields() {
  const t = useTranslations("wizard.alerts");
  const words = useTranslations("tasks.alerts");
  return (
    <details className="panel" data-testid="alert-fields">
      <summary>
        <strong>{words("title")}</strong> <span className="muted small">{t("allOn")}</span>
      </summary>
      <p className="muted small">{words("intro")}</p>
      {ALERT_KINDS.map((kind) => {
        const limit = kind === "failed" ? null : { ...LIMITS[kind], kind };
        return (
          <div key={kind} className="inline-fields">
            <CheckboxField path={`alerts.${kind}.enabled`} label={words(`kinds.${kind}`)} defaultValue={true} />
            {limit ? <NumberField path={`alerts.${kind}.${limit.field}`} label={t(limit.kind)} min={1} placeholder={String(limit.fallback)} /> : null}
          </div>
        );
      })}
      <CheckboxField path="alerts.notifyResolved" label={t("notifyResolved")} defaultValue={true} />
      <WebhookChoice />
    </details>
  );
}

/** None ticked: every enabled webhook; some ticked: only those. */
function WebhookChoice() {
  const t = useTranslations("wizard.alerts");
  const words = useTranslations("tasks.alerts");
  const w = useWizard();
  const hooks = useQuery(webhookChoicesOptions());
  const chosen = (w.get("alerts.webhookIds") as string[] | undefined) ?? [];
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((c) => c !== id);
    w.set("alerts.webhookIds", next.length > 0 ? next : undefined);
  };
  return (
    <fieldset>
      <legend>{t("sendTo", { targets: chosen.length > 0 ? words("chosenWebhooks", { count: chosen.length }) : words("allWebhooks") })}</legend>
      {hooks.data?.length === 0 ? <p className="muted small">{t("noWebhooks")}</p> : null}
      {hooks.data?.map((h) => (
        <CheckboxRow
          key={h.id}
          path="alerts.webhookIds"
          id={fieldId(`alerts.webhookIds.${h.id}`)}
          label={h.enabled ? h.name : t("disabled", { name: h.name })}
          checked={chosen.includes(h.id)}
          onChange={(on) => toggle(h.id, on)}
        />
      ))}
    </fieldset>
  );
}
