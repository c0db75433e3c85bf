import type { Server } from "node:http";
import type { Db } from "@outflow/db/client";
import { collectDefaultMetrics } from "prom-client";
import type { Logger } from "../logger";
import type { FetchBudget } from "../runner/fetch-budget";
import type { SlotState } from "../runner/runner-registry";
import { registerFetchBudgetMetrics } from "./fetch-budget-metrics";
import { startMetricsServer } from "./metrics-server";
import { workerRegistry } from "./registry";
import { registerSlotMetrics } from "./slot-metrics";
import { storedPartitionMetrics } from "./stored-partition-metrics";

export type WorkerMetricsDeps = {
  db: Db;
  log: Logger;
  fetchBudget: FetchBudget;
  slots: () => SlotState[];
  maxSlots: number;
  host: string;
  port: number;
};

/** Registers the worker's collectors and serves them on `host:port/metrics`. */
export async function serveWorkerMetrics(d: WorkerMetricsDeps): Promise<Server> {
  collectDefaultMetrics({ register: workerRegistry });
  registerFetchBudgetMetrics(workerRegistry, d.fetchBudget);
  registerSlotMetrics(workerRegistry, d.slots, d.maxSlots);
  const server = await startMetricsServer({
    host: d.host,
    port: d.port,
    registry: workerRegistry,
    more: storedPartitionMetrics(d.db, d.slots, d.log),
  }).catch((err: Error) => {
    throw new Error(`OUTFLOW_WORKER_METRICS_PORT ${d.port}: cannot listen on ${d.host}:${d.port} (${err.message})`);
  });
  d.log.info("metrics served", { url: `http://${d.host.includes(":") ? `[${d.host}]` : d.host}:${d.port}/metrics` });
  return server;
}
