import "server-only";
import type { Db } from "@outflow/db/client";
import { readPartitionMetricRows, readTaskStatuses } from "@outflow/db/partition-metric-rows";
import { formatFamilies, partitionFamilies, taskStatusFamily } from "@outflow/schemas/prometheus";
import { collectDefaultMetrics, Registry } from "prom-client";

const g = globalThis as unknown as { __outflowProcessMetrics?: Registry };

/** The web process's own metrics (`process_*`, `nodejs_*`), registered once per process. */
function processRegistry(): Registry {
  if (!g.__outflowProcessMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    g.__outflowProcessMetrics = registry;
  }
  return g.__outflowProcessMetrics;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * Every task's stored per-partition figures and status, and the web process's metrics, in the Prometheus text
 * format. Not paged: a scrape takes everything; one line per partition and figure, seven per task for the status.
 */
export async function consoleMetricsText(db: Db): Promise<string> {
  const [rows, tasks] = await Promise.all([readPartitionMetricRows(db, null), readTaskStatuses(db)]);
  return (await processRegistry().metrics()) + formatFamilies([...partitionFamilies(rows), taskStatusFamily(tasks)]);
}
