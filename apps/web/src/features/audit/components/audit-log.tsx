"use client";

import { AuditPage } from "@outflow/schemas/api/auth";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { ListPlaceholderRows } from "@/components/list-placeholder-rows";
import { MoreButton } from "@/components/more-button";
import { formatTime } from "@/lib/format";
import { DATE_INPUT_FORMAT, parseDateInput } from "@/lib/format-date";
import { useCursorList } from "@/lib/http/paged-list";

type Filter = { actor: string; action: string; since: string };

function query(f: Filter): string {
  const p = new URLSearchParams();
  if (f.actor) {
    p.set("actor", f.actor);
  }
  if (f.action) {
    p.set("action", f.action);
  }
  const since = parseDateInput(f.since);
  if (since !== null) {
    p.set("since", new Date(since).toISOString());
  }
  return p.toString();
}

/** The admin's audit page: changes with who, what and when, filtered. */
export function AuditLog() {
  const t = useTranslations("admin.audit");
  const [draft, setDraft] = useState<Filter>({ actor: "", action: "", since: "" });
  const [filter, setFilter] = useState<Filter>(draft);
  const list = useCursorList(["audit", filter], `/api/audit?${query(filter)}`, AuditPage);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  return (
    <>
      <div className="page-header">
        <h1>{t("title")}</h1>
      </div>
      <p className="muted">{t("intro")}</p>
      <form className="inline-fields panel" onSubmit={submit}>
        <label>
          {t("actor")} <input value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} />
        </label>
        <label>
          {t("action")} <input value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} />
        </label>
        <label>
          {t("since")}{" "}
          <input
            type="text"
            placeholder={t("sincePlaceholder", { format: DATE_INPUT_FORMAT })}
            value={draft.since}
            onChange={(e) => setDraft({ ...draft, since: e.target.value })}
          />
        </label>
        <button type="submit" className="primary">
          {t("apply")}
        </button>
      </form>
      <ErrorNotice error={list.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("columns.at")}</th>
              <th>{t("columns.actor")}</th>
              <th>{t("columns.action")}</th>
              <th>{t("columns.target")}</th>
            </tr>
          </thead>
          <tbody>
            <ListPlaceholderRows list={list} columns={4} empty={t("empty")} />
            {list.data?.map((e) => (
              <tr key={e.id}>
                <td>{formatTime(e.at)}</td>
                <td>{e.actorEmail}</td>
                <td className="mono">{e.action}</td>
                <td className="mono small">{e.targetId ? `${e.targetType} ${e.targetId}` : e.targetType}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <MoreButton list={list} noun="entries" />
      </div>
    </>
  );
}
