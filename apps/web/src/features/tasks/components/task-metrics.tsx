"use client";

import { COUNTERS_REFRESH_SECONDS, OFFSETS_REFRESH_SECONDS } from "@outflow/schemas/figure-age";
import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useFormat } from "@/lib/use-format";
import { ageText, type CardValue, type CountingMode, type HintedCardId, isStale, ledgerSummary, metricCards } from "../metric-cards";
import type { TaskView } from "../task-schemas";

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
  const t = useTranslations("tasks.metrics");
  const tAge = useTranslations("tasks.age");
  const tLedger = useTranslations("tasks.ledger");
  const f = useFormat();
  const show = (v: CardValue): string => (v.kind === "bytes" ? f.bytes(v.value ?? 0) : v.kind === "rate" ? f.rate(v.value ?? 0) : f.count(v.value));
  const sinceFetch = useSecondsSince(fetchedAt);
  const staleOffsets = isStale(metrics.offsetsAge, sinceFetch, OFFSETS_REFRESH_SECONDS, metrics.partitions.length > 0);
  const staleCounters = isStale(metrics.countersAge, sinceFetch, COUNTERS_REFRESH_SECONDS, running);
  const ledger = ledgerSummary(tLedger, metrics, running);
  const offsetsAge = ageText(tAge, metrics.offsetsAge, sinceFetch);
  return (
    <section aria-label={t("label")}>
      <div className="metrics">
        {metricCards(metrics, mode).map((c) => {
          const stale = (c.id === "lag" && staleOffsets) || (c.id !== "lag" && staleCounters);
          return (
            <div className={`metric${stale ? " stale" : ""}`} key={c.id} data-testid={`metric-${c.id}`}>
              <div className="value">{show(c.total)}</div>
              <div className="label">{t(`cards.${c.id}.label`, { seconds: RATE_WINDOW_SECONDS })}</div>
              {c.sinceReset ? <div className="since small">{t("sinceReset", { value: show(c.sinceReset) })}</div> : null}
              {/* `hint` is true exactly for the cards whose catalogue entry has one. */}
              {c.hint ? <div className="muted small">{t(`cards.${c.id as HintedCardId}.hint`)}</div> : null}
              {c.id === "lag" ? (
                <div className={`small ${staleOffsets ? "stale-text" : "muted"}`} data-testid="lag-age">
                  {staleOffsets ? t("lagAgeStale", { age: offsetsAge }) : t("lagAge", { age: offsetsAge })}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
      {metrics.lastError ? (
        <div className="notice warn">
          <strong>{t("lastError")}</strong> {metrics.lastError}
        </div>
      ) : null}
      <p className={`notice ${ledger.tone}`} data-testid="ledger-summary">
        <strong>{t("ledger")}</strong> {ledger.text}
      </p>
      <p className="muted small" data-testid="counters-age">
        {running ? (
          <>
            {t.rich("countersConfirmed", {
              age: ageText(tAge, metrics.countersAge, sinceFetch),
              when: (chunks) => <span className={staleCounters ? "stale-text" : undefined}>{chunks}</span>,
            })}
            {staleCounters ? <> {t("countersStale", { seconds: COUNTERS_REFRESH_SECONDS })}</> : null}
          </>
        ) : metrics.updatedAt ? (
          t("countersFinalAt", { time: f.time(metrics.updatedAt) })
        ) : (
          t("countersFinal")
        )}
        {metrics.resetAt ? <> · {t("lastReset", { time: f.time(metrics.resetAt) })}</> : null}
      </p>
    </section>
  );
}
