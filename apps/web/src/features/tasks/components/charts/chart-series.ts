import type { ChartRow } from "./chart-rows";

/** One line of a chart: which value of the rows it draws, its name in the legend and read-out, and its unit (both in the page's language). */
export type ChartSeries = {
  key: Exclude<keyof ChartRow, "t">;
  name: string;
  unit: string;
  /** A theme colour (globals.css variables). */
  color: string;
  dashed?: boolean;
  /** Drawn against the right-hand axis (a value in other units than the left one). */
  right?: boolean;
};
