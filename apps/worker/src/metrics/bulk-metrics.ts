import type { SearchFailure } from "@outflow/connectors/search-failure";
import type { BulkResponseItem, ItemResult } from "@outflow/pipeline";
import { Counter, Histogram } from "prom-client";
import { workerRegistry } from "./registry";
import { itemRetryCause, type RetryCause, requestRetryCause } from "./retry-cause";

const requestSeconds = new Histogram({
  name: "outflow_bulk_request_duration_seconds",
  help: "Time of each _bulk request to the search server; outcome error: the request itself failed (no per-item answer).",
  labelNames: ["outcome"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [workerRegistry],
});

const retries = new Counter({
  name: "outflow_bulk_retries_total",
  help: "Bulk actions sent again after a transient failure, by cause.",
  labelNames: ["cause"] as const,
  registers: [workerRegistry],
});

/** How one `_bulk` request went: its time, and the actions it leaves to send again. */
export const bulkMetrics = {
  requestDone(seconds: number, outcome: "ok" | "error"): void {
    requestSeconds.observe({ outcome }, seconds);
  },

  /** The request answered: count its transient items by cause. */
  itemsAnswered(items: readonly (BulkResponseItem | undefined)[], results: readonly ItemResult[]): void {
    results.forEach((r, i) => {
      if (r.kind === "transient") {
        retries.inc({ cause: itemRetryCause(items[i]) });
      }
    });
  },

  /** The request failed as a whole (or its answer did not match it): all its actions are sent again, unless final. */
  requestFailed(actions: number, failure: SearchFailure | null, result: ItemResult): void {
    const cause: RetryCause | null = failure ? requestRetryCause(failure, result) : "incomplete_response";
    if (cause) {
      retries.inc({ cause }, actions);
    }
  },
};
