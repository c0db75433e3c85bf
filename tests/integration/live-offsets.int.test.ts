import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import { produce, steadyProducer } from "@outflow/testing/kafka";
import type { TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const doc = (i: number) => JSON.stringify({ id: `live-${i}`, n: i });

/** `GET /api/tasks/:id` while a producer runs beside the consuming task: offsets, lag and rate. */
describe("offsets and rate under live traffic", () => {
  const suite = new OutflowSuite("it-live");
  beforeAll(suite.start);
  afterAll(suite.stop);

  it("never shows a committed offset past the end offset, lag is end − committed, and the rate follows the traffic", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const backlog = 2_000;
    await produce(
      topic,
      Array.from({ length: backlog }, (_, i) => ({ partition: i % 2, value: doc(-i - 1) })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, failure: { policy: "discard" } });

    const views: TaskView[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        views.push(await suite.outflow.task(task.id));
        await sleep(250);
      }
    })();
    try {
      await suite.outflow.waitForMessagesIn(task.id, backlog, 120_000);
      const rate = 250;
      const producer = await steadyProducer(topic, rate, doc);
      // Let the rate window fill with the steady stream, then read it for 8 s.
      await sleep((RATE_WINDOW_SECONDS + 3) * 1000);
      const steady: number[] = [];
      const steadyFrom = views.length;
      await sleep(8_000);
      for (const v of views.slice(steadyFrom)) {
        steady.push(v.metrics.ratePerSecond);
      }
      const produced = await producer.stop();
      const stoppedAt = Date.now();
      expect(produced).toBeGreaterThan(rate * 10);
      const total = backlog + produced;
      await suite.outflow.waitForMessagesIn(task.id, total, 60_000);
      const zero = await waitForRate(task.id, (r) => r === 0, (RATE_WINDOW_SECONDS + 15) * 1000);
      const zeroAfterMs = zero - stoppedAt;
      await suite.outflow.waitForNoLag(task.id);
      polling = false;
      await poll;

      // What the API returned, every 250 ms of the task's life.
      let sawLag = false;
      for (const v of views) {
        for (const p of v.metrics.partitions) {
          if (p.committedOffset !== null && p.endOffset !== null) {
            expect(BigInt(p.committedOffset), `${p.topic}[${p.partition}] committed ${p.committedOffset} end ${p.endOffset}`).toBeLessThanOrEqual(
              BigInt(p.endOffset),
            );
            expect(p.lag).toBe(Number(BigInt(p.endOffset) - BigInt(p.committedOffset)));
          }
          // Before the first commit the end offsets are read already (nothing committed: all of it is lag).
          sawLag ||= (p.lag ?? 0) > 0;
        }
      }
      expect(sawLag, "the backlog shows as lag before it is drained").toBe(true);
      // The drain itself shows as a rate, however quickly it went (the slot's first sample precedes any message), by
      // the first samples after it: counts land with each chunk, samples every second, so within 3 s of its end.
      const drained = views.findIndex((v) => v.metrics.totals.messagesIn >= backlog);
      const drainRates = views.slice(0, drained + 12).map((v) => v.metrics.ratePerSecond);
      expect(Math.max(...drainRates), `rates while draining the backlog: ${drainRates.join(", ")}`).toBeGreaterThan(0);
      // Steady stream: every reading within 10 % of the produced rate.
      expect(steady.length).toBeGreaterThan(10);
      for (const r of steady) {
        expect(Math.abs(r - rate) / rate, `rate ${r}/s against ${rate}/s produced (readings ${steady.join(", ")})`).toBeLessThanOrEqual(0.1);
      }
      // The rate is the average of its window: it reaches 0 once the window has passed the end of the traffic.
      expect(zeroAfterMs, "the rate is 0 a window after the traffic stopped, not before").toBeGreaterThanOrEqual((RATE_WINDOW_SECONDS - 3) * 1000);
      expect(zeroAfterMs).toBeLessThanOrEqual((RATE_WINDOW_SECONDS + 8) * 1000);
    } finally {
      polling = false;
      await poll;
    }
  });

  /** The time (ms since the epoch) the task's rate first satisfied `ok`. */
  async function waitForRate(id: string, ok: (r: number) => boolean, timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    let last = Number.NaN;
    while (Date.now() < until) {
      last = (await suite.outflow.task(id)).metrics.ratePerSecond;
      if (ok(last)) {
        return Date.now();
      }
      await sleep(100);
    }
    throw new Error(`the rate did not settle within ${timeoutMs} ms (last ${last}/s)`);
  }
});
