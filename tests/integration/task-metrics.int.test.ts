import { type Db, disconnectAll } from "@outflow/db/client";
import { addPartitionState, addSettledSpan, markOffsetReset, readPartitionMetrics, setEndOffsets } from "@outflow/db/task-metrics";
import { deleteTask } from "@outflow/db/tasks";
import { zeroCounters } from "@outflow/schemas/task";
import { insertPlainTask, migratedDb } from "@outflow/testing/db-only";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { failed: _held, ...ZERO } = zeroCounters();

describe("partition counters (real Postgres)", () => {
  let db: Db;

  beforeAll(async () => {
    db = await migratedDb("it_metrics");
  });
  afterAll(disconnectAll);

  const newTask = () => insertPlainTask(db);

  /** Counts settled messages `from`..`to` (exclusive) of partition `p`. */
  const settle = (taskId: string, p: number, counts: Partial<typeof ZERO>, from: string, to: string) =>
    addSettledSpan(db, taskId, "t", p, { counts: { ...ZERO, ...counts }, from, to });

  it("adds counts per partition and keeps the offset counted up to", async () => {
    const task = await newTask();
    expect(await settle(task.id, 0, { messagesIn: 3, documentsWritten: 3 }, "0", "3")).toBeNull();
    expect(await settle(task.id, 0, { messagesIn: 2, filtered: 2 }, "3", "5")).toBeNull();
    await addPartitionState(db, task.id, "t", 0, { held: false, lastError: "boom" });
    const m = await readPartitionMetrics(db, task.id);
    expect(m.partitions).toHaveLength(1);
    expect(m.totals).toMatchObject({ messagesIn: 5, documentsWritten: 3, filtered: 2 });
    expect(m.partitions[0]?.committedOffset).toBe("5");
    expect(m.lastError).toBe("boom");
  });

  it("counts a span once: a span settled again (after a crash before its commit) adds nothing, an overlap is refused with where the count stands", async () => {
    const task = await newTask();
    await settle(task.id, 0, { messagesIn: 10, messagesWritten: 10 }, "0", "10");
    // The same span again (the commit to Kafka never happened, the next holder settles it again): refused.
    expect(await settle(task.id, 0, { messagesIn: 10, messagesWritten: 10 }, "0", "10")).toEqual({ countedTo: "10" });
    // Overlapping: refused too, so the caller counts only past 10.
    expect(await settle(task.id, 0, { messagesIn: 15, messagesWritten: 15 }, "5", "20")).toEqual({ countedTo: "10" });
    expect(await settle(task.id, 0, { messagesIn: 10, messagesWritten: 10 }, "10", "20")).toBeNull();
    // Offsets compare as numbers, not text ("9" > "10" as text).
    expect(await settle(task.id, 1, { messagesIn: 1 }, "9", "10")).toBeNull();
    expect(await settle(task.id, 1, { messagesIn: 90 }, "10", "100")).toBeNull();
    const m = await readPartitionMetrics(db, task.id);
    expect(m.partitions.map((p) => p.messagesIn)).toEqual([20, 91]);
  });

  it("never stores a committed offset past the end offset: a commit after the last end-offset read raises the end", async () => {
    const task = await newTask();
    await setEndOffsets(db, task.id, [{ topic: "t", partition: 0, endOffset: "1009", committedOffset: "1000" }]);
    // Messages produced and consumed after that read: the runner's commit is past the end read then.
    await settle(task.id, 0, { messagesIn: 263 }, "1000", "1263");
    let p = (await readPartitionMetrics(db, task.id)).partitions[0];
    expect(p).toMatchObject({ committedOffset: "1263", endOffset: "1263", lag: 0 });
    // The next read of end offsets (with the group's commit read before it) is the truth, and still ≥ the commit.
    await setEndOffsets(db, task.id, [{ topic: "t", partition: 0, endOffset: "1500", committedOffset: "1263" }]);
    p = (await readPartitionMetrics(db, task.id)).partitions[0];
    expect(p).toMatchObject({ committedOffset: "1263", endOffset: "1500", lag: 237 });
    // An end read before a later runner commit was stored: raised to the stored commit, not below it.
    await settle(task.id, 0, { messagesIn: 300 }, "1263", "1563");
    await setEndOffsets(db, task.id, [{ topic: "t", partition: 0, endOffset: "1520", committedOffset: null }]);
    p = (await readPartitionMetrics(db, task.id)).partitions[0];
    expect(p).toMatchObject({ committedOffset: "1563", endOffset: "1563", lag: 0 });
    // Offsets are compared as numbers, not text ("999" < "1000").
    await setEndOffsets(db, task.id, [{ topic: "t", partition: 1, endOffset: "999", committedOffset: "998" }]);
    await settle(task.id, 1, { messagesIn: 2 }, "998", "1000");
    expect((await readPartitionMetrics(db, task.id)).partitions[1]).toMatchObject({ committedOffset: "1000", endOffset: "1000", lag: 0 });
  });

  it("counts a retained message once, and not any more once it was settled (retain → discard)", async () => {
    const task = await newTask();
    // Stopped at the 4th message (retain), started again without a fix: stopped at the same message.
    await settle(task.id, 0, { messagesIn: 3, messagesWritten: 3 }, "0", "3");
    await addPartitionState(db, task.id, "t", 0, { held: true, lastError: null });
    await addPartitionState(db, task.id, "t", 0, { held: true, lastError: null });
    expect((await readPartitionMetrics(db, task.id)).totals).toMatchObject({ messagesIn: 3, failed: 1, discarded: 0 });
    // Switched to discard: the held message is discarded, the rest written.
    await settle(task.id, 0, { messagesIn: 3, messagesWritten: 2, discarded: 1 }, "3", "6");
    expect((await readPartitionMetrics(db, task.id)).totals).toMatchObject({ messagesIn: 6, messagesWritten: 5, failed: 0, discarded: 1 });
  });

  it("clears the last error once messages settle again without one (recovered)", async () => {
    const task = await newTask();
    await addPartitionState(db, task.id, "t", 0, { held: false, lastError: "401 Unauthorized" });
    await addPartitionState(db, task.id, "t", 0, { held: false, lastError: null });
    expect((await readPartitionMetrics(db, task.id)).lastError).toBe("401 Unauthorized");
    await settle(task.id, 0, { messagesIn: 4, documentsWritten: 4 }, "0", "4");
    expect((await readPartitionMetrics(db, task.id)).lastError).toBeNull();
  });

  it("keeps the ledger: the span Kafka committed from the first counted offset against the settled counters, again from a reset", async () => {
    const task = await newTask();
    await settle(task.id, 0, { messagesIn: 10, messagesWritten: 7, filtered: 2, deadLettered: 1 }, "100", "110");
    let p = (await readPartitionMetrics(db, task.id)).partitions[0];
    // Not read from Kafka yet: cannot be told.
    expect(p?.ledger).toMatchObject({ countedFrom: "100", committed: null, settled: 10, balanced: null });
    await setEndOffsets(db, task.id, [{ topic: "t", partition: 0, endOffset: "120", committedOffset: "110" }]);
    p = (await readPartitionMetrics(db, task.id)).partitions[0];
    expect(p?.ledger).toMatchObject({ committedOffset: "110", committed: 10, settled: 10, unaccounted: 0, balanced: true });
    expect(p?.offsetsReadAt).not.toBeNull();
    // A later span does not move the start; Kafka committing past what was counted unbalances it.
    await settle(task.id, 0, { messagesIn: 5, messagesWritten: 5 }, "110", "115");
    await setEndOffsets(db, task.id, [{ topic: "t", partition: 0, endOffset: "120", committedOffset: "117" }]);
    expect((await readPartitionMetrics(db, task.id)).partitions[0]?.ledger).toMatchObject({
      countedFrom: "100",
      committed: 17,
      settled: 15,
      unaccounted: 2,
      balanced: false,
    });
    // A reset to offset 0 (a replay): counters go on, "since the reset" and the ledger start again.
    await markOffsetReset(db, task.id);
    expect(await settle(task.id, 0, { messagesIn: 4, messagesWritten: 4 }, "0", "4")).toBeNull();
    await setEndOffsets(db, task.id, [{ topic: "t", partition: 0, endOffset: "120", committedOffset: "4" }]);
    const m = await readPartitionMetrics(db, task.id);
    expect(m.totals).toMatchObject({ messagesIn: 19, messagesWritten: 16 });
    expect(m.sinceReset).toMatchObject({ messagesIn: 4, messagesWritten: 4, filtered: 0, deadLettered: 0 });
    expect(m.resetAt).not.toBeNull();
    expect(m.partitions[0]?.ledger).toMatchObject({ countedFrom: "0", committed: 4, settled: 4, balanced: true });
  });

  it("adds nothing, and raises nothing, once the task is deleted", async () => {
    const task = await newTask();
    await deleteTask(db, task.id);
    await expect(settle(task.id, 0, { messagesIn: 1 }, "0", "1")).resolves.toBeNull();
    await expect(addPartitionState(db, task.id, "t", 0, { held: true, lastError: null })).resolves.toBeUndefined();
    expect(await db.taskPartitionMetric.count({ where: { taskId: task.id } })).toBe(0);
  });
});
