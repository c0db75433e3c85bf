import { Gauge, type Registry } from "prom-client";
import type { FetchBudget } from "../runner/fetch-budget";

/** `outflow_fetch_ahead_bytes` / `_limit_bytes`: what the worker's consumers hold queued ahead of Elasticsearch now. */
export function registerFetchBudgetMetrics(registry: Registry, budget: FetchBudget): void {
  new Gauge({
    name: "outflow_fetch_ahead_bytes",
    help: "Bytes of fetched messages queued ahead of Elasticsearch, all slots of this worker together.",
    registers: [registry],
    collect() {
      this.set(budget.usedBytes);
    },
  });
  new Gauge({
    name: "outflow_fetch_ahead_limit_bytes",
    help: "The fetch-ahead budget (FETCH_AHEAD_BYTES).",
    registers: [registry],
    collect() {
      this.set(budget.limitBytes);
    },
  });
}
