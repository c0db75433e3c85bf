"use client";

import { Line, LineChart, YAxis } from "recharts";
import styles from "./charts.module.css";

type Props = {
  /** Oldest first; null where there is no value (drawn as a gap). */
  values: readonly (number | null)[];
  /** What it shows, for screen readers and the hover title ("Rate, last 15 min"). */
  label: string;
  /** A theme colour (globals.css variables). */
  color?: string;
  width?: number;
  height?: number;
};

/** A small line of recent values without axes (the task list's rate and lag per row). */
export function Sparkline({ values, label, color = "var(--accent)", width = 80, height = 22 }: Props) {
  const data = values.map((v, i) => ({ i, v }));
  return (
    <span className={styles.sparkline} role="img" aria-label={label} title={label} data-testid="sparkline">
      <LineChart width={width} height={height} data={data} margin={{ top: 2, right: 1, bottom: 2, left: 1 }}>
        <YAxis hide domain={[0, "dataMax"]} />
        <Line dataKey="v" type="monotone" stroke={color} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </span>
  );
}
