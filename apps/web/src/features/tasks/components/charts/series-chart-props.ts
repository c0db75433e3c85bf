import type { SeriesRange } from "@outflow/schemas/api/task-series";
import type { ChartRow } from "./chart-rows";

/** What every chart of the task page is drawn from. */
export type SeriesChartProps = { rows: readonly ChartRow[]; range: SeriesRange; domain: [number, number] };
