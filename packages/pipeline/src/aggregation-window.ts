import type { TaskConfig } from "@outflow/schemas/task-config";
import { windowSizeMs } from "@outflow/schemas/task-config";
import type { IssueList } from "./compile-issues";
import { compileDatePattern } from "./date-format";
import { compileEventTime, type EventTime } from "./event-time";
import { compileTimeZone, type TimeZone, wallTimeToEpoch } from "./time-zone";

type WindowConfig = NonNullable<NonNullable<TaskConfig["sink"]["aggregation"]>["window"]>;

/** One tumbling window: its bounds as instants and as the text written into the document and its ID. */
export type Window = { startMs: number; endMs: number; start: string; end: string };

export type WindowSpec = { startAs: string; endAs: string; sizeMs: number; time: EventTime; windowOf(epochMs: number): Window };

const TEXT = compileDatePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

export function compileWindow(w: WindowConfig, issues: IssueList, at: string): WindowSpec | undefined {
  const zone = compileTimeZone(w.timeZone);
  if (!zone.ok) {
    issues.addProblem(`${at}.timeZone`, zone);
    return undefined;
  }
  const time = compileEventTime(w.time, zone.zone, issues, `${at}.time`);
  if (!time || !TEXT.ok) {
    return undefined;
  }
  const sizeMs = windowSizeMs(w.size);
  const z = zone.zone;
  const text = TEXT.pattern;
  return {
    startAs: w.startAs,
    endAs: w.endAs,
    sizeMs,
    time,
    windowOf(epochMs) {
      const { startMs, endMs } = windowBounds(epochMs, sizeMs, z);
      return { startMs, endMs, start: text.format(startMs, z), end: text.format(endMs, z) };
    },
  };
}

/**
 * Windows are aligned on the zone's wall clock, as Flink aligns them on a TIMESTAMP_LTZ: a 1d window is a calendar
 * day there (23 or 25 hours when the clocks change); on the night the clocks go back, the wall-clock hour that
 * happens twice is one window of two hours (an hourly window); a window shorter than that span is one window for
 * both passes (its bounds are the first pass's), as a window on local time is in Flink. Every instant belongs to
 * exactly one window.
 */
export function windowBounds(epochMs: number, sizeMs: number, zone: TimeZone): { startMs: number; endMs: number } {
  const wall = epochMs + zone.offsetMinutesAt(epochMs) * 60_000;
  const wallStart = Math.floor(wall / sizeMs) * sizeMs;
  return { startMs: wallTimeToEpoch(zone, wallStart), endMs: wallTimeToEpoch(zone, wallStart + sizeMs) };
}
