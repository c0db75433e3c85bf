import { type Db, disconnectAll } from "@outflow/db/client";
import { seriesPoints, seriesWindow } from "@outflow/db/metric-series";
import { compactSamples, readRate, readSeriesSamples, recordSample } from "@outflow/db/task-metric-samples";
import { insertPlainTask, migratedDb } from "@outflow/testing/db-only";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("task metric samples (real Postgres)", () => {
  let db: Db;

  beforeAll(async () => {
    db = await migratedDb("it_samples");
  });
  afterAll(disconnectAll);

  const newTask = () => insertPlainTask(db);

  it("reads the rate from the samples of the last seconds: the recent traffic, and 0 a window after it stopped", async () => {
    const samples = async (totals: [secondsAgo: number, messagesIn: number][]) => {
      const task = await newTask();
      const now = Date.now();
      for (const [ago, n] of totals) {
        await db.taskMetricSample.create({ data: { taskId: task.id, at: new Date(now - ago * 1000), messagesIn: BigInt(n), documentsWritten: 0n } });
      }
      return readRate(db, task.id);
    };
    // Idle for half a minute, then 100 msg/s for 2 s: 100/s, not an average since the first sample.
    expect(
      await samples([
        [30, 0],
        [2.1, 0],
        [1.1, 100],
        [0.1, 200],
      ]),
    ).toBeCloseTo(100, 0);
    // 100 msg/s that stopped 4 s ago (samples go on), the task younger than the window: the average over its 6 s.
    expect(
      await samples([
        [6.1, 0],
        [5.1, 100],
        [4.1, 200],
        [1.1, 200],
        [0.1, 200],
      ]),
    ).toBeCloseTo(200 / 6, 0);
    // Traffic that stopped a whole window ago (samples go on): 0.
    expect(
      await samples([
        [16, 0],
        [13, 200],
        [6, 200],
        [0.1, 200],
      ]),
    ).toBe(0);
    // No sample in the last window (no runner): 0.
    expect(
      await samples([
        [40, 0],
        [39, 500],
      ]),
    ).toBe(0);
    // Samples written by recordSample after metrics are added: the same figure.
    const task = await newTask();
    const where = { taskId_topic_partition: { taskId: task.id, topic: "t", partition: 0 } };
    await db.taskPartitionMetric.create({ data: { taskId: task.id, topic: "t", partition: 0, messagesIn: 500n, committedOffset: "500" } });
    await recordSample(db, task.id);
    await new Promise((r) => setTimeout(r, 1000));
    await db.taskPartitionMetric.update({ where, data: { messagesIn: 600n, committedOffset: "600" } });
    await recordSample(db, task.id);
    const rate = await readRate(db, task.id);
    // 100 messages between the two samples, by their stored instants (the database's clock)
    const [a, b] = await db.taskMetricSample.findMany({ where: { taskId: task.id }, orderBy: { at: "asc" } });
    expect(rate).toBeCloseTo(100 / (((b?.at.getTime() ?? 0) - (a?.at.getTime() ?? 0)) / 1000), 0);
  });

  it("stores every counter a chart needs, summed over the partitions, with the lag", async () => {
    const task = await newTask();
    const row = { taskId: task.id, topic: "t" };
    await db.taskPartitionMetric.create({
      data: {
        ...row,
        partition: 0,
        messagesIn: 10n,
        messagesWritten: 4n,
        documentsWritten: 8n,
        filtered: 2n,
        dropped: 1n,
        discarded: 2n,
        deadLettered: 1n,
        failed: 1n,
        committedOffset: "10",
        endOffset: "20",
      },
    });
    await db.taskPartitionMetric.create({
      data: { ...row, partition: 1, messagesIn: 3n, messagesWritten: 3n, documentsWritten: 3n, committedOffset: "3", endOffset: "5" },
    });
    await recordSample(db, task.id);
    const [s] = await db.taskMetricSample.findMany({ where: { taskId: task.id } });
    expect(s).toMatchObject({
      messagesIn: 13n,
      messagesWritten: 7n,
      documentsWritten: 11n,
      filtered: 2n,
      dropped: 1n,
      discarded: 2n,
      deadLettered: 1n,
      failed: 1n,
      lag: 12n,
    });
  });

  it("rolls the last sample of each whole minute up, then keeps samples 2 h and rollups 8 days", async () => {
    const task = await newTask();
    // The test's minute must stay the current one until compactSamples has run: start early in a minute.
    const clock = async () => ((await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`) as [{ now: Date }])[0].now;
    const left = 60_000 - ((await clock()).getTime() % 60_000);
    if (left < 10_000) {
      await new Promise((r) => setTimeout(r, left + 100));
    }
    const now = await clock();
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    const put = (at: number, messagesIn: number) =>
      db.taskMetricSample.create({ data: { taskId: task.id, at: new Date(at), messagesIn: BigInt(messagesIn), documentsWritten: BigInt(messagesIn) } });
    await put(minute - 3 * 3_600_000 + 5_000, 1); // older than 2 h
    await put(minute - 120_000 + 10_000, 2);
    await put(minute - 120_000 + 50_000, 3); // the last of its minute
    await put(minute - 60_000 + 1_000, 4); // the only one of the last whole minute
    await put(minute + 100, 5); // this minute: not whole yet
    await db.taskMetricRollup.create({
      data: { taskId: task.id, minute: new Date(minute - 9 * 86_400_000), at: new Date(minute - 9 * 86_400_000), ...counts(9) },
    });
    await compactSamples(db, task.id);
    const rollups = await db.taskMetricRollup.findMany({ where: { taskId: task.id }, orderBy: { minute: "asc" } });
    expect(rollups.map((r) => [r.minute.getTime() - minute, Number(r.messagesIn)])).toEqual([
      [-3 * 3_600_000, 1],
      [-120_000, 3],
      [-60_000, 4],
    ]);
    const samples = await db.taskMetricSample.findMany({ where: { taskId: task.id }, orderBy: { at: "asc" } });
    expect(samples.map((r) => Number(r.messagesIn))).toEqual([2, 3, 4, 5]);
    // A sample stored late into the newest rolled-up minute replaces its rollup; nothing else changes.
    await put(minute - 60_000 + 2_000, 6);
    await compactSamples(db, task.id);
    const again = await db.taskMetricRollup.findMany({ where: { taskId: task.id }, orderBy: { minute: "asc" } });
    expect(again.map((r) => Number(r.messagesIn))).toEqual([1, 3, 6]);
  });

  it("reads the last sample of each step, from samples and rollups, and the step before the window", async () => {
    const task = await newTask();
    const [{ now }] = (await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`) as [{ now: Date }];
    const w = seriesWindow(now, 24 * 3_600_000, 180_000);
    const start = w.from.getTime();
    // Rolled up long ago (older than the samples are kept), and samples of the last minutes.
    for (const [at, n] of [
      [start - 200_000, 100], // before the step before the window: not read
      [start - 60_000, 200], // the step before the window: the first point's base
      [start + 30_000, 260],
      [start + 120_000, 300],
      [start + 200_000, 400],
    ] as const) {
      await db.taskMetricRollup.create({ data: { taskId: task.id, minute: new Date(Math.floor(at / 60_000) * 60_000), at: new Date(at), ...counts(n) } });
    }
    const lastStep = start + (w.count - 1) * w.stepMs;
    for (const [at, n] of [
      [lastStep - 5_000, 1000],
      [lastStep + 1_000, 1100],
      [lastStep + 2_000, 1150],
    ] as const) {
      await db.taskMetricSample.create({ data: { taskId: task.id, at: new Date(at), ...counts(n) } });
    }
    const rows = await readSeriesSamples(db, task.id, w, true);
    expect(rows.map((r) => Number(r.messagesIn)).sort((a, b) => a - b)).toEqual([200, 200, 300, 400, 1000, 1150]); // and the earliest (200) again
    const points = seriesPoints(rows, w);
    expect(points[0]?.inPerSecond).toBeCloseTo(100 / 180, 6);
    expect(points.at(-1)?.inPerSecond).toBeCloseTo(150 / 7, 6);
    // Without rollups (the short ranges): only the samples.
    expect((await readSeriesSamples(db, task.id, w, false)).map((r) => Number(r.messagesIn)).sort((a, b) => a - b)).toEqual([1000, 1000, 1150]);
  });
});

function counts(n: number) {
  const b = BigInt(n);
  return { messagesIn: b, messagesWritten: b, documentsWritten: b, filtered: 0n, dropped: 0n, discarded: 0n, deadLettered: 0n, failed: 0n, lag: 0n };
}
