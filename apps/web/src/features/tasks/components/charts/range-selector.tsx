import { SERIES_RANGE_NAMES, SERIES_RANGES, type SeriesRange } from "@outflow/schemas/api/task-series";

/** The charts' time range: 15 min, 1 hour, 24 hours, 7 days. */
export function RangeSelector({ value, onChange, className }: { value: SeriesRange; onChange: (r: SeriesRange) => void; className?: string }) {
  return (
    <div className={`tabs ${className ?? ""}`} role="tablist" aria-label="Chart range">
      {SERIES_RANGE_NAMES.map((r) => (
        <button key={r} type="button" role="tab" aria-selected={r === value} onClick={() => onChange(r)}>
          {SERIES_RANGES[r].label}
        </button>
      ))}
    </div>
  );
}
