/** Timestamps, dates and times of Avro and Protobuf as ISO-8601 text or epoch milliseconds. */
export type Timestamps = "iso" | "epoch_millis";

const DAY_MS = 86_400_000;

function isoOf(ms: number, what: string): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) {
    throw new Error(`${what} is outside the range of dates`);
  }
  return d.toISOString();
}

/** Epoch milliseconds → `2026-12-07T10:15:00.123Z` (`utc` false: a local timestamp, no zone). */
export function millisText(ms: number, t: Timestamps, utc: boolean): string | number {
  if (t === "epoch_millis") {
    return ms;
  }
  const iso = isoOf(ms, `timestamp ${ms} ms`);
  return utc ? iso : iso.slice(0, -1);
}

/** Epoch microseconds → ISO with six fraction digits, or epoch milliseconds (a fraction when there are microseconds). */
export function microsText(us: bigint, t: Timestamps, utc: boolean): string | number {
  const ms = floorDiv(us, 1000n);
  if (t === "epoch_millis") {
    return Number(us) / 1000;
  }
  const iso = isoOf(Number(ms), `timestamp ${us} µs`);
  const micros = String(us - ms * 1000n).padStart(3, "0");
  return `${iso.slice(0, -1)}${micros}${utc ? "Z" : ""}`;
}

/** Epoch seconds and nanoseconds (Protobuf's Timestamp) → ISO (as many fraction digits as needed, 3, 6 or 9) or epoch milliseconds. */
export function secondsNanosText(seconds: bigint, nanos: number, t: Timestamps): string | number {
  if (t === "epoch_millis") {
    return Number(seconds) * 1000 + nanos / 1e6;
  }
  const iso = isoOf(Number(seconds) * 1000, `timestamp ${seconds} s`);
  const nineDigits = String(nanos).padStart(9, "0");
  const fraction = nanos % 1_000_000 === 0 ? nineDigits.slice(0, 3) : nanos % 1000 === 0 ? nineDigits.slice(0, 6) : nineDigits;
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

/** Days since 1970-01-01 → `2026-12-07`. */
export function dateText(days: number): string {
  return isoOf(days * DAY_MS, `date ${days} days`).slice(0, 10);
}

/** Microseconds of the day → `10:15:00.123` (six fraction digits when there are microseconds). */
export function timeOfDayText(us: bigint): string {
  if (us < 0n || us >= BigInt(DAY_MS) * 1000n) {
    throw new Error(`time of day ${us} µs is not within a day`);
  }
  const ms = Number(us / 1000n);
  const rest = Number(us % 1000n);
  const text = new Date(ms).toISOString().slice(11, 23);
  return rest === 0 ? text : `${text}${String(rest).padStart(3, "0")}`;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}
