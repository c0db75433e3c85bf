import { Registry } from "prom-client";

/**
 * The worker's in-process metrics (bulk latency and retries, fetch-ahead bytes, slots): one registry per process,
 * as prom-client's own default is, so the bulk writer can record into it without being handed it. Process metrics
 * (`process_*`, `nodejs_*`) are added only when the metrics server starts.
 */
export const workerRegistry = new Registry();
