import { DocumentPage, DocumentView, MessageView, TaskIndexList } from "@outflow/schemas/api/explorer";
import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/fetch-json";

const base = (taskId: string) => `/api/tasks/${encodeURIComponent(taskId)}`;
const enc = encodeURIComponent;

/** What the search form asks; empty strings are left out of the URL. */
export type DocumentSearch = { q: string; index: string; field: string; from: string; to: string; offset: number; limit: number };

export function documentsUrl(taskId: string, s: DocumentSearch): string {
  const params = new URLSearchParams();
  for (const key of ["q", "index", "field", "from", "to"] as const) {
    if (s[key].trim() !== "") {
      params.set(key, s[key].trim());
    }
  }
  params.set("offset", String(s.offset));
  params.set("limit", String(s.limit));
  return `${base(taskId)}/documents?${params}`;
}

/** The index list with counts and sizes: every 10 s while shown (the counts move with the writes). */
export const taskIndicesOptions = (taskId: string, offset: number) =>
  queryOptions({
    queryKey: ["explorer", taskId, "indices", offset] as const,
    queryFn: () => fetchJson(`${base(taskId)}/indices?offset=${offset}&limit=20`, TaskIndexList),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
  });

export const documentsOptions = (taskId: string, s: DocumentSearch) =>
  queryOptions({
    queryKey: ["explorer", taskId, "documents", s] as const,
    queryFn: () => fetchJson(documentsUrl(taskId, s), DocumentPage),
    placeholderData: keepPreviousData,
  });

export const documentOptions = (taskId: string, index: string, id: string) =>
  queryOptions({
    queryKey: ["explorer", taskId, "document", index, id] as const,
    queryFn: () => fetchJson(`${base(taskId)}/documents/${enc(index)}/${enc(id)}`, DocumentView),
  });

export const messageOptions = (taskId: string, m: { topic: string; partition: number; offset: string }) =>
  queryOptions({
    queryKey: ["explorer", taskId, "message", m.topic, m.partition, m.offset] as const,
    queryFn: () => fetchJson(`${base(taskId)}/messages/${enc(m.topic)}/${m.partition}/${enc(m.offset)}`, MessageView),
  });
