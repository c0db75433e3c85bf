import { describe, expect, it } from "vitest";
import { compileTimeZone, type TimeZone, wallTimeToEpoch } from "./time-zone";

function zone(name: string): TimeZone {
  const r = compileTimeZone(name);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.zone;
}

const JAN = Date.UTC(2024, 0, 15, 12);
const JUL = Date.UTC(2024, 6, 15, 12);

describe("compileTimeZone", () => {
  it.each([
    ["UTC", 0, 0],
    ["GMT", 0, 0],
    ["Z", 0, 0],
    [" UTC ", 0, 0],
    ["+08:00", 480, 480],
    ["+0800", 480, 480],
    ["-05:30", -330, -330],
    ["UTC+08:00", 480, 480],
    ["GMT-03:00", -180, -180],
    ["+18:00", 1080, 1080],
    ["-18:00", -1080, -1080],
    ["Asia/Shanghai", 480, 480],
    ["Asia/Kolkata", 330, 330],
    ["America/New_York", -300, -240],
    ["Europe/Berlin", 60, 120],
    ["Australia/Sydney", 660, 600],
    ["Etc/GMT-8", 480, 480],
  ])("%s: offset %i in January, %i in July", (name, jan, jul) => {
    const z = zone(name);
    expect(z.offsetMinutesAt(JAN)).toBe(jan);
    expect(z.offsetMinutesAt(JUL)).toBe(jul);
  });

  it.each([
    ["Mars/Olympus", "unknown time zone"],
    ["Asia/Shangai", "unknown time zone"],
    ["", "unknown time zone"],
    ["+19:00", "out of range"],
    ["-18:30", "out of range"],
    ["+08:60", "out of range"],
    ["+08:75", "out of range"],
  ])("rejects %j (%s)", (name, reason) => {
    const r = compileTimeZone(name);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(reason);
    }
  });

  it("gives the right offset for years before 100 (no two-digit-year mapping to 19xx)", () => {
    // Shanghai's local mean time was +08:05:43 then.
    const offset = zone("Asia/Shanghai").offsetMinutesAt(Date.parse("0050-06-01T00:00:00Z"));
    expect(offset).toBeGreaterThanOrEqual(480);
    expect(offset).toBeLessThanOrEqual(490);
  });

  it("does not depend on the machine's zone", () => {
    // Fixed zones never consult Intl; IANA zones are resolved by name.
    expect(zone("+08:00").offsetMinutesAt(0)).toBe(480);
    expect(zone("America/New_York").offsetMinutesAt(Date.UTC(2024, 10, 3, 5, 59))).toBe(-240);
    expect(zone("America/New_York").offsetMinutesAt(Date.UTC(2024, 10, 3, 6, 0))).toBe(-300);
  });
});

describe("wallTimeToEpoch", () => {
  const wall = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
  const at = (z: string, w: number) => new Date(wallTimeToEpoch(zone(z), w)).toISOString();

  it.each([
    ["UTC", wall(2024, 3, 5, 12), "2024-03-05T12:00:00.000Z"],
    ["+08:00", wall(2024, 3, 5, 12), "2024-03-05T04:00:00.000Z"],
    ["Asia/Shanghai", wall(2024, 3, 5, 12), "2024-03-05T04:00:00.000Z"],
    ["America/New_York", wall(2024, 1, 5, 12), "2024-01-05T17:00:00.000Z"],
    ["America/New_York", wall(2024, 7, 5, 12), "2024-07-05T16:00:00.000Z"],
    // The hour after the spring-forward gap and the hour after the fall-back overlap.
    ["America/New_York", wall(2024, 3, 10, 3), "2024-03-10T07:00:00.000Z"],
    ["America/New_York", wall(2024, 11, 3, 2), "2024-11-03T07:00:00.000Z"],
  ])("%s %s", (z, w, expected) => {
    expect(at(z, w)).toBe(expected);
  });

  it("takes the earlier of two instants on a DST overlap", () => {
    expect(at("America/New_York", wall(2024, 11, 3, 1, 30))).toBe("2024-11-03T05:30:00.000Z");
    expect(at("Europe/Berlin", wall(2024, 10, 27, 2, 30))).toBe("2024-10-27T00:30:00.000Z");
    expect(at("Australia/Sydney", wall(2024, 4, 7, 2, 30))).toBe("2024-04-06T15:30:00.000Z");
  });

  it("moves a wall time inside a DST gap forward by the gap", () => {
    expect(at("America/New_York", wall(2024, 3, 10, 2, 30))).toBe("2024-03-10T07:30:00.000Z");
    expect(at("Europe/Berlin", wall(2024, 3, 31, 2, 30))).toBe("2024-03-31T01:30:00.000Z");
    expect(at("Australia/Sydney", wall(2024, 10, 6, 2, 30))).toBe("2024-10-05T16:30:00.000Z");
  });
});
