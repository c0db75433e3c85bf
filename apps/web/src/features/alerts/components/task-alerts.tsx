"use client";

import { ALERT_KINDS, type AlertRules, type FiringAlert } from "@outflow/schemas/alerts";
import { formatTime } from "@/lib/format";
import { alertText as t } from "../alert-text";

/** Each alert rule of the task, and whether it fires now (since when, with what it saw). */
export function TaskAlerts({ rules, firing }: { rules: AlertRules; firing: FiringAlert[] }) {
  return (
    <section className="panel" aria-label={t.title} data-testid="task-alerts">
      <h2>
        {t.title} {firing.length > 0 ? <span className="badge status-failed">{firing.length} firing</span> : null}
      </h2>
      <p className="muted small">{t.intro}</p>
      <table>
        <tbody>
          {ALERT_KINDS.map((kind) => {
            const on = rules[kind].enabled;
            const alert = firing.find((a) => a.kind === kind);
            return (
              <tr key={kind} data-alert={kind} data-state={alert ? "firing" : on ? "ok" : "off"}>
                <td>{t.kinds[kind]}</td>
                <td className="muted">{t.rule(kind, rules)}</td>
                <td>
                  {alert ? (
                    <strong className="field-error">
                      {t.firingSince} {formatTime(alert.firingSince)}
                    </strong>
                  ) : on ? (
                    <span className="ok">{t.ok}</span>
                  ) : (
                    <span className="muted">{t.off}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        {t.webhooks} {rules.webhookIds ? t.chosenWebhooks(rules.webhookIds.length) : t.allWebhooks}
        {rules.notifyResolved ? "; recoveries too" : "; not recoveries"}.
      </p>
    </section>
  );
}
