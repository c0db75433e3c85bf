import { useTranslations } from "next-intl";
import type { ChartSeries } from "./chart-series";
import type { SeriesChartProps } from "./series-chart-props";
import { TimeSeriesChart } from "./time-series-chart";

/** Messages in the topics not committed yet (end offset − committed offset, over all partitions). */
export function LagChart(props: SeriesChartProps) {
  const t = useTranslations("tasks.charts");
  const series: readonly ChartSeries[] = [{ key: "lag", name: t("lag.lag"), unit: t("units.messages"), color: "var(--accent)" }];
  return <TimeSeriesChart id="lag" title={t("lag.title")} unit={t("units.messages")} series={series} {...props} />;
}
