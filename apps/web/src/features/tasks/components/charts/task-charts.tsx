"use client";

import type { SeriesRange } from "@outflow/schemas/api/task-series";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ErrorNotice } from "@/components/error-notice";
import { chartRows, hasSamples } from "./chart-rows";
import styles from "./charts.module.css";
import { ChartsEmptyState } from "./charts-empty-state";
import { FailuresChart } from "./failures-chart";
import { LagChart } from "./lag-chart";
import { RangeSelector, rangeTabId } from "./range-selector";
import { taskSeriesOptions } from "./series-query";
import { ThroughputChart } from "./throughput-chart";

/** The task page's charts over a chosen range, refreshed live: throughput, failures by policy, and lag. */
export function TaskCharts({ taskId }: { taskId: string }) {
  const [range, setRange] = useState<SeriesRange>("15m");
  const panelId = useId();
  const series = useQuery(taskSeriesOptions(taskId, range));
  const data = series.data;
  const rows = data ? chartRows(data) : [];
  const domain: [number, number] = data ? [Date.parse(data.from), Date.parse(data.to)] : [0, 0];
  const props = { rows, range: data?.range ?? range, domain };
  return (
    <section className="panel" aria-label="Charts" data-testid="task-charts" aria-busy={series.isFetching}>
      <div className={styles.header}>
        <h2>Over time</h2>
        {data ? <span className="muted small">one point per {stepLabel(data.stepSeconds)}</span> : null}
        <RangeSelector value={range} onChange={setRange} panelId={panelId} className={styles.range} />
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={rangeTabId(panelId, range)}>
        {series.error && !data ? <ErrorNotice error={series.error} title="Could not load the charts" /> : null}
        {!data ? (
          series.isPending ? (
            <p className="muted">Loading…</p>
          ) : null
        ) : hasSamples(rows) ? (
          <div className={styles.charts} data-range={data.range}>
            <ThroughputChart {...props} />
            <FailuresChart {...props} />
            <LagChart {...props} />
          </div>
        ) : (
          <ChartsEmptyState range={data.range} />
        )}
      </div>
    </section>
  );
}

function stepLabel(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${seconds / 60} min`;
}
