import { useTranslations } from "next-intl";
import type { ChartSeries } from "./chart-series";
import type { SeriesChartProps } from "./series-chart-props";
import { TimeSeriesChart } from "./time-series-chart";

/** Messages read from Kafka and written to the index, per second. */
export function ThroughputChart(props: SeriesChartProps) {
  const t = useTranslations("tasks.charts");
  const series: readonly ChartSeries[] = [
    { key: "in", name: t("throughput.in"), unit: t("units.msgPerSecond"), color: "var(--accent)" },
    { key: "written", name: t("throughput.written"), unit: t("units.msgPerSecond"), color: "var(--ok)" },
    { key: "documents", name: t("throughput.documents"), unit: t("units.docsPerSecond"), color: "var(--ok)", dashed: true },
    { key: "filtered", name: t("throughput.filtered"), unit: t("units.msgPerSecond"), color: "var(--muted)", dashed: true },
  ];
  const rows = props.rows.map((r) => ({ ...r, filtered: sum(r.filtered, r.dropped) }));
  return <TimeSeriesChart id="throughput" title={t("throughput.title")} unit={t("units.perSecond")} series={series} {...props} rows={rows} />;
}

function sum(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}
