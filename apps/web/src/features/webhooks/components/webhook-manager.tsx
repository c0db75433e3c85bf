"use client";

import type { DeliveryResult, WebhookView } from "@outflow/schemas/api/webhooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { FocusableButton } from "@/components/focusable-button";
import { ListPlaceholderRows } from "@/components/list-placeholder-rows";
import { createWebhook, deleteWebhook, testWebhook, updateWebhook, type WebhookBody, webhookKeys, webhookPageOptions } from "../queries";
import { WebhookForm } from "./webhook-form";

/** Where alert notifications go: list (a page at a time), create, edit, delete, and "Send test" with the receiver's answer. */
export function WebhookManager() {
  const t = useTranslations("admin.webhooks");
  const [pages, setPages] = useState<string[]>([]);
  const after = pages.at(-1) ?? null;
  const list = useQuery(webhookPageOptions(after));
  const qc = useQueryClient();
  const [editing, setEditing] = useState<WebhookView | null>(null);
  // A new key empties the form after a save.
  const [saves, setSaves] = useState(0);
  const [tests, setTests] = useState<Record<string, DeliveryResult | "pending" | Error>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: webhookKeys.all });
  const save = useMutation({
    mutationFn: (body: WebhookBody) => (editing ? updateWebhook(editing.id, body) : createWebhook(body as WebhookBody & { secret: string })),
    onSuccess: () => {
      setEditing(null);
      setSaves((n) => n + 1);
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteWebhook, onSuccess: () => void refresh() });
  const sendTest = async (id: string) => {
    setTests((s) => ({ ...s, [id]: "pending" }));
    const result = await testWebhook(id).catch((err: Error) => err);
    setTests((s) => ({ ...s, [id]: result }));
  };

  return (
    <section className="panel stack" aria-label={t("title")}>
      <h2>{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <WebhookForm
        key={`${editing?.id ?? "new"}-${saves}`}
        editing={editing}
        pending={save.isPending}
        error={save.error}
        onSubmit={(body) => save.mutate(body)}
        onCancel={() => {
          setEditing(null);
          save.reset();
        }}
      />
      <ErrorNotice error={save.error ?? remove.error} />
      <ErrorNotice error={list.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("columns.name")}</th>
              <th>{t("columns.url")}</th>
              <th>{t("columns.events")}</th>
              <th>{t("columns.state")}</th>
              <th>{t("columns.test")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <ListPlaceholderRows list={{ data: list.data?.items, isPending: list.isPending }} columns={6} empty={t("empty")} />
            {list.data?.items.map((w) => (
              <tr key={w.id} data-testid="webhook-row" data-name={w.name}>
                <td>{w.name}</td>
                <td className="mono small">{w.url}</td>
                <td>{w.events.map((e) => t(e)).join(", ")}</td>
                <td>{w.enabled ? t("on") : t("off")}</td>
                <td data-testid="webhook-test-result">
                  <TestResult result={tests[w.id]} />
                </td>
                <td className="inline-fields">
                  <FocusableButton aria-label={t("sendTestNamed", { name: w.name })} onClick={() => void sendTest(w.id)} disabled={tests[w.id] === "pending"}>
                    {t("sendTest")}
                  </FocusableButton>
                  <button
                    type="button"
                    aria-label={t("editNamed", { name: w.name })}
                    onClick={() => {
                      save.reset();
                      setEditing(w);
                    }}
                  >
                    {t("editButton")}
                  </button>
                  <ConfirmButton
                    label={t("deleteNamed", { name: w.name })}
                    confirmLabel={t("delete")}
                    question={t("deleteConfirm")}
                    onConfirm={() => remove.mutate(w.id)}
                  >
                    {t("delete")}
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="inline-fields">
        {pages.length > 0 ? (
          <button type="button" onClick={() => setPages([])}>
            {t("first")}
          </button>
        ) : null}
        {list.data?.nextCursor ? (
          <button type="button" onClick={() => setPages((p) => [...p, list.data?.nextCursor ?? ""])}>
            {t("next")}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function TestResult({ result }: { result: DeliveryResult | "pending" | Error | undefined }) {
  const t = useTranslations("admin.webhooks");
  if (result === undefined) {
    return <span className="muted">—</span>;
  }
  if (result === "pending") {
    return <span className="muted">{t("sending")}</span>;
  }
  if (result instanceof Error) {
    return <span className="field-error">{result.message}</span>;
  }
  return (
    <span className={result.ok ? "ok" : "field-error"} role="status">
      {result.status === null ? t("noAnswer", { ms: result.latencyMs }) : t("answered", { status: result.status, ms: result.latencyMs })}
      {result.error && result.status === null ? `: ${result.error}` : ""}
      {result.body ? <span className="mono small"> {result.body.slice(0, 120)}</span> : null}
    </span>
  );
}
