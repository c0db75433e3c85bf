import type { SeriesRange } from "@outflow/schemas/api/task-series";
import { useTranslations } from "next-intl";
import styles from "./charts.module.css";

/** Shown instead of the charts while the range holds no sample. */
export function ChartsEmptyState({ range }: { range: SeriesRange }) {
  const t = useTranslations("tasks.charts");
  return (
    <div className={styles.empty} data-testid="charts-empty">
      <strong>{t("emptyTitle")}</strong>
      <span>{t("emptyText", { range: t(`ranges.${range}`) })}</span>
    </div>
  );
}
