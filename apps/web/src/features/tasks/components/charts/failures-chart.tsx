import { useTranslations } from "next-intl";
import type { ChartSeries } from "./chart-series";
import type { SeriesChartProps } from "./series-chart-props";
import { TimeSeriesChart } from "./time-series-chart";

/** Failed messages by failure policy: discarded and dead-lettered per second, and what the retain policy holds. */
export function FailuresChart(props: SeriesChartProps) {
  const t = useTranslations("tasks.charts");
  const series: readonly ChartSeries[] = [
    { key: "discarded", name: t("failures.discarded"), unit: t("units.msgPerSecond"), color: "var(--warn)" },
    { key: "deadLettered", name: t("failures.deadLettered"), unit: t("units.msgPerSecond"), color: "var(--err)" },
    { key: "retained", name: t("failures.retained"), unit: t("units.messages"), color: "var(--text)", dashed: true, right: true },
  ];
  return <TimeSeriesChart id="failures" title={t("failures.title")} unit={t("units.msgPerSecond")} rightUnit={t("units.held")} series={series} {...props} />;
}
