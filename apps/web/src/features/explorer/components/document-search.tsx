"use client";

import { MAX_DOCUMENTS_DEPTH } from "@outflow/schemas/api/explorer";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { formatCount } from "@/lib/format";
import { documentsOptions, type DocumentSearch as Search } from "../queries";

const PAGE = 20;
const EMPTY: Search = { q: "", index: "", field: "", from: "", to: "", offset: 0, limit: PAGE };

export type Opened = { index: string; id: string };

/** Search the task's documents: query string, a time range on a field (newest first by it), paged. */
export function DocumentSearch({ taskId, index, onOpen }: { taskId: string; index: string; onOpen: (d: Opened) => void }) {
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
      <form className="inline-fields" onSubmit={submit} aria-label="Search documents">
        <label>
          Query <input value={form.q} onChange={(e) => set({ q: e.target.value })} placeholder="level:error AND service:api" name="q" />
        </label>
        <label>
          Index <input value={form.index} onChange={(e) => set({ index: e.target.value })} placeholder="all of the task's" name="index" />
        </label>
        <label>
          Time field <input value={form.field} onChange={(e) => set({ field: e.target.value })} placeholder="@timestamp" name="field" />
        </label>
        <label>
          From <input value={form.from} onChange={(e) => set({ from: e.target.value })} placeholder="2026-12-07T00:00:00Z" name="from" />
        </label>
        <label>
          To <input value={form.to} onChange={(e) => set({ to: e.target.value })} placeholder="now" name="to" />
        </label>
        <button type="submit">Search</button>
      </form>
      {page.error ? <ErrorNotice error={page.error} title="The search failed" /> : null}
      {p ? (
        <>
          <p className="muted small">
            {p.total.relation === "gte" ? "at least " : ""}
            {formatCount(p.total.value)} documents{search.field ? `, newest ${search.field} first` : ", newest index first"} ·{" "}
            {p.link.via === "none"
              ? `no message links: ${p.link.reason}`
              : p.link.via === "document_id"
                ? "messages by document ID"
                : `messages by fields ${p.link.fields.join(", ")}`}
          </p>
          <div className="table-wrap">
            <table data-testid="document-hits">
              <thead>
                <tr>
                  <th>Index</th>
                  <th>ID</th>
                  <th>Source</th>
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
                    <td className="mono small">{h.source === null ? `(${formatCount(h.sourceChars)} characters: open it)` : h.source.slice(0, 200)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="row">
            <button type="button" disabled={search.offset === 0} onClick={() => setSearch({ ...search, offset: Math.max(0, search.offset - PAGE) })}>
              Newer
            </button>
            <span className="muted small">{p.items.length ? `${search.offset + 1}–${search.offset + p.items.length}` : "none"}</span>
            <button type="button" disabled={p.nextOffset === null} onClick={() => setSearch({ ...search, offset: p.nextOffset ?? search.offset })}>
              Older
            </button>
            {p.nextOffset === null && search.offset + p.items.length >= MAX_DOCUMENTS_DEPTH ? (
              <span className="muted small">Pages end at {formatCount(MAX_DOCUMENTS_DEPTH)}: narrow the search</span>
            ) : null}
          </div>
        </>
      ) : page.isPending ? (
        <p className="muted">Searching…</p>
      ) : null}
    </div>
  );
}
