"use client";

import type { SeriesRange } from "@outflow/schemas/api/task-series";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("tasks.charts");
  const [range, setRange] = useState<SeriesRange>("15m");
  const panelId = useId();
  const series = useQuery(taskSeriesOptions(taskId, range));
  const data = series.data;
  const rows = data ? chartRows(data) : [];
  const domain: [number, number] = data ? [Date.parse(data.from), Date.parse(data.to)] : [0, 0];
  const props = { rows, range: data?.range ?? range, domain };
  return (
    <section className="panel" aria-label={t("label")} data-testid="task-charts" aria-busy={series.isFetching}>
      <div className={styles.header}>
        <h2>{t("title")}</h2>
        {data ? (
          <span className="muted small">
            {t("step", {
              step: data.stepSeconds < 60 ? t("stepSeconds", { n: data.stepSeconds }) : t("stepMinutes", { n: data.stepSeconds / 60 }),
            })}
          </span>
        ) : null}
        <RangeSelector value={range} onChange={setRange} panelId={panelId} className={styles.range} />
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={rangeTabId(panelId, range)}>
        {series.error && !data ? <ErrorNotice error={series.error} title={t("loadError")} /> : null}
        {!data ? (
          series.isPending ? (
            <p className="muted">{t("loading")}</p>
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
