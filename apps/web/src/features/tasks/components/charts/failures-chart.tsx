import type { ChartSeries } from "./chart-series";
import type { SeriesChartProps } from "./series-chart-props";
import { TimeSeriesChart } from "./time-series-chart";

const SERIES: readonly ChartSeries[] = [
  { key: "discarded", name: "Discarded", unit: "msg/s", color: "var(--warn)" },
  { key: "deadLettered", name: "Dead-lettered", unit: "msg/s", color: "var(--err)" },
  { key: "retained", name: "Retained (held now)", unit: "messages", color: "var(--text)", dashed: true, right: true },
];

/** Failed messages by failure policy: discarded and dead-lettered per second, and what the retain policy holds. */
export function FailuresChart(props: SeriesChartProps) {
  return <TimeSeriesChart title="Failures" unit="msg/s" rightUnit="held" series={SERIES} {...props} />;
}
