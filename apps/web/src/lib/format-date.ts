/**
 * The console's one way to write a point in time: ISO-like, in UTC, the zone named — `2026-12-07 17:40:05 UTC`.
 * UTC because the worker, the logs, Kafka and Elasticsearch all speak it, and a date the server renders reads the
 * same in every browser. The timestamp inputs take the same form (parseDateInput).
 */
export const DATE_INPUT_FORMAT = "YYYY-MM-DD HH:mm:ss";
export const TIME_ZONE_NAME = "UTC";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function toDate(value: Date | string | number): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-12-07 17:40:05` (UTC, no zone): the text of a timestamp input. Empty for a value that is not a time. */
export function formatDateInput(value: Date | string | number): string {
  const d = toDate(value);
  if (!d) {
    return "";
  }
  const year = d.getUTCFullYear();
  const y = year < 0 || year > 9999 ? String(year) : pad(year, 4);
  return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2026-12-07 17:40:05 UTC`; a string that is not a time is shown as it is. */
export function formatDate(value: Date | string | number): string {
  const text = formatDateInput(value);
  return text === "" ? String(value) : `${text} ${TIME_ZONE_NAME}`;
}

/** `17:40:05` (UTC): a clock time where the day is clear from around it. */
export function formatClock(value: Date | string | number): string {
  return formatDateInput(value).slice(11);
}

const INPUT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:\s*(?:UTC|Z))?$/i;

/**
 * Epoch milliseconds of what was typed into a timestamp input: `2026-12-07 17:40:05`, with or without seconds,
 * `T` or a trailing ` UTC`/`Z` (always UTC); null when it is not such a time or names a day that does not exist.
 */
export function parseDateInput(text: string): number | null {
  const m = INPUT.exec(text.trim());
  if (!m) {
    return null;
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? "0").padEnd(3, "0"));
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  const valid = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
  return valid ? t : null;
}
