import type { TooltipContentProps } from "recharts";
import { formatReadoutTime, formatValue } from "./chart-format";
import type { ChartRow } from "./chart-rows";
import type { ChartSeries } from "./chart-series";
import styles from "./charts.module.css";

/** The hover read-out: the step's time and every line's value there, with units (a dash where the step has none). */
export function ChartReadout({
  active,
  payload,
  series,
  locale,
}: Pick<TooltipContentProps, "active" | "payload"> & { series: readonly ChartSeries[]; locale: string }) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) {
    return null;
  }
  return (
    <div className={styles.readout} data-testid="chart-readout">
      <div className={styles.time}>{formatReadoutTime(row.t)}</div>
      <dl>
        {series.map((s) => (
          <div key={s.key} style={{ display: "contents" }}>
            <dt>
              <span className={styles.swatch} style={{ background: s.color }} />
              {s.name}
            </dt>
            <dd>{formatValue(row[s.key], s.unit, locale)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
