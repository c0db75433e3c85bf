import type { SeriesRange } from "@outflow/schemas/api/task-series";
import { formatDate } from "@/lib/format-date";

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = cache.get(key) as F | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** An axis tick in the page's language: 1.2K, 35, 0.5 (1.2万 in Chinese). */
export const formatTick = (n: number, locale = "en"): string =>
  cached(`compact/${locale}`, () => new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 })).format(n);

/** A read-out value with its unit, or a dash where the step has none. */
export function formatValue(n: number | null | undefined, unit: string, locale = "en"): string {
  return n === null || n === undefined
    ? "—"
    : `${cached(`exact/${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(n)} ${unit}`;
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
const clockSeconds = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "UTC" });
/** The weekday is a word: it follows the page's language (English days with the 24-hour clock, as the console writes times). */
const dayClock = (locale: string) =>
  cached(
    `day/${locale}`,
    () => new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" }),
  );

/** A time tick: the clock for a day or less, the weekday too for 7 days (UTC, as every date in the console). */
export function formatTimeTick(t: number, range: SeriesRange, locale = "en"): string {
  return range === "7d" ? dayClock(locale).format(t) : range === "15m" ? clockSeconds.format(t) : clock.format(t);
}

/** The hover read-out's time: the step's start, in full. */
export const formatReadoutTime = (t: number): string => formatDate(t);
