import { parentPort } from "node:worker_threads";
import { type PreviewJob, runPreviewJob } from "./preview-job";
import { THREAD_READY } from "./thread-pool";

/**
 * The entry of a preview thread (see preview-service.ts: Next's bundler builds it from `new Worker(new URL(...))`).
 * It says when it has loaded (the budget counts from there), then one job at a time: the pool sends the next one
 * only after this answer.
 */
if (!parentPort) {
  throw new Error("preview-thread.ts runs as a worker thread only");
}
const port = parentPort;
port.on("message", (job: PreviewJob) => port.postMessage(runPreviewJob(job)));
port.postMessage(THREAD_READY);
