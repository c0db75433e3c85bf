/** Time-zone offsets from Intl (present in Node and browsers), cached per zone and quarter hour. */
export type TimeZone = { name: string; offsetMinutesAt(epochMs: number): number };

const FIXED = /^(?:UTC|GMT|Z)?([+-])(\d{2}):?(\d{2})$/;
const QUARTER_HOUR = 15 * 60_000;
const CACHE_LIMIT = 4096;

export function compileTimeZone(name: string): { ok: true; zone: TimeZone } | { ok: false; reason: string } {
  const trimmed = name.trim();
  if (trimmed === "UTC" || trimmed === "Z" || trimmed === "GMT") {
    return { ok: true, zone: { name: "UTC", offsetMinutesAt: () => 0 } };
  }
  const fixed = FIXED.exec(trimmed);
  if (fixed) {
    const minutes = (Number(fixed[2]) * 60 + Number(fixed[3])) * (fixed[1] === "-" ? -1 : 1);
    if (Math.abs(minutes) > 18 * 60) {
      return { ok: false, reason: `offset ${trimmed} is out of range (±18:00)` };
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
    return { ok: false, reason: `unknown time zone "${trimmed}" (use an IANA name such as Asia/Shanghai, or an offset such as +08:00)` };
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
    const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    const offset = Math.round((wall - instant) / 60_000);
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.set(bucket, offset);
    return offset;
  };
  return { ok: true, zone: { name: trimmed, offsetMinutesAt } };
}

/** The UTC instant of a wall-clock time in a zone (earlier of two on a DST overlap). */
export function wallTimeToEpoch(zone: TimeZone, wallAsUtcMs: number): number {
  const first = wallAsUtcMs - zone.offsetMinutesAt(wallAsUtcMs) * 60_000;
  const second = wallAsUtcMs - zone.offsetMinutesAt(first) * 60_000;
  return second;
}
