import type { ChartSeries } from "./chart-series";
import type { SeriesChartProps } from "./series-chart-props";
import { TimeSeriesChart } from "./time-series-chart";

const SERIES: readonly ChartSeries[] = [
  { key: "in", name: "Messages in", unit: "msg/s", color: "var(--accent)" },
  { key: "written", name: "Messages written", unit: "msg/s", color: "var(--ok)" },
  { key: "documents", name: "Documents written", unit: "docs/s", color: "var(--ok)", dashed: true },
  { key: "filtered", name: "Filtered + dropped", unit: "msg/s", color: "var(--muted)", dashed: true },
];

/** Messages read from Kafka and written to the index, per second. */
export function ThroughputChart(props: SeriesChartProps) {
  const rows = props.rows.map((r) => ({ ...r, filtered: sum(r.filtered, r.dropped) }));
  return <TimeSeriesChart title="Throughput" unit="per second" series={SERIES} {...props} rows={rows} />;
}

function sum(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}
