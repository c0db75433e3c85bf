import { mapStrings, plainReason } from "@outflow/schemas/reason-values";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileDatePattern, type DatePattern, parseIsoWithOffsetFast } from "./date-format";
import { T0 } from "./test-fixtures";
import { compileTimeZone, type TimeZone } from "./time-zone";

function pattern(source: string): DatePattern {
  const r = compileDatePattern(source);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.pattern;
}

function zone(name: string): TimeZone {
  const r = compileTimeZone(name);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.zone;
}

const UTC = zone("UTC");
const iso = (ms: number) => new Date(ms).toISOString();

/** Parses and returns the instant as an ISO string, or the failure reason prefixed with "!". */
function parse(source: string, value: unknown, zoneName = "UTC"): string {
  const r = pattern(source).parse(value, zone(zoneName));
  return r.ok ? iso(r.epochMs) : `!${plainReason(r.reason)}`;
}

describe("formatting, token by token", () => {
  // T0 = 2024-03-05T07:08:09.045Z, a Tuesday.
  const PM = Date.UTC(2024, 2, 5, 19, 8, 9, 45);
  const MIDNIGHT = Date.UTC(2024, 11, 25, 0, 30, 0, 0);
  const NOON = Date.UTC(2024, 11, 25, 12, 0, 0, 0);
  it.each([
    ["yyyy", T0, "2024"],
    ["uuuu", T0, "2024"],
    ["yy", T0, "24"],
    ["MM", T0, "03"],
    ["M", T0, "3"],
    ["MMM", T0, "Mar"],
    ["MMMM", T0, "March"],
    ["MMMM", MIDNIGHT, "December"],
    ["dd", T0, "05"],
    ["d", T0, "5"],
    ["d", MIDNIGHT, "25"],
    ["HH", T0, "07"],
    ["H", T0, "7"],
    ["HH", PM, "19"],
    ["hh", T0, "07"],
    ["h", T0, "7"],
    ["hh", PM, "07"],
    ["hh", MIDNIGHT, "12"],
    ["hh", NOON, "12"],
    ["a", T0, "AM"],
    ["a", PM, "PM"],
    ["a", MIDNIGHT, "AM"],
    ["a", NOON, "PM"],
    ["mm", T0, "08"],
    ["m", T0, "8"],
    ["ss", T0, "09"],
    ["s", T0, "9"],
    ["SSS", T0, "045"],
    ["S", T0, "0"],
    ["SS", T0, "04"],
    ["SSSSSS", T0, "045000"],
    ["EEE", T0, "Tue"],
    ["EEEE", T0, "Tuesday"],
    ["Z", T0, "+0000"],
    ["XXX", T0, "Z"],
    ["XX", T0, "Z"],
    ["X", T0, "Z"],
    ["xxx", T0, "+00:00"],
  ])("%s of %s in UTC → %s", (token, ms, expected) => {
    expect(pattern(`yyyy|${token}`).format(ms, UTC)).toBe(`${new Date(ms).getUTCFullYear()}|${expected}`);
  });

  it.each([
    ["Z", "+08:00", "+0800"],
    ["XXX", "+08:00", "+08:00"],
    ["XX", "+08:00", "+0800"],
    ["X", "+08:00", "+08"],
    ["X", "+05:30", "+0530"],
    ["X", "-03:00", "-03"],
    ["XXX", "-03:30", "-03:30"],
    ["Z", "-03:30", "-0330"],
    ["XXX", "Asia/Shanghai", "+08:00"],
    ["XXX", "America/New_York", "-05:00"], // March 5th: still standard time
  ])("offset %s in %s → %s", (token, zoneName, expected) => {
    expect(pattern(`yyyy|${token}`).format(T0, zone(zoneName))).toBe(`2024|${expected}`);
  });

  it("formats wall-clock fields in the zone", () => {
    const p = pattern("yyyy-MM-dd HH:mm:ss.SSS");
    expect(p.format(T0, zone("Asia/Shanghai"))).toBe("2024-03-05 15:08:09.045");
    expect(p.format(T0, zone("+08:00"))).toBe("2024-03-05 15:08:09.045");
    expect(p.format(T0, zone("America/New_York"))).toBe("2024-03-05 02:08:09.045");
    // An evening in New York is already the next day in UTC and in Shanghai.
    const evening = Date.UTC(2024, 2, 5, 23, 30);
    expect(pattern("yyyy-MM-dd EEE").format(evening, zone("Asia/Shanghai"))).toBe("2024-03-06 Wed");
    expect(pattern("yyyy-MM-dd EEE").format(evening, zone("America/New_York"))).toBe("2024-03-05 Tue");
  });

  it("follows daylight saving time in America/New_York", () => {
    const p = pattern("yyyy-MM-dd HH:mm XXX");
    const ny = zone("America/New_York");
    // DST starts 2024-03-10 at 02:00 local (07:00Z).
    expect(p.format(Date.UTC(2024, 2, 10, 6, 59), ny)).toBe("2024-03-10 01:59 -05:00");
    expect(p.format(Date.UTC(2024, 2, 10, 7, 0), ny)).toBe("2024-03-10 03:00 -04:00");
    // DST ends 2024-11-03 at 02:00 local (06:00Z): 01:xx happens twice.
    expect(p.format(Date.UTC(2024, 10, 3, 5, 30), ny)).toBe("2024-11-03 01:30 -04:00");
    expect(p.format(Date.UTC(2024, 10, 3, 6, 30), ny)).toBe("2024-11-03 01:30 -05:00");
  });

  it("writes quoted literals as they are, and '' as a quote", () => {
    expect(pattern("yyyy-MM-dd'T'HH:mm").format(T0, UTC)).toBe("2024-03-05T07:08");
    expect(pattern("'day' d 'of' yyyy").format(T0, UTC)).toBe("day 5 of 2024");
    expect(pattern("yyyy''MM").format(T0, UTC)).toBe("2024'03");
    expect(pattern("'yyyy' yyyy").format(T0, UTC)).toBe("yyyy 2024");
  });

  it("pads years before 1000", () => {
    expect(pattern("yyyy-MM-dd").format(Date.parse("0500-06-01T00:00:00Z"), UTC)).toBe("0500-06-01");
    expect(pattern("yyyy-MM-dd").format(Date.parse("0050-06-01T00:00:00Z"), UTC)).toBe("0050-06-01");
  });
});

describe("parsing, token by token", () => {
  it.each([
    ["yyyy-MM-dd", "2024-03-05", "2024-03-05T00:00:00.000Z"],
    ["uuuu-MM-dd", "2024-03-05", "2024-03-05T00:00:00.000Z"],
    ["yyyyMMdd", "20240305", "2024-03-05T00:00:00.000Z"],
    ["yy-M-d", "24-3-5", "2024-03-05T00:00:00.000Z"],
    ["yyyy-M-d", "2024-12-25", "2024-12-25T00:00:00.000Z"],
    ["dd/MM/yyyy", "05/03/2024", "2024-03-05T00:00:00.000Z"],
    ["d MMM yyyy", "5 Mar 2024", "2024-03-05T00:00:00.000Z"],
    ["d MMM yyyy", "5 mar 2024", "2024-03-05T00:00:00.000Z"],
    ["d MMMM yyyy", "5 March 2024", "2024-03-05T00:00:00.000Z"],
    ["d MMMM yyyy", "25 SEPTEMBER 2024", "2024-09-25T00:00:00.000Z"],
    ["yyyy-MM-dd HH:mm:ss", "2024-03-05 07:08:09", "2024-03-05T07:08:09.000Z"],
    ["yyyy-MM-dd H:m:s", "2024-03-05 7:8:9", "2024-03-05T07:08:09.000Z"],
    ["yyyy-MM-dd HH:mm:ss.SSS", "2024-03-05 07:08:09.045", "2024-03-05T07:08:09.045Z"],
    ["yyyy-MM-dd HH:mm:ss.S", "2024-03-05 07:08:09.4", "2024-03-05T07:08:09.400Z"],
    ["yyyy-MM-dd HH:mm:ss.SS", "2024-03-05 07:08:09.04", "2024-03-05T07:08:09.040Z"],
    ["yyyy-MM-dd HH:mm:ss.SSSSSS", "2024-03-05 07:08:09.045999", "2024-03-05T07:08:09.045Z"],
    ["yyyy-MM-dd hh:mm a", "2024-03-05 07:08 PM", "2024-03-05T19:08:00.000Z"],
    ["yyyy-MM-dd hh:mm a", "2024-03-05 07:08 am", "2024-03-05T07:08:00.000Z"],
    ["yyyy-MM-dd h:mm a", "2024-03-05 12:30 AM", "2024-03-05T00:30:00.000Z"],
    ["yyyy-MM-dd h:mm a", "2024-03-05 12:30 PM", "2024-03-05T12:30:00.000Z"],
    ["yyyy-MM-dd HH:mm:ssZ", "2024-03-05 07:08:09+0800", "2024-03-04T23:08:09.000Z"],
    ["yyyy-MM-dd HH:mm:ss Z", "2024-03-05 07:08:09 -0530", "2024-03-05T12:38:09.000Z"],
    ["yyyy-MM-dd HH:mm:ssXXX", "2024-03-05 07:08:09+08:00", "2024-03-04T23:08:09.000Z"],
    ["yyyy-MM-dd HH:mm:ssXXX", "2024-03-05 07:08:09Z", "2024-03-05T07:08:09.000Z"],
    ["yyyy-MM-dd HH:mm:ssX", "2024-03-05 07:08:09+08", "2024-03-04T23:08:09.000Z"],
    ["yyyy-MM-dd HH:mm:ssX", "2024-03-05 07:08:09z", "2024-03-05T07:08:09.000Z"],
    ["EEE, dd MMM yyyy HH:mm:ss Z", "Tue, 05 Mar 2024 07:08:09 +0000", "2024-03-05T07:08:09.000Z"],
    ["EEEE d MMMM yyyy", "Tuesday 5 March 2024", "2024-03-05T00:00:00.000Z"],
    ["yyyy-MM-dd'T'HH:mm:ss", "2024-03-05T07:08:09", "2024-03-05T07:08:09.000Z"],
    ["yyyy-MM-dd'T'HH:mm:ss", "  2024-03-05T07:08:09  ", "2024-03-05T07:08:09.000Z"],
    ["yyyy''MM", "2024'03", "2024-03-01T00:00:00.000Z"],
    ["yyyy.MM.dd", "2024.03.05", "2024-03-05T00:00:00.000Z"],
    ["yyyy-MM-dd HH:mm:ss", "2016-12-31 23:59:60", "2016-12-31T23:59:59.000Z"], // leap second, clamped
    ["yyyy-MM-dd", "2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["yyyy-MM-dd", "0050-01-01", "0050-01-01T00:00:00.000Z"],
    ["yyyy-MM-dd", "0001-01-01", "0001-01-01T00:00:00.000Z"],
  ])("%s reads %j as %s", (source, value, expected) => {
    expect(parse(source, value)).toBe(expected);
  });

  it("reads values without an offset in the given zone, and values with one at that offset", () => {
    expect(parse("yyyy-MM-dd HH:mm", "2024-03-05 15:08", "Asia/Shanghai")).toBe("2024-03-05T07:08:00.000Z");
    expect(parse("yyyy-MM-dd HH:mm", "2024-03-05 15:08", "+08:00")).toBe("2024-03-05T07:08:00.000Z");
    expect(parse("yyyy-MM-dd HH:mm", "2024-03-05 15:08", "UTC+0800")).toBe("2024-03-05T07:08:00.000Z");
    expect(parse("yyyy-MM-dd HH:mm", "2024-03-05 02:08", "America/New_York")).toBe("2024-03-05T07:08:00.000Z");
    expect(parse("yyyy-MM-dd HH:mm XXX", "2024-03-05 15:08 +09:00", "Asia/Shanghai")).toBe("2024-03-05T06:08:00.000Z");
  });

  it("reads New York wall times on both sides of a DST change", () => {
    const p = "yyyy-MM-dd HH:mm";
    expect(parse(p, "2024-03-09 12:00", "America/New_York")).toBe("2024-03-09T17:00:00.000Z"); // EST
    expect(parse(p, "2024-03-10 12:00", "America/New_York")).toBe("2024-03-10T16:00:00.000Z"); // EDT
    expect(parse(p, "2024-11-02 12:00", "America/New_York")).toBe("2024-11-02T16:00:00.000Z"); // EDT
    expect(parse(p, "2024-11-04 12:00", "America/New_York")).toBe("2024-11-04T17:00:00.000Z"); // EST
  });

  it("reads an ambiguous wall time (DST ends) as the earlier instant, in zones west and east of UTC", () => {
    expect(parse("yyyy-MM-dd HH:mm", "2024-11-03 01:30", "America/New_York")).toBe("2024-11-03T05:30:00.000Z");
    expect(parse("yyyy-MM-dd HH:mm", "2024-10-27 02:30", "Europe/Berlin")).toBe("2024-10-27T00:30:00.000Z");
  });

  it("moves a wall time that does not exist (DST starts) forward by the gap, as java.time does", () => {
    expect(parse("yyyy-MM-dd HH:mm", "2024-03-10 02:30", "America/New_York")).toBe("2024-03-10T07:30:00.000Z"); // 03:30 EDT
    expect(parse("yyyy-MM-dd HH:mm", "2024-03-31 02:30", "Europe/Berlin")).toBe("2024-03-31T01:30:00.000Z"); // 03:30 CEST
  });
});

describe("invalid and malformed input: a reason, never a throw", () => {
  it.each([
    ["yyyy-MM-dd", "2024-02-30", "is not a real date"],
    ["yyyy-MM-dd", "2023-02-29", "is not a real date"],
    ["yyyy-MM-dd", "2024-04-31", "is not a real date"],
    ["yyyy-MM-dd", "2024-13-01", "month 13 is out of range"],
    ["yyyy-MM-dd", "2024-00-01", "month 00 is out of range"],
    ["yyyy-MM-dd", "2024-01-32", "day 32 is out of range"],
    ["yyyy-MM-dd", "2024-01-00", "day 00 is out of range"],
    ["yyyy-MM-dd HH:mm", "2024-01-01 24:00", "hour 24 is out of range"],
    ["yyyy-MM-dd hh:mm a", "2024-01-01 13:00 PM", "hour 13 is out of range"],
    ["yyyy-MM-dd hh:mm a", "2024-01-01 00:00 AM", "hour 00 is out of range"],
    ["yyyy-MM-dd HH:mm", "2024-01-01 10:60", "minute 60 is out of range"],
    ["yyyy-MM-dd HH:mm:ss", "2024-01-01 10:00:61", "second 61 is out of range"],
    ["d MMM yyyy", "5 Foo 2024", 'unknown month "Foo"'],
    ["d MMMM yyyy", "5 Mar 2024", 'unknown month "Mar"'],
    ["yyyy-MM-dd HH:mmXXX", "2024-01-01 10:00+25:00", "offset +25:00 is out of range"],
    ["yyyy-MM-dd HH:mmXXX", "2024-01-01 10:00+08:60", "offset +08:60 is out of range"],
    ["yyyy-MM-dd", "2024/03/05", 'does not match date format "yyyy-MM-dd"'],
    ["yyyy-MM-dd", "", 'does not match date format "yyyy-MM-dd"'],
    ["yyyy-MM-dd", "2024-03-05 extra", "does not match"],
    ["yyyy-MM-dd", "24-03-05", "does not match"],
    ["yyyy-MM-dd", 20240305, "expected a date string"],
    ["yyyy-MM-dd", null, "got null"],
    ["yyyy-MM-dd", undefined, "field missing"],
    ["yyyy-MM-dd", { y: 2024 }, "got an object"],
    ["yyyy-MM-dd", ["2024-03-05"], "got an array"],
    ["yyyy-MM-dd", true, "got boolean true"],
  ])("%s with %j → %s", (source, value, reason) => {
    const out = parse(source, value);
    expect(out.startsWith("!")).toBe(true);
    expect(out).toContain(reason);
  });

  it("truncates a long value in the reason", () => {
    const out = parse("yyyy-MM-dd", "x".repeat(500));
    expect(out).toContain("…");
    expect(out.length).toBeLessThan(200);
  });
});

describe("compiling patterns", () => {
  it.each([
    ["yyyy-MM-dd'T", "unterminated quote"],
    ["yyyy-MM-dd QQ", "unsupported letter 'Q'"],
    ["yyyy-MM-dd zzz", "unsupported letter 'z'"],
    ["yyyy-DDD", "unsupported letter 'D'"],
    ["MM-dd", "has no year"],
    ["HH:mm:ss", "has no year"],
    ["'yyyy'", "has no year"],
    [`yyyy${"-".repeat(100)}`, "longer than 100 characters"],
    // Names of Object.prototype members are not named formats.
    ["toString", ""],
    ["constructor", ""],
    ["__proto__", ""],
    ["hasOwnProperty", ""],
    ["valueOf", ""],
  ])("rejects %j (%s)", (source, reason) => {
    const r = compileDatePattern(source);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(reason);
    }
  });

  it("accepts the named formats", () => {
    for (const name of ["iso", "epoch_millis", "epoch_seconds"]) {
      expect(pattern(name).source).toBe(name);
    }
  });
});

describe("named format iso", () => {
  it.each([
    ["2024-03-05T07:08:09Z", "UTC", "2024-03-05T07:08:09.000Z"],
    ["2024-03-05T07:08:09z", "UTC", "2024-03-05T07:08:09.000Z"],
    ["2024-03-05T07:08:09.045Z", "Asia/Shanghai", "2024-03-05T07:08:09.045Z"],
    ["2024-03-05T07:08:09.123456789Z", "UTC", "2024-03-05T07:08:09.123Z"],
    ["2024-03-05T15:08:09+08:00", "UTC", "2024-03-05T07:08:09.000Z"],
    ["2024-03-05 15:08:09+0800", "UTC", "2024-03-05T07:08:09.000Z"],
    ["2024-03-05T02:08-05:00", "UTC", "2024-03-05T07:08:00.000Z"],
    ["2024-03-05", "UTC", "2024-03-05T00:00:00.000Z"],
    ["2024-03-05", "Asia/Shanghai", "2024-03-04T16:00:00.000Z"],
    ["2024-03-05T15:08", "+08:00", "2024-03-05T07:08:00.000Z"],
    ["2024-03-05 15:08:09.5", "Asia/Shanghai", "2024-03-05T07:08:09.500Z"],
    ["2024-07-04T12:00:00", "America/New_York", "2024-07-04T16:00:00.000Z"],
    [" 2024-03-05T07:08:09Z ", "UTC", "2024-03-05T07:08:09.000Z"],
  ])("%j in %s → %s", (value, zoneName, expected) => {
    expect(parse("iso", value, zoneName)).toBe(expected);
  });

  it.each([
    ["2024-02-30", "is not a real date"],
    ["2023-02-29", "is not a real date"],
    ["2024-02-30T00:00:00Z", "is not a real date"],
    ["2024-04-31T10:00:00+02:00", "is not a real date"],
    ["2024-13-01T00:00:00Z", "is not a real date"],
    ["2024-03-05T25:00:00Z", "is not a real date"],
    ["05/03/2024", "is not an ISO-8601 date"],
    ["", "is not an ISO-8601 date"],
    ["2024-03-05T07:08:09+8", "is not an ISO-8601 date"],
    [1709622489045, "expected an ISO-8601 date string, got number 1709622489045"],
    [null, "got null"],
  ])("%j → %s", (value, reason) => {
    const out = parse("iso", value);
    expect(out.startsWith("!")).toBe(true);
    expect(out).toContain(reason);
  });

  it("formats as UTC ISO-8601 whatever the zone", () => {
    expect(pattern("iso").format(T0, zone("Asia/Shanghai"))).toBe("2024-03-05T07:08:09.045Z");
  });
});

describe("named formats epoch_millis and epoch_seconds", () => {
  it.each([
    ["epoch_millis", 1709622489045, "2024-03-05T07:08:09.045Z"],
    ["epoch_millis", "1709622489045", "2024-03-05T07:08:09.045Z"],
    ["epoch_millis", " 1709622489045 ", "2024-03-05T07:08:09.045Z"],
    ["epoch_millis", 0, "1970-01-01T00:00:00.000Z"],
    ["epoch_millis", "-1000", "1969-12-31T23:59:59.000Z"],
    ["epoch_millis", 1.6, "1970-01-01T00:00:00.002Z"],
    ["epoch_seconds", 1709622489, "2024-03-05T07:08:09.000Z"],
    ["epoch_seconds", "1709622489", "2024-03-05T07:08:09.000Z"],
    ["epoch_seconds", "1709622489.045", "2024-03-05T07:08:09.045Z"],
    ["epoch_seconds", -1, "1969-12-31T23:59:59.000Z"],
  ])("%s reads %j as %s", (source, value, expected) => {
    expect(parse(source, value, "Asia/Shanghai")).toBe(expected);
  });

  it.each([
    ["epoch_millis", "abc", "expected epoch_millis as a number"],
    ["epoch_millis", "", "expected epoch_millis as a number"],
    ["epoch_millis", "1e3", "expected epoch_millis as a number"],
    ["epoch_millis", "12 34", "expected epoch_millis as a number"],
    ["epoch_millis", null, "got null"],
    ["epoch_millis", true, "got boolean true"],
    ["epoch_millis", {}, "got an object"],
    ["epoch_millis", Number.NaN, "expected epoch_millis as a number"],
    ["epoch_millis", Number.POSITIVE_INFINITY, "expected epoch_millis as a number"],
    ["epoch_millis", "9".repeat(400), "expected epoch_millis as a number"],
    ["epoch_millis", 9e15, "out of the date range"],
    ["epoch_seconds", 9e12, "out of the date range"],
    ["epoch_seconds", "x1", "expected epoch_seconds as a number"],
  ])("%s rejects %j (%s)", (source, value, reason) => {
    const out = parse(source, value);
    expect(out.startsWith("!")).toBe(true);
    expect(out).toContain(reason);
  });

  it("formats as a decimal string (seconds rounded down)", () => {
    expect(pattern("epoch_millis").format(T0, UTC)).toBe("1709622489045");
    expect(pattern("epoch_seconds").format(T0, UTC)).toBe("1709622489");
    expect(pattern("epoch_seconds").format(-1500, UTC)).toBe("-2");
  });
});

describe("properties", () => {
  const ZONES = [
    "UTC",
    "+08:00",
    "-03:30",
    "+05:45",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Pacific/Chatham",
  ];
  // Every pattern holds every field down to the millisecond and an offset (or is a named format).
  const WITH_OFFSET = [
    "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    "yyyyMMddHHmmssSSSZ",
    "EEE, dd MMM yyyy hh:mm:ss.SSS a X",
    "EEEE d MMMM yyyy H:m:s.SSS xxx",
    "yyyy/M/d h:mm:ss.SSS a XX",
    "iso",
    "epoch_millis",
  ];
  const WITHOUT_OFFSET = ["yyyy-MM-dd HH:mm:ss.SSS", "dd MMM yyyy hh:mm:ss.SSS a", "yyyyMMdd'T'HHmmssSSS"];
  const instant = (from: number, to: number) => fc.integer({ min: Date.UTC(from, 0, 1), max: Date.UTC(to, 0, 1) });

  it("format then parse gives back the instant (patterns with an offset)", () => {
    fc.assert(
      fc.property(instant(1900, 2100), fc.constantFrom(...ZONES), fc.constantFrom(...WITH_OFFSET), (ms, zoneName, source) => {
        const z = zone(zoneName);
        const p = pattern(source);
        const text = p.format(ms, z);
        const back = p.parse(text, z);
        expect(back, `${source} in ${zoneName}: ${text}`).toEqual({ ok: true, epochMs: ms });
      }),
      { numRuns: 2_000 },
    );
  });

  it("parse then format gives back the wall-clock text (patterns without an offset, incl. DST overlaps)", () => {
    fc.assert(
      fc.property(instant(1970, 2100), fc.constantFrom(...ZONES), fc.constantFrom(...WITHOUT_OFFSET), (ms, zoneName, source) => {
        const z = zone(zoneName);
        const p = pattern(source);
        const text = p.format(ms, z);
        const back = p.parse(text, z);
        if (!back.ok) {
          throw new Error(back.reason);
        }
        expect(p.format(back.epochMs, z)).toBe(text);
        // Only a DST overlap can make the instant differ, and then by the size of the shift.
        expect(Math.abs(back.epochMs - ms)).toBeLessThanOrEqual(60 * 60_000);
      }),
      { numRuns: 2_000 },
    );
  });

  it("never throws, whatever the pattern text and input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.anything(), fc.constantFrom(...ZONES), (source, value, zoneName) => {
        const r = compileDatePattern(source);
        if (r.ok) {
          const out = r.pattern.parse(value, zone(zoneName));
          expect(out.ok || typeof out.reason === "string").toBe(true);
        }
      }),
    );
  });
});

describe("hot-path shortcuts give what the general path gives", () => {
  const ZONES = ["UTC", "+05:45", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Chatham"];
  const PATTERNS = ["yyyyMMdd", "yyyy.MM.dd", "yyyy-MM-dd-HH", "yyyy_MM_dd_HH_mm", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "yyyy-'w'EEE-MMM", "yyyyMMddZ"];
  const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) });

  it("a pattern formatting a run of nearby instants (reusing its last result) equals a fresh pattern each time", () => {
    fc.assert(
      fc.property(
        instant,
        fc.array(fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...PATTERNS),
        (start, steps, zoneName, source) => {
          const z = compileTimeZone(zoneName);
          if (!z.ok) {
            throw new Error(z.reason);
          }
          const reused = pattern(source);
          let t = start;
          for (const step of steps) {
            t += step;
            expect(reused.format(t, z.zone), `${source} in ${zoneName} at ${new Date(t).toISOString()}`).toBe(pattern(source).format(t, z.zone));
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("the ISO fast path reads yyyy-MM-ddTHH:mm:ss[.S{1,3}](Z|±HH:mm) as Date.parse does", () => {
    const offset = fc.oneof(
      fc.constant("Z"),
      fc
        .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([sign, h, m]) => `${sign}${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`),
    );
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 3 }), offset, (ms, fractionDigits, off) => {
        const iso = new Date(ms).toISOString(); // yyyy-MM-ddTHH:mm:ss.sssZ
        const text = `${iso.slice(0, 19)}${fractionDigits ? iso.slice(19, 20 + fractionDigits) : ""}${off}`;
        expect(parseIsoWithOffsetFast(text), text).toBe(Date.parse(text));
        expect(pattern("iso").parse(text, UTC), text).toEqual({ ok: true, epochMs: Date.parse(text) });
      }),
      { numRuns: 3_000 },
    );
  });

  it("the ISO fast path leaves every other shape to the general path, which still judges it", () => {
    for (const text of [
      "2025-02-29T00:00:00Z", // not a leap year
      "2025-06-01T24:00:00Z",
      "2025-06-01T12:00:60Z",
      "2025-06-01T12:00:00.1234Z",
      "2025-06-01T12:00:00+0530",
      "2025-06-01T12:00:00z",
      "2025-06-01T12:00:00",
      "2025-06-01 12:00:00Z",
      "0099-06-01T12:00:00Z",
      "2025-13-01T12:00:00Z",
      "2025-06-01T12:00:00+24:00",
    ]) {
      expect(parseIsoWithOffsetFast(text), text).toBeUndefined();
    }
    expect(mapStrings(pattern("iso").parse("2025-02-29T00:00:00Z", UTC), plainReason)).toEqual({
      ok: false,
      reason: '"2025-02-29T00:00:00Z" is not a real date',
    });
    expect(pattern("iso").parse("2024-02-29T00:00:00Z", UTC)).toEqual({ ok: true, epochMs: Date.UTC(2024, 1, 29) });
    expect(pattern("iso").parse("2025-06-01T12:00:00.1234Z", UTC)).toEqual({ ok: true, epochMs: Date.UTC(2025, 5, 1, 12, 0, 0, 123) });
    expect(pattern("iso").parse("2025-06-01T12:00:00+0530", UTC)).toEqual({ ok: true, epochMs: Date.UTC(2025, 5, 1, 6, 30) });
  });
});
