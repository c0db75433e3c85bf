"use client";

import { MAX_DOCUMENTS_DEPTH } from "@outflow/schemas/api/explorer";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { useFormat } from "@/lib/use-format";
import { documentsOptions, type DocumentSearch as Search } from "../queries";
import { useLinkReason } from "../use-link-reason";

const PAGE = 20;
const EMPTY: Search = { q: "", index: "", field: "", from: "", to: "", offset: 0, limit: PAGE };

export type Opened = { index: string; id: string };

/** Search the task's documents: query string, a time range on a field (newest first by it), paged. */
export function DocumentSearch({ taskId, index, onOpen }: { taskId: string; index: string; onOpen: (d: Opened) => void }) {
  const t = useTranslations("explorer.search");
  const linkReason = useLinkReason();
  const tp = useTranslations("explorer.pager");
  const f = useFormat();
  const [form, setForm] = useState<Search>({ ...EMPTY, index });
  const [search, setSearch] = useState<Search>({ ...EMPTY, index });
  const [lastIndex, setLastIndex] = useState(index);
  if (index !== lastIndex) {
    // An index picked in the list above narrows the search to it.
    setLastIndex(index);
    setForm({ ...form, index });
    setSearch({ ...search, index, offset: 0 });
  }
  const page = useQuery(documentsOptions(taskId, search));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSearch({ ...form, offset: 0, limit: PAGE });
  };
  const set = (patch: Partial<Search>) => setForm({ ...form, ...patch });
  const p = page.data;
  return (
    <div className="stack">
      <form className="inline-fields" onSubmit={submit} aria-label={t("label")}>
        <label>
          {t("query")} <input value={form.q} onChange={(e) => set({ q: e.target.value })} placeholder="level:error AND service:api" name="q" />
        </label>
        <label>
          {t("index")} <input value={form.index} onChange={(e) => set({ index: e.target.value })} placeholder={t("indexPlaceholder")} name="index" />
        </label>
        <label>
          {t("timeField")} <input value={form.field} onChange={(e) => set({ field: e.target.value })} placeholder="@timestamp" name="field" />
        </label>
        <label>
          {t("from")} <input value={form.from} onChange={(e) => set({ from: e.target.value })} placeholder="2026-12-07T00:00:00Z" name="from" />
        </label>
        <label>
          {t("to")} <input value={form.to} onChange={(e) => set({ to: e.target.value })} placeholder="now" name="to" />
        </label>
        <button type="submit">{t("submit")}</button>
      </form>
      {page.error ? <ErrorNotice error={page.error} title={t("failed")} /> : null}
      {p ? (
        <>
          <p className="muted small">
            {t(search.field ? "newestField" : "newestIndex", {
              total: t(p.total.relation === "gte" ? "totalAtLeast" : "total", { count: f.count(p.total.value) }),
              field: search.field,
              link:
                p.link.via === "none"
                  ? t("noLinks", { reason: linkReason(p.link) })
                  : p.link.via === "document_id"
                    ? t("byDocumentId")
                    : t("byFields", { fields: p.link.fields.join(", ") }),
            })}
          </p>
          <div className="table-wrap">
            <table data-testid="document-hits">
              <thead>
                <tr>
                  <th>{t("index")}</th>
                  <th>{t("id")}</th>
                  <th>{t("source")}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((h) => (
                  <tr key={`${h.index}/${h.id}`}>
                    <td className="mono small">{h.index}</td>
                    <td className="mono small">
                      <button type="button" className="link" onClick={() => onOpen({ index: h.index, id: h.id })}>
                        {h.id}
                      </button>
                    </td>
                    <td className="mono small">{h.source === null ? t("sourceTooLong", { count: f.count(h.sourceChars) }) : h.source.slice(0, 200)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button type="button" disabled={search.offset === 0} onClick={() => setSearch({ ...search, offset: Math.max(0, search.offset - PAGE) })}>
              {tp("newer")}
            </button>
            <span className="muted small">
              {p.items.length ? tp("range", { from: f.count(search.offset + 1), to: f.count(search.offset + p.items.length) }) : tp("none")}
            </span>
            <button type="button" disabled={p.nextOffset === null} onClick={() => setSearch({ ...search, offset: p.nextOffset ?? search.offset })}>
              {tp("older")}
            </button>
            {p.nextOffset === null && search.offset + p.items.length >= MAX_DOCUMENTS_DEPTH ? (
              <span className="muted small">{t("depthEnd", { max: f.count(MAX_DOCUMENTS_DEPTH) })}</span>
            ) : null}
          </div>
        </>
      ) : page.isPending ? (
        <p className="muted">{t("searching")}</p>
      ) : null}
    </div>
  );
}
