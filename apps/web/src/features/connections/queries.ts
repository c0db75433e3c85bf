import type { ConnectionKind } from "@outflow/schemas/connection";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/fetch-json";
import { usePagedList } from "@/lib/http/paged-list";
import { ConnectionList, TopicList } from "./connection-schemas";

export const connectionKeys = {
  all: ["connections"] as const,
  list: () => [...connectionKeys.all, "list"] as const,
  topics: (id: string) => [...connectionKeys.all, id, "topics"] as const,
};

/** For look-ups (names, pickers, filters): the first 200 connections, the most a page holds. */
export const connectionListOptions = () =>
  queryOptions({
    queryKey: connectionKeys.list(),
    queryFn: async () => (await fetchJson("/api/connections?limit=200", ConnectionList)).items,
  });

/** The Connections page's list: every page loaded so far ("More" loads the next). */
export const useConnectionPages = () => usePagedList(connectionKeys.list(), "/api/connections", ConnectionList);

/** The list narrowed to one kind (same cache entry). */
export const connectionsOfKindOptions = (kind: ConnectionKind) =>
  queryOptions({
    ...connectionListOptions(),
    select: (items) => items.filter((c) => c.kind === kind),
  });

export const topicsOptions = (connectionId: string) =>
  queryOptions({
    queryKey: connectionKeys.topics(connectionId),
    queryFn: async () => (await fetchJson(`/api/connections/${encodeURIComponent(connectionId)}/topics`, TopicList)).items,
    enabled: connectionId !== "",
    staleTime: 30_000,
    retry: false,
  });
