// @ts-expect-error kafkajs ships no types for its internals (a CommonJS class; patched below)
import RequestQueue from "kafkajs/src/network/requestQueue/index.js";

/** Workarounds for kafkajs 2.2.4, applied once per process by importing this module (kafka.ts does). */
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";

const g = globalThis as unknown as { __outflowKafkajsFixes?: boolean };
if (!g.__outflowKafkajsFixes) {
  g.__outflowKafkajsFixes = true;
  stopIdleRequestQueuePolling();
  hideTimeoutNegativeWarnings();
}

/**
 * After every response, each connection's request queue schedules a check of its pending requests, with the delay
 * `throttledUntil - Date.now()`: negative when it is not throttled, which Node turns into 1 ms. The check schedules
 * the next one, so every connection wakes its process up a thousand times a second for as long as it is open,
 * pending requests or not (tulios/kafkajs#1704, #1751). A check is needed only while requests wait, or until a
 * throttle ends; `push` schedules one whenever it queues a request.
 */
function stopIdleRequestQueuePolling(): void {
  const proto = (RequestQueue as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const schedule = proto?.scheduleCheckPendingRequests;
  if (!proto || typeof schedule !== "function") {
    return; // another kafkajs version: leave it as it is
  }
  proto.scheduleCheckPendingRequests = function (this: { pending: unknown[]; throttledUntil: number }) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) {
      return;
    }
    schedule.call(this);
  };
}

/** Other kafkajs timers can still get negative delays (clamped to 1 ms, as always); since Node 23 each one prints a TimeoutNegativeWarning. */
function hideTimeoutNegativeWarnings(): void {
  const previous = process.listeners("warning");
  process.removeAllListeners("warning");
  process.on("warning", (w) => {
    if (w.name !== "TimeoutNegativeWarning") {
      for (const l of previous) {
        l(w);
      }
    }
  });
}
