"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { ErrorNotice } from "@/components/error-notice";
import { FormField } from "@/components/form-field";
import { ListPlaceholderRows } from "@/components/list-placeholder-rows";
import { MoreButton } from "@/components/more-button";
import { useCan } from "@/features/session/viewer-context";
import { formatTime } from "@/lib/format";
import { createToken, revokeToken, useTokenList } from "../queries";

/** The user's API tokens (admins: everyone's): create one (shown once), see last use, revoke. */
export function TokenManager() {
  const t = useTranslations("session.tokens");
  const isAdmin = useCan("admin");
  const list = useTokenList(isAdmin);
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [days, setDays] = useState("30");
  const [created, setCreated] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ["tokens"] });
  const create = useMutation({
    mutationFn: createToken,
    onSuccess: (tok) => {
      setCreated(tok.token);
      setName("");
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: revokeToken, onSuccess: () => void refresh() });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    create.mutate({ name, expiresInDays: Number(days) });
  };

  return (
    <section className="panel stack" aria-label={t("title")}>
      <h2>{t("title")}</h2>
      <p className="muted">{t("intro")}</p>
      <form className="inline-fields" onSubmit={submit}>
        <FormField required label={t("name")} name="tokenName" htmlFor="token-name">
          {(control) => <input {...control} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <FormField required label={t("expiresInDays")} name="expiresInDays" htmlFor="token-days">
          {(control) => <input {...control} type="number" min={1} max={366} required value={days} onChange={(e) => setDays(e.target.value)} />}
        </FormField>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("create")}
        </button>
      </form>
      <ErrorNotice error={create.error ?? revoke.error} />
      {created ? (
        <div className="notice ok" role="status">
          {t("shownOnce")}
          <pre className="mono" data-testid="new-token">
            {created}
          </pre>
        </div>
      ) : null}
      <ErrorNotice error={list.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("columns.name")}</th>
              <th>{t("columns.prefix")}</th>
              {isAdmin ? <th>{t("columns.owner")}</th> : null}
              <th>{t("columns.lastUsed")}</th>
              <th>{t("columns.expires")}</th>
              <th>{t("columns.created")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            <ListPlaceholderRows list={list} columns={isAdmin ? 7 : 6} empty={t("empty")} />
            {list.data?.map((tok) => (
              <tr key={tok.id}>
                <td>{tok.name}</td>
                <td className="mono">{tok.prefix}…</td>
                {isAdmin ? <td>{tok.owner.email}</td> : null}
                <td>{tok.lastUsedAt ? formatTime(tok.lastUsedAt) : t("neverUsed")}</td>
                <td>{tok.expiresAt ? formatTime(tok.expiresAt) : t("neverExpires")}</td>
                <td>{formatTime(tok.createdAt)}</td>
                <td>
                  <ConfirmButton
                    label={t("revokeNamed", { name: tok.name })}
                    confirmLabel={t("revoke")}
                    question={t("revokeConfirm")}
                    onConfirm={() => revoke.mutate(tok.id)}
                  >
                    {t("revoke")}
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <MoreButton list={list} noun="tokens" />
      </div>
    </section>
  );
}
