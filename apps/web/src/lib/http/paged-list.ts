"use client";

import { type QueryKey, useInfiniteQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { fetchJson } from "./fetch-json";

type PageShape<T> = { items: T[]; total: number; offset: number; limit: number; nextOffset: number | null };

/**
 * A paged list of the API (`?offset=`, answers `{ items, total, nextOffset }`), one page first and the next ones on
 * `fetchNextPage`; `data` is every item loaded so far. Its key ends in "pages", so invalidating `key` refreshes it.
 */
export function usePagedList<T>(key: QueryKey, url: string, schema: z.ZodType<PageShape<T>>, options: { enabled?: boolean } = {}) {
  const q = useInfiniteQuery({
    queryKey: [...key, "pages"],
    queryFn: ({ pageParam }) => fetchJson(`${url}${url.includes("?") ? "&" : "?"}offset=${pageParam}`, schema),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
    enabled: options.enabled ?? true,
  });
  const pages = q.data?.pages;
  return {
    data: pages?.flatMap((p) => p.items),
    total: pages?.at(-1)?.total ?? null,
    error: q.error,
    isFetching: q.isFetching,
    isPending: q.isPending,
    hasNextPage: q.hasNextPage,
    isFetchingNextPage: q.isFetchingNextPage,
    fetchNextPage: q.fetchNextPage,
  };
}
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;

/**
 * A list the API pages by cursor (`?before=`, answers `{ items, nextCursor }`): for logs that grow while one reads
 * them, where an offset would shift. Same result shape as {@link usePagedList}, without a total.
 */
export function useCursorList<T>(key: QueryKey, url: string, schema: z.ZodType<{ items: T[]; nextCursor: string | null }>) {
  const q = useInfiniteQuery({
    queryKey: [...key, "pages"],
    queryFn: ({ pageParam }) => fetchJson(pageParam === "" ? url : `${url}${url.includes("?") ? "&" : "?"}before=${pageParam}`, schema),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return {
    data: q.data?.pages.flatMap((p) => p.items),
    total: null,
    error: q.error,
    isPending: q.isPending,
    hasNextPage: q.hasNextPage,
    isFetchingNextPage: q.isFetchingNextPage,
    fetchNextPage: q.fetchNextPage,
  };
}
