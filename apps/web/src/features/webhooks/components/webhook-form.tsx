"use client";

import type { WebhookView } from "@outflow/schemas/api/webhooks";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { FormField } from "@/components/form-field";
import { useInlinePanel } from "@/components/use-inline-panel";
import { isApiError } from "@/lib/http/fetch-json";
import type { WebhookBody } from "../queries";

type Props = { editing: WebhookView | null; pending: boolean; error: unknown; onSubmit: (body: WebhookBody) => void; onCancel: () => void };

/** Create a webhook, or edit one (an empty secret keeps the stored one). */
export function WebhookForm({ editing, pending, error, onSubmit, onCancel }: Props) {
  const t = useTranslations("admin.webhooks");
  const [name, setName] = useState(editing?.name ?? "");
  const [url, setUrl] = useState(editing?.url ?? "");
  const [secret, setSecret] = useState("");
  const [events, setEvents] = useState(new Set(editing?.events ?? ["firing", "resolved"]));
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const issues = isApiError(error) ? error.allIssues : [];
  const errorsOf = (field: string) => issues.filter((i) => i.field === field).map((i) => ({ message: i.message, origin: "server" as const }));
  const toggle = (e: "firing" | "resolved") =>
    setEvents((s) => {
      const next = new Set(s);
      next.has(e) ? next.delete(e) : next.add(e);
      return next;
    });
  // Editing opens in the same place as the new-webhook form: it takes focus, Escape cancels, focus goes back to Edit.
  const { ref, onKeyDown } = useInlinePanel<HTMLFormElement>(onCancel, { focus: "field", active: editing !== null });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name, url, events: (["firing", "resolved"] as const).filter((k) => events.has(k)), enabled, ...(secret ? { secret } : {}) });
  };
  return (
    <form ref={ref} className="stack" onSubmit={submit} onKeyDown={onKeyDown} aria-label={editing ? t("edit", { name: editing.name }) : t("add")}>
      <h3>{editing ? t("edit", { name: editing.name }) : t("add")}</h3>
      <div className="inline-fields">
        <FormField required label={t("name")} name="name" htmlFor="webhook-name" errors={errorsOf("name")}>
          {(control) => <input {...control} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormField required label={t("url")} name="url" htmlFor="webhook-url" errors={errorsOf("url")}>
          {(control) => (
            <input
              {...control}
              required
              maxLength={2000}
              value={url}
              placeholder="https://hooks.example.com/outflow"
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </FormField>
        <FormField
          label={t("secret")}
          name="secret"
          htmlFor="webhook-secret"
          hint={editing ? t("secretKeepHint") : t("secretHint")}
          errors={errorsOf("secret")}
        >
          {(control) => (
            <input {...control} type="password" autoComplete="off" required={!editing} value={secret} onChange={(e) => setSecret(e.target.value)} />
          )}
        </FormField>
      </div>
      <FormField group label={t("events")} name="events" errors={errorsOf("events")}>
        <div className="inline-fields">
          {(["firing", "resolved"] as const).map((k) => (
            <label key={k} className="checkbox-row">
              <input type="checkbox" checked={events.has(k)} onChange={() => toggle(k)} /> {t(k)}
            </label>
          ))}
          <label className="checkbox-row">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t("enabled")}
          </label>
        </div>
      </FormField>
      <div className="inline-fields">
        <button type="submit" className="primary" disabled={pending}>
          {editing ? t("save") : t("create")}
        </button>
        {editing ? (
          <button type="button" onClick={onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
