import { describe, expect, it } from "vitest";
import { formatClock, formatDate, formatDateInput, parseDateInput } from "./format-date";

const T = Date.UTC(2026, 11, 7, 17, 40, 5, 123);

describe("formatDate", () => {
  it("writes every time the same way, in UTC with the zone named, whatever its input", () => {
    expect(formatDate(T)).toBe("2026-12-07 17:40:05 UTC");
    expect(formatDate("2026-12-07T18:40:05.123+01:00")).toBe("2026-12-07 17:40:05 UTC");
    expect(formatDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe("2026-01-02 03:04:05 UTC");
    expect(formatClock(T)).toBe("17:40:05");
  });

  it("shows a text that is not a time as it is", () => {
    expect(formatDate("soon")).toBe("soon");
    expect(formatDateInput("soon")).toBe("");
  });
});

describe("parseDateInput", () => {
  it("reads what formatDateInput writes, and the same with T, without seconds or with the zone", () => {
    expect(parseDateInput(formatDateInput(T))).toBe(T - 123);
    expect(parseDateInput("2026-12-07T17:40:05Z")).toBe(T - 123);
    expect(parseDateInput("2026-12-07 17:40:05 UTC")).toBe(T - 123);
    expect(parseDateInput("2026-12-07 17:40")).toBe(T - 5_123);
    expect(parseDateInput("2026-12-07 17:40:05.5")).toBe(T - 123 + 500);
  });

  it("refuses day-first, month-first and impossible dates", () => {
    expect(parseDateInput("07/12/2026 17:40")).toBeNull();
    expect(parseDateInput("12/07/2026, 5:40 PM")).toBeNull();
    expect(parseDateInput("2026-02-30 10:00")).toBeNull();
    expect(parseDateInput("2026-12-07 24:00")).toBeNull();
    expect(parseDateInput("")).toBeNull();
  });
});
