import { parentPort } from "node:worker_threads";
import { type DryRunJob, runDryRunJob } from "./dry-run-job";
import { THREAD_READY } from "./thread-pool";

/** The entry of a dry-run thread (see dry-run-service.ts; built by Next's bundler like preview-thread.ts). */
if (!parentPort) {
  throw new Error("dry-run-thread.ts runs as a worker thread only");
}
const port = parentPort;
port.on("message", (job: DryRunJob) => port.postMessage(runDryRunJob(job)));
port.postMessage(THREAD_READY);
