"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import { formatBytes, formatCount, formatRate, formatTime } from "./format";

/** The console's formatters bound to the page's language: counts, rates, byte sizes and (UTC, zone named) times. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      count: (n: number | null | undefined) => formatCount(n, locale),
      rate: (n: number) => formatRate(n, locale),
      bytes: (n: number) => formatBytes(n, locale),
      time: formatTime,
    }),
    [locale],
  );
}
