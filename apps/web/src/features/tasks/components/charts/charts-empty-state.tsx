import { SERIES_RANGES, type SeriesRange } from "@outflow/schemas/api/task-series";
import styles from "./charts.module.css";

/** Shown instead of the charts while the range holds no sample. */
export function ChartsEmptyState({ range }: { range: SeriesRange }) {
  return (
    <div className={styles.empty} data-testid="charts-empty">
      <strong>No samples yet</strong>
      <span>
        Nothing was recorded in the last {SERIES_RANGES[range].label}. While the task runs, its counters are sampled every second and the charts fill in.
      </span>
    </div>
  );
}
