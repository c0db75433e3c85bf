import type { Problem } from "./compile-issues";

/** Time-zone offsets from Intl (present in Node and browsers), cached per zone and quarter hour. */
export type TimeZone = { name: string; offsetMinutesAt(epochMs: number): number };

const FIXED = /^(?:UTC|GMT|Z)?([+-])(\d{2}):?(\d{2})$/;
const QUARTER_HOUR = 15 * 60_000;
const CACHE_LIMIT = 4096;
const DAY = 86_400_000;

export function compileTimeZone(name: string): { ok: true; zone: TimeZone } | ({ ok: false } & Problem) {
  const trimmed = name.trim();
  if (trimmed === "UTC" || trimmed === "Z" || trimmed === "GMT") {
    return { ok: true, zone: { name: "UTC", offsetMinutesAt: () => 0 } };
  }
  const fixed = FIXED.exec(trimmed);
  if (fixed) {
    const minutes = (Number(fixed[2]) * 60 + Number(fixed[3])) * (fixed[1] === "-" ? -1 : 1);
    if (Math.abs(minutes) > 18 * 60 || Number(fixed[3]) > 59) {
      return { ok: false, reason: `offset ${trimmed} is out of range (±18:00)`, key: "compile.timeZone.offsetRange", params: { offset: trimmed } };
    }
    return { ok: true, zone: { name: trimmed, offsetMinutesAt: () => minutes } };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: trimmed,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return {
      ok: false,
      reason: `unknown time zone "${trimmed}" (use an IANA name such as Asia/Shanghai, or an offset such as +08:00)`,
      key: "compile.timeZone.unknown",
      params: { zone: trimmed },
    };
  }
  const cache = new Map<number, number>();
  const offsetMinutesAt = (epochMs: number): number => {
    const bucket = Math.floor(epochMs / QUARTER_HOUR);
    const hit = cache.get(bucket);
    if (hit !== undefined) {
      return hit;
    }
    const instant = bucket * QUARTER_HOUR;
    const parts: Record<string, number> = {};
    for (const p of format.formatToParts(instant)) {
      if (p.type !== "literal") {
        parts[p.type] = Number(p.value);
      }
    }
    const wall = utcMs(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    const offset = Math.round((wall - instant) / 60_000);
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.set(bucket, offset);
    return offset;
  };
  return { ok: true, zone: { name: trimmed, offsetMinutesAt } };
}

/** Date.UTC, except that years 0–99 are those years (Date.UTC reads them as 1900–1999). */
export function utcMs(year: number, month0: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (year >= 0 && year < 100) {
    // The Gregorian calendar repeats every 400 years (146,097 days).
    return Date.UTC(year + 400, month0, day, hour, minute, second, ms) - 146_097 * DAY;
  }
  return Date.UTC(year, month0, day, hour, minute, second, ms);
}

/**
 * The UTC instant of a wall-clock time in a zone: the earlier of two on a DST overlap; a time inside a DST gap
 * is moved forward by the length of the gap (02:30 → 03:30), as java.time does.
 */
export function wallTimeToEpoch(zone: TimeZone, wallAsUtcMs: number): number {
  // The offsets in force around this wall time (wall time and instant are never more than a day apart).
  const before = zone.offsetMinutesAt(wallAsUtcMs - DAY);
  const after = zone.offsetMinutesAt(wallAsUtcMs + DAY);
  let best: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wallAsUtcMs - offset * 60_000;
    if (zone.offsetMinutesAt(instant) === offset && (best === null || instant < best)) {
      best = instant;
    }
  }
  return best ?? wallAsUtcMs - before * 60_000;
}
