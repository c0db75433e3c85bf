"use client";

import { ALERT_KINDS, type AlertKind, type AlertRules, type FiringAlert } from "@outflow/schemas/alerts";
import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/use-format";

/** Each alert rule of the task, and whether it fires now (since when, with what it saw). */
export function TaskAlerts({ rules, firing }: { rules: AlertRules; firing: FiringAlert[] }) {
  const t = useTranslations("tasks.alerts");
  const f = useFormat();
  /** The rule's condition with its limit. */
  const rule = (kind: AlertKind): string => {
    switch (kind) {
      case "failed":
        return t("rules.failed");
      case "retrying":
        return t("rules.retrying", { minutes: f.count(rules.retrying.minutes) });
      case "lagAbove":
        return t("rules.lagAbove", { messages: f.count(rules.lagAbove.messages) });
      case "lagGrowing":
        return t("rules.lagGrowing", { minutes: f.count(rules.lagGrowing.minutes) });
      case "stalled":
        return t("rules.stalled", { minutes: f.count(rules.stalled.minutes) });
    }
  };
  const targets = rules.webhookIds ? t("chosenWebhooks", { count: rules.webhookIds.length }) : t("allWebhooks");
  return (
    <section className="panel" aria-label={t("title")} data-testid="task-alerts">
      <h2>
        {t("title")} {firing.length > 0 ? <span className="badge status-failed">{t("firing", { count: f.count(firing.length) })}</span> : null}
      </h2>
      <p className="muted small">{t("intro")}</p>
      <table>
        <tbody>
          {ALERT_KINDS.map((kind) => {
            const on = rules[kind].enabled;
            const alert = firing.find((a) => a.kind === kind);
            return (
              <tr key={kind} data-alert={kind} data-state={alert ? "firing" : on ? "ok" : "off"}>
                <td>{t(`kinds.${kind}`)}</td>
                <td className="muted">{rule(kind)}</td>
                <td>
                  {alert ? (
                    <strong className="field-error">{t("firingSince", { time: f.time(alert.firingSince) })}</strong>
                  ) : on ? (
                    <span className="ok">{t("ok")}</span>
                  ) : (
                    <span className="muted">{t("off")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">{rules.notifyResolved ? t("delivery", { targets }) : t("deliveryNoRecoveries", { targets })}</p>
    </section>
  );
}
