"use client";

/** Under a paged list: how many of how many are shown, and a button for the next page while there is one. */
export function MoreButton({
  list,
  noun,
}: {
  list: { data?: unknown[]; total: number | null; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  noun: string;
}) {
  if (!list.hasNextPage) {
    return null;
  }
  return (
    <p className="muted small" data-testid="more-row">
      Showing {list.data?.length ?? 0}
      {list.total === null ? "" : ` of ${list.total}`} {noun}.{" "}
      <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
        {list.isFetchingNextPage ? "Loading…" : "More"}
      </button>
    </p>
  );
}
