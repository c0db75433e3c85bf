"use client";

import { COUNTERS_REFRESH_SECONDS, OFFSETS_REFRESH_SECONDS } from "@outflow/schemas/figure-age";
import { useEffect, useState } from "react";
import { formatBytes, formatCount, formatRate, formatTime } from "@/lib/format";
import { ageText, type CardValue, type CountingMode, isStale, ledgerSummary, metricCards } from "../metric-cards";
import type { TaskView } from "../task-schemas";

const show = (v: CardValue): string => (v.kind === "bytes" ? formatBytes(v.value ?? 0) : v.kind === "rate" ? formatRate(v.value ?? 0) : formatCount(v.value));

/** Seconds since `fetchedAt`, ticking, so an age read from the server keeps counting between answers. */
function useSecondsSince(fetchedAt: number): number {
  // Starts at the fetch itself, so the server's first paint and the browser's hydration show the same age.
  const [now, setNow] = useState(fetchedAt);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);
  return Math.max(0, (now - fetchedAt) / 1000);
}

/**
 * The task's counters as cards named for its mode, with the counters since the last offset reset beside the totals,
 * how old the counters and the offsets are (marked stale past twice their refresh interval), and the ledger.
 */
export function TaskMetrics({ metrics, mode, running, fetchedAt }: { metrics: TaskView["metrics"]; mode: CountingMode; running: boolean; fetchedAt: number }) {
  const sinceFetch = useSecondsSince(fetchedAt);
  const staleOffsets = isStale(metrics.offsetsAge, sinceFetch, OFFSETS_REFRESH_SECONDS, metrics.partitions.length > 0);
  const staleCounters = isStale(metrics.countersAge, sinceFetch, COUNTERS_REFRESH_SECONDS, running);
  const ledger = ledgerSummary(metrics, running);
  return (
    <section aria-label="Metrics">
      <div className="metrics">
        {metricCards(metrics, mode).map((c) => {
          const stale = (c.id === "lag" && staleOffsets) || (c.id !== "lag" && staleCounters);
          return (
            <div className={`metric${stale ? " stale" : ""}`} key={c.id} data-testid={`metric-${c.id}`}>
              <div className="value">{show(c.total)}</div>
              <div className="label">{c.label}</div>
              {c.sinceReset ? <div className="since small">{show(c.sinceReset)} since the reset</div> : null}
              {c.hint ? <div className="muted small">{c.hint}</div> : null}
              {c.id === "lag" ? (
                <div className={`small ${staleOffsets ? "stale-text" : "muted"}`} data-testid="lag-age">
                  {staleOffsets ? "stale: " : ""}read from Kafka {ageText(metrics.offsetsAge, sinceFetch)}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
      {metrics.lastError ? (
        <div className="notice warn">
          <strong>Last error:</strong> {metrics.lastError}
        </div>
      ) : null}
      <p className={`notice ${ledger.tone}`} data-testid="ledger-summary">
        <strong>Ledger:</strong> {ledger.text}
      </p>
      <p className="muted small" data-testid="counters-age">
        {running ? (
          <>
            Counters confirmed by the worker <span className={staleCounters ? "stale-text" : undefined}>{ageText(metrics.countersAge, sinceFetch)}</span>
            {staleCounters ? ` (stale: no worker has confirmed them for longer than twice their ${COUNTERS_REFRESH_SECONDS} s refresh)` : null}
          </>
        ) : (
          <>Counters final: no worker runs this task{metrics.updatedAt ? `; last counted ${formatTime(metrics.updatedAt)}` : ""}</>
        )}
        {metrics.resetAt ? ` · last offset reset ${formatTime(metrics.resetAt)}` : null}
      </p>
    </section>
  );
}
