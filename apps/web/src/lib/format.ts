import { formatDate } from "./format-date";

/**
 * Numbers, rates and byte sizes in the console's language (`en`, `zh-CN`: the same digits and grouping today, but
 * formatted by Intl so a new language gets its own). Components use `useFormat()` (use-format.ts), which binds the
 * page's locale; these take it as an argument so pure modules and tests can call them too.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}/${fractionDigits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits });
    numberFormats.set(key, f);
  }
  return f;
}

export const formatCount = (n: number | null | undefined, locale = "en"): string => (n === null || n === undefined ? "—" : numberFormat(locale, 0).format(n));

export const formatRate = (n: number, locale = "en"): string => `${numberFormat(locale, 1).format(n)}/s`;

/** A point in time as the whole console writes it: `2026-12-07 17:40:05 UTC` (see format-date.ts). */
export const formatTime = (iso: string): string => formatDate(iso);

/** Binary units (KiB, MiB…), as Elasticsearch and Kafka tools print them; the same symbols in every language. */
export function formatBytes(n: number, locale = "en"): string {
  if (n < 1024) {
    return `${numberFormat(locale, 0).format(n)} B`;
  }
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)} ${units[i]}`;
}
