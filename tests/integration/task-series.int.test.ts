import type { SeriesPoint, TaskSeries } from "@outflow/schemas/api/task-series";
import { countDocs } from "@outflow/testing/elastic";
import { produce, type TestMessage } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** What a rate adds up to over the points: Σ rate × the seconds it spans. */
const integral = (points: SeriesPoint[], rate: (p: SeriesPoint) => number | null) => points.reduce((sum, p) => sum + (rate(p) ?? 0) * (p.spanSeconds ?? 0), 0);

/** The task page's charts' data (`GET /api/tasks/:id/series`) against what the index holds. */
describe("task series", () => {
  const suite = new OutflowSuite("it-series");
  beforeAll(suite.start);
  afterAll(suite.stop);

  const series = (id: string, range: string) => suite.api.get<TaskSeries>(`/api/tasks/${id}/series?range=${range}`);

  it("a burst: the documents written per second add up to the documents in the index, messages in to what was produced", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      rules: [{ type: "filter", action: "drop", conditions: [{ field: "level", op: "equals", value: "debug" }] }],
      sink: { documentId: { type: "fields", fields: ["id"] } },
    });
    await suite.outflow.waitForStatus(task.id, "running");
    // Before any message: the charts have nothing to draw but a lag of 0 (samples of a running task).
    const before = await series(task.id, "15m");
    expect(before.points.some((p) => (p.inPerSecond ?? 0) > 0)).toBe(false);

    // The burst: 6000 messages, one in ten filtered out.
    const messages: TestMessage[] = Array.from({ length: 6000 }, (_, i) => ({
      partition: i % 2,
      value: JSON.stringify({ id: `d${i}`, level: i % 10 === 3 ? "debug" : "info", n: i }),
    }));
    await produce(topic, messages);
    await suite.outflow.waitForMessagesIn(task.id, messages.length, 120_000);
    await suite.outflow.waitForNoLag(task.id);
    // The flush that counted the last messages stored its sample with them; one more second for good measure.
    await new Promise((r) => setTimeout(r, 1500));

    const inIndex = await countDocs(suite.es, index);
    expect(inIndex).toBe(5400);
    for (const range of ["15m", "1h", "24h", "7d"]) {
      const s = await series(task.id, range);
      expect(s.range).toBe(range);
      expect(s.points.length).toBeLessThanOrEqual(500);
      expect(s.points.length).toBeGreaterThan(100);
      expect(Math.round(integral(s.points, (p) => p.documentsPerSecond)), `documents written, ${range}`).toBe(inIndex);
      expect(Math.round(integral(s.points, (p) => p.writtenPerSecond)), `messages written, ${range}`).toBe(inIndex);
      expect(Math.round(integral(s.points, (p) => p.inPerSecond)), `messages in, ${range}`).toBe(messages.length);
      expect(Math.round(integral(s.points, (p) => p.filteredPerSecond)), `filtered, ${range}`).toBe(600);
      expect(s.points.findLast((p) => p.lag !== null)?.lag).toBe(0);
    }
    // The burst shows as a peak at the short range: some step ran well above the average of the quarter hour.
    const short = await series(task.id, "15m");
    const peak = Math.max(...short.points.map((p) => p.inPerSecond ?? 0));
    expect(peak).toBeGreaterThan(messages.length / (15 * 60));
  });

  it("answers 422 naming range for an unknown range, 404 for an unknown task, and a default range of 1 h", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const task = await suite.outflow.createTask(suite.outflow.config({ topics: [topic], index }));
    const bad = await suite.api.expectError("GET", `/api/tasks/${task.id}/series?range=2h`);
    expect(bad.status).toBe(422);
    expect(bad.body.error?.field).toBe("range");
    expect(bad.body.error?.issues?.[0]?.message).toMatch(/15m, 1h, 24h, 7d/);
    expect((await suite.api.expectError("GET", "/api/tasks/no-such-task/series?range=1h")).status).toBe(404);
    const s = await suite.api.get<TaskSeries>(`/api/tasks/${task.id}/series`);
    expect(s).toMatchObject({ range: "1h", stepSeconds: 10 });
    expect(s.points).toHaveLength(360);
    // A task never started: nothing at all.
    expect(s.points.every((p) => p.inPerSecond === null && p.lag === null)).toBe(true);
  });
});
