"use client";

import { useTranslations } from "next-intl";
import type { Messages } from "@/i18n/messages";

/** What a paged list holds, as the sentence under it names it ("Showing 50 of 120 tokens."). */
export type ListNoun = keyof Messages["common"]["more"]["nouns"];

/** Under a paged list: how many of how many are shown, and a button for the next page while there is one. */
export function MoreButton({
  list,
  noun,
}: {
  list: { data?: unknown[]; total: number | null; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
  noun: ListNoun;
}) {
  const t = useTranslations("common");
  if (!list.hasNextPage) {
    return null;
  }
  const shown = list.data?.length ?? 0;
  const nounText = t(`more.nouns.${noun}`);
  return (
    <p className="muted small" data-testid="more-row">
      {list.total === null ? t("more.showing", { shown, noun: nounText }) : t("more.showingOf", { shown, total: list.total, noun: nounText })}{" "}
      <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
        {list.isFetchingNextPage ? t("loading") : t("more.button")}
      </button>
    </p>
  );
}
