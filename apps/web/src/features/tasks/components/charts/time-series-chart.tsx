"use client";

import type { SeriesRange } from "@outflow/schemas/api/task-series";
import { useLocale, useTranslations } from "next-intl";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatTick, formatTimeTick } from "./chart-format";
import { ChartReadout } from "./chart-readout";
import type { ChartRow } from "./chart-rows";
import type { ChartSeries } from "./chart-series";
import styles from "./charts.module.css";

const AXIS_TICK = { fill: "var(--muted)", fontSize: 11 };

type Props = {
  /** Names the chart for tests (`chart-<id>`), in every language. */
  id: string;
  title: string;
  /** The left axis' unit. */
  unit: string;
  /** The right axis' unit, when a series is drawn against it. */
  rightUnit?: string;
  series: readonly ChartSeries[];
  rows: readonly ChartRow[];
  range: SeriesRange;
  /** The x axis spans the whole range, also where there are no samples. */
  domain: [number, number];
};

/**
 * A line chart of some of the series' values over time: the console's colours, both axes with units, a read-out on
 * hover. Steps without a value leave a gap (the task did not run); no animation, since it redraws every refresh.
 */
export function TimeSeriesChart({ id, title, unit, rightUnit, series, rows, range, domain }: Props) {
  const t = useTranslations("tasks.charts");
  const locale = useLocale();
  const tick = (n: number) => formatTick(n, locale);
  return (
    <figure className={styles.chart} data-testid={`chart-${id}`} aria-label={t("chartLabel", { title, unit })} style={{ margin: 0 }}>
      <h3>
        {title} <span className={styles.unit}>{unit}</span>
      </h3>
      <LineChart className={styles.plot} responsive data={rows as ChartRow[]} margin={{ top: 6, right: rightUnit ? 4 : 12, bottom: 16, left: 4 }}>
        <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={domain}
          tick={AXIS_TICK}
          tickFormatter={(at: number) => formatTimeTick(at, range, locale)}
          stroke="var(--border)"
          minTickGap={40}
          label={{ value: t("utc"), position: "insideBottom", offset: -10, fill: "var(--muted)", fontSize: 11 }}
        />
        <YAxis
          yAxisId="left"
          tick={AXIS_TICK}
          tickFormatter={tick}
          stroke="var(--border)"
          width={48}
          allowDecimals
          label={{ value: unit, angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 11, style: { textAnchor: "middle" } }}
        />
        {rightUnit ? (
          <YAxis
            yAxisId="right"
            orientation="right"
            tick={AXIS_TICK}
            tickFormatter={tick}
            stroke="var(--border)"
            width={48}
            allowDecimals={false}
            label={{ value: rightUnit, angle: 90, position: "insideRight", fill: "var(--muted)", fontSize: 11, style: { textAnchor: "middle" } }}
          />
        ) : null}
        <Tooltip content={(p) => <ChartReadout active={p.active} payload={p.payload} series={series} locale={locale} />} cursor={{ stroke: "var(--muted)" }} />
        {series.map((s) => (
          <Line
            key={s.key}
            yAxisId={s.right ? "right" : "left"}
            dataKey={s.key}
            name={s.name}
            type={s.right ? "stepAfter" : "monotone"}
            stroke={s.color}
            strokeWidth={1.8}
            strokeDasharray={s.dashed ? "4 3" : undefined}
            dot={false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
      <figcaption className={styles.legend}>
        {series.map((s) => (
          <span key={s.key}>
            <span className={styles.swatch} style={{ background: s.color }} />
            {t("legendItem", { name: s.name, unit: s.unit })}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
