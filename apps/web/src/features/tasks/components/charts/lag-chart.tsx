import type { ChartSeries } from "./chart-series";
import type { SeriesChartProps } from "./series-chart-props";
import { TimeSeriesChart } from "./time-series-chart";

const SERIES: readonly ChartSeries[] = [{ key: "lag", name: "Lag", unit: "messages", color: "var(--accent)" }];

/** Messages in the topics not committed yet (end offset − committed offset, over all partitions). */
export function LagChart(props: SeriesChartProps) {
  return <TimeSeriesChart title="Lag" unit="messages" series={SERIES} {...props} />;
}
