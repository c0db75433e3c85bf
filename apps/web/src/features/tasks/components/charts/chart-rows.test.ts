import { emptySeriesPoint, type SeriesPoint, type TaskSeries } from "@outflow/schemas/api/task-series";
import { describe, expect, it } from "vitest";
import { chartRows, hasSamples } from "./chart-rows";

const empty = emptySeriesPoint;
const series = (points: SeriesPoint[]): TaskSeries => ({ range: "15m", stepSeconds: 2, from: points[0]?.at ?? "", to: "", points });

describe("chartRows", () => {
  it("plots each point at its time in milliseconds with its values", () => {
    const rows = chartRows(series([{ ...empty("2026-12-01T12:00:00.000Z"), inPerSecond: 5, lag: 3 }]));
    expect(rows).toEqual([expect.objectContaining({ t: Date.parse("2026-12-01T12:00:00.000Z"), in: 5, lag: 3, written: null })]);
  });

  it("has samples once any point holds a value, a lag of 0 included", () => {
    const points = [empty("2026-12-01T12:00:00.000Z"), empty("2026-12-01T12:00:02.000Z")];
    expect(hasSamples(chartRows(series(points)))).toBe(false);
    expect(hasSamples(chartRows(series([points[0] as SeriesPoint, { ...(points[1] as SeriesPoint), lag: 0 }])))).toBe(true);
  });
});
