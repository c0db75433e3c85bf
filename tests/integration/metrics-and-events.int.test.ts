import { RATE_WINDOW_SECONDS } from "@outflow/schemas/task";
import { countDocs } from "@outflow/testing/elastic";
import { caughtUpGroupOffsets, produce, steadyProducer, type TestMessage } from "@outflow/testing/kafka";
import { settledSum, type TaskEventView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Task metrics (`GET /api/tasks/:id`) and the event log (`GET /api/tasks/:id/events`) over a task's life. */
describe("metrics and events", () => {
  const suite = new OutflowSuite("it-metrics");
  beforeAll(suite.start);
  afterAll(suite.stop);

  it("ratePerSecond is the rate messages arrive at: a steady 40/s reads 40 ± 30%, and 0 once they stop", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const task = await suite.outflow.run({ topics: [topic], index });
    await suite.outflow.waitForStatus(task.id, "running");
    const producer = await steadyProducer(topic, 40, (i) => JSON.stringify({ i }));
    let rate: number;
    try {
      // Past the 10-second window, so the rate averages over steady arrivals only.
      await new Promise((r) => setTimeout(r, (RATE_WINDOW_SECONDS + 4) * 1000));
      rate = (await suite.outflow.task(task.id)).metrics.ratePerSecond;
    } finally {
      await producer.stop();
    }
    expect(rate).toBeGreaterThan(40 * 0.7);
    expect(rate).toBeLessThan(40 * 1.3);
    const idle = await suite.outflow.waitForTotals(
      task.id,
      "the rate to fall to 0",
      (_t, tv) => tv.metrics.ratePerSecond === 0,
      (RATE_WINDOW_SECONDS + 15) * 1000,
    );
    expect(idle.metrics.totals.messagesIn).toBe(producer.produced);
  }, 60_000);

  it("counts every message once per partition (written + filtered + dropped + discarded), lag reaches 0, events tell the story", async () => {
    const { topic, index } = await suite.freshTopic(2);
    // Per partition p, 30 messages: i % 10 === 3 is filtered, === 5 is not JSON (dropped), === 7 fails a cast (discarded).
    const messages: TestMessage[] = [];
    for (const partition of [0, 1]) {
      for (let i = 0; i < 30; i++) {
        const kind = i % 10;
        const value =
          kind === 5
            ? `not json ${i}`
            : JSON.stringify({ id: `${partition}-${i}`, level: kind === 3 ? "debug" : "info", count: kind === 7 ? "lots" : String(i) });
        messages.push({ partition, value });
      }
    }
    await produce(topic, messages);
    const bytes = messages.reduce((n, m) => n + Buffer.byteLength(m.value as string), 0);

    const task = await suite.outflow.run({
      topics: [topic],
      index,
      parse: { nonJson: { action: "drop" } },
      rules: [
        { type: "filter", action: "drop", conditions: [{ field: "level", op: "equals", value: "debug" }] },
        { type: "cast", field: "count", as: "integer" },
      ],
      sink: { documentId: { type: "fields", fields: ["id"] } },
      failure: { policy: "discard" },
    });
    const done = await suite.outflow.waitForMessagesIn(task.id, 60);
    expect(done.metrics.totals).toEqual({
      messagesIn: 60,
      bytesIn: bytes,
      messagesWritten: 42,
      documentsWritten: 42,
      filtered: 6,
      dropped: 6,
      discarded: 6,
      deadLettered: 0,
      failed: 0,
      // Each written message created its document (new IDs, nothing deleted).
      documentsCreated: 42,
      documentsUpdated: 0,
      documentsDeleted: 0,
    });
    expect(settledSum(done.metrics.totals)).toBe(done.metrics.totals.messagesIn);
    expect(await countDocs(suite.es, index)).toBe(42);

    const caughtUp = await suite.outflow.waitForNoLag(task.id);
    expect(caughtUp.metrics.lag).toBe(0);
    expect(caughtUp.metrics.partitions).toHaveLength(2);
    for (const p of caughtUp.metrics.partitions) {
      expect(p).toMatchObject({
        topic,
        messagesIn: 30,
        messagesWritten: 21,
        filtered: 3,
        dropped: 3,
        discarded: 3,
        committedOffset: "30",
        endOffset: "30",
        lag: 0,
      });
      expect(settledSum(p)).toBe(p.messagesIn);
    }

    // More messages later: counters and lag follow.
    await produce(
      topic,
      [0, 1].map((partition) => ({ partition, value: JSON.stringify({ id: `late-${partition}`, level: "info", count: "1" }) })),
    );
    const later = await suite.outflow.waitForTotals(
      task.id,
      "62 messages, lag 0",
      (t, tv) => t.messagesIn === 62 && tv.metrics.partitions.every((p) => p.endOffset === "31" && p.lag === 0),
    );
    expect(later.metrics.totals).toMatchObject({ messagesIn: 62, messagesWritten: 44 });
    expect(await caughtUpGroupOffsets(task.consumerGroup, topic)).toEqual([
      { partition: 0, committed: "31", end: "31" },
      { partition: 1, committed: "31", end: "31" },
    ]);

    await suite.outflow.stop(task.id);
    const events = await suite.outflow.events(task.id);
    const kinds = events.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(["created", "start_requested", "running", "message_dropped", "message_discarded", "stop_requested", "stopped"]),
    );
    expect(kinds.indexOf("created")).toBe(0);
    expect(kinds.indexOf("start_requested")).toBeLessThan(kinds.indexOf("running"));
    expect(kinds.lastIndexOf("stop_requested")).toBeLessThan(kinds.lastIndexOf("stopped"));
    for (const e of events) {
      expect(e).toMatchObject({ taskId: task.id, level: expect.stringMatching(/^(info|warn|error)$/), message: expect.any(String) });
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    expect(events.find((e) => e.kind === "message_discarded")?.details).toMatchObject({ topic, stage: "rule" });

    // Cursor paging: after=<id> returns only newer events, oldest first, and nextCursor moves on.
    const page = await suite.api.get<{ items: TaskEventView[]; nextCursor: string | null }>(`/api/tasks/${task.id}/events?after=${events[1]?.id}&limit=2`);
    expect(page.items.map((e) => e.id)).toEqual(events.slice(2, 4).map((e) => e.id));
    expect(page.nextCursor).toBe(events[3]?.id);
    const end = await suite.api.get<{ items: TaskEventView[]; nextCursor: string | null }>(`/api/tasks/${task.id}/events?after=${events.at(-1)?.id}`);
    expect(end.items).toEqual([]);
    expect(end.nextCursor).toBe(events.at(-1)?.id);
    const newest = await suite.api.get<{ items: TaskEventView[] }>(`/api/tasks/${task.id}/events?limit=2`);
    expect(newest.items.map((e) => e.id)).toEqual(events.slice(-2).map((e) => e.id));
  });
});
