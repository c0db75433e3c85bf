// @ts-expect-error kafkajs ships no types for its internals
import RequestQueue from "kafkajs/src/network/requestQueue/index.js";
import { afterEach, describe, expect, it } from "vitest";
import "./kafkajs-fixes";

type Queue = { pending: unknown[]; throttledUntil: number; throttleCheckTimeoutId: NodeJS.Timeout | null; checkPendingRequests(): void };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const queues: Queue[] = [];
const newQueue = (maxInFlightRequests: number | null = null): Queue => {
  const q = new (RequestQueue as new (o: object) => Queue)({ maxInFlightRequests, requestTimeout: 30_000, clientId: "t", broker: "b:1", logger: quiet });
  queues.push(q);
  return q;
};

describe("kafkajs request queue", () => {
  afterEach(() => {
    for (const q of queues.splice(0)) {
      if (q.throttleCheckTimeoutId) {
        clearTimeout(q.throttleCheckTimeoutId);
      }
    }
  });

  it("schedules no check when nothing waits and nothing throttles (stock kafkajs polls every 1 ms)", () => {
    const q = newQueue();
    q.checkPendingRequests(); // what every response does
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it("still schedules a check until a throttle ends", () => {
    const q = newQueue();
    q.throttledUntil = Date.now() + 60_000;
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });

  it("still schedules a check while requests wait for a free in-flight slot", () => {
    const q = newQueue(0);
    q.pending.push({ correlationId: 1, send() {} });
    q.checkPendingRequests();
    expect(q.pending).toHaveLength(1);
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });
});
