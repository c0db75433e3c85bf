import type { SeriesRange } from "@outflow/schemas/api/task-series";
import { formatDate } from "@/lib/format-date";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** An axis tick: 1.2K, 35, 0.5. */
export const formatTick = (n: number): string => compact.format(n);

/** A read-out value with its unit, or a dash where the step has none. */
export function formatValue(n: number | null | undefined, unit: string): string {
  return n === null || n === undefined ? "—" : `${exact.format(n)} ${unit}`;
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
const clockSeconds = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "UTC" });
const dayClock = new Intl.DateTimeFormat("en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });

/** A time tick: the clock for a day or less, the weekday too for 7 days (UTC, as every date in the console). */
export function formatTimeTick(t: number, range: SeriesRange): string {
  return range === "7d" ? dayClock.format(t) : range === "15m" ? clockSeconds.format(t) : clock.format(t);
}

/** The hover read-out's time: the step's start, in full. */
export const formatReadoutTime = (t: number): string => formatDate(t);
