import type { Db } from "@outflow/db/client";
import { readPartitionMetricRows } from "@outflow/db/partition-metric-rows";
import { formatFamilies, type MetricFamily, partitionFamilies } from "@outflow/schemas/prometheus";
import type { Logger } from "../logger";
import type { SlotState } from "../runner/runner-registry";
import { ownedRows, slotTaskIds } from "./owned-partitions";

/**
 * The stored (durable) per-partition figures of the partitions this worker consumes, read from Postgres at each
 * scrape, in the text format. When Postgres does not answer, only `outflow_partition_metrics_up 0` is given, so the
 * scrape still carries the in-process metrics.
 */
export function storedPartitionMetrics(db: Db, slots: () => SlotState[], log: Logger): () => Promise<string> {
  return async () => {
    const now = slots();
    try {
      const rows = await readPartitionMetricRows(db, slotTaskIds(now));
      return formatFamilies([...partitionFamilies(ownedRows(rows, now)), upFamily(1)]);
    } catch (err) {
      log.warn("metrics: reading the stored partition figures failed", { err: (err as Error).message });
      return formatFamilies([upFamily(0)]);
    }
  };
}

export const PARTITION_METRICS_UP = "outflow_partition_metrics_up";

function upFamily(value: 0 | 1): MetricFamily {
  return {
    name: PARTITION_METRICS_UP,
    help: "1 when this scrape read the stored partition figures from Postgres, 0 when that failed.",
    type: "gauge",
    samples: [{ labels: {}, value }],
  };
}
