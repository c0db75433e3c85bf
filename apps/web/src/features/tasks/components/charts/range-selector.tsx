"use client";

import { SERIES_RANGE_NAMES, type SeriesRange } from "@outflow/schemas/api/task-series";
import { useTranslations } from "next-intl";
import type { KeyboardEvent } from "react";

/** The id of a range's tab, for the panel's `aria-labelledby`. */
export const rangeTabId = (panelId: string, r: SeriesRange) => `${panelId}-tab-${r}`;

/**
 * The charts' time range (15 min, 1 hour, 24 hours, 7 days) as tabs over the panel `panelId`: one tab stop, the arrow
 * keys (and Home / End) move between ranges and select the one they land on.
 */
export function RangeSelector({
  value,
  onChange,
  panelId,
  className,
}: {
  value: SeriesRange;
  onChange: (r: SeriesRange) => void;
  panelId: string;
  className?: string;
}) {
  const t = useTranslations("tasks.charts");
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = SERIES_RANGE_NAMES.indexOf(value);
    const last = SERIES_RANGE_NAMES.length - 1;
    const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: last }[e.key];
    if (to === undefined) {
      return;
    }
    e.preventDefault();
    const next = SERIES_RANGE_NAMES[(to + SERIES_RANGE_NAMES.length) % SERIES_RANGE_NAMES.length] ?? value;
    onChange(next);
    document.getElementById(rangeTabId(panelId, next))?.focus();
  };
  return (
    <div className={`tabs ${className ?? ""}`} role="tablist" aria-label={t("rangeLabel")} onKeyDown={onKeyDown}>
      {SERIES_RANGE_NAMES.map((r) => (
        <button
          key={r}
          id={rangeTabId(panelId, r)}
          type="button"
          role="tab"
          aria-selected={r === value}
          aria-controls={panelId}
          tabIndex={r === value ? 0 : -1}
          onClick={() => onChange(r)}
        >
          {t(`ranges.${r}`)}
        </button>
      ))}
    </div>
  );
}
