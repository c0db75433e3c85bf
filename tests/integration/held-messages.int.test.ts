import type { HeldPage } from "@outflow/schemas/api/held";
import { caughtUpGroupOffsets, groupOffsets, produce, type TestMessage } from "@outflow/testing/kafka";
import { settledSum, type TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { waitFor } from "@outflow/testing/services";
import type { StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * What a retained task holds: every held partition with its message (editors and admins), skipping exactly one held
 * message (counted as discarded, the ledger balanced, audited), retrying after the cause is fixed, and viewers.
 */
describe("held messages (retain policy)", () => {
  const suite = new OutflowSuite("it-held");
  let viewer: StackUser;
  beforeAll(async () => {
    await suite.start();
    viewer = await suite.stack.createUser("viewer");
  });
  afterAll(suite.stop);

  const good = (id: string, partition: number): TestMessage => ({ value: JSON.stringify({ id }), partition });
  const held = (taskId: string) => suite.api.get<HeldPage>(`/api/tasks/${taskId}/held`);
  /** Waits until the task has failed holding exactly these partitions. */
  const waitForHeld = (taskId: string, partitions: number[]) =>
    waitFor(
      `held partitions ${partitions.join(",")}`,
      async () => {
        const t = await suite.outflow.task(taskId);
        const page = t.status === "failed" ? await held(taskId) : null;
        return page && JSON.stringify(page.items.map((i) => i.partition)) === JSON.stringify(partitions) ? page : null;
      },
      60_000,
    );

  it("shows both held partitions with their messages; skipping one commits past exactly it, counted, balanced and audited; retry after a fix writes the other", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const ts = String(Date.UTC(2026, 0, 2, 3, 4, 5));
    await produce(topic, [
      good("a0", 0),
      { value: "poison zero", key: "k0", partition: 0, timestamp: ts, headers: { origin: "test" } },
      good("a2", 0),
      good("b0", 1),
      good("b1", 1),
      { value: Buffer.from([0xff, 0x00, 0xfe]), key: "k1", partition: 1 },
      good("b3", 1),
    ]);
    const task = await suite.outflow.run({
      topics: [topic],
      index,
      sink: { documentId: { type: "kafka_coordinates" } },
      failure: { policy: "retain" },
    });
    const both = await waitForHeld(task.id, [0, 1]);
    expect(both.total).toBe(2);
    const [p0, p1] = both.items;
    expect(p0).toMatchObject({ topic, partition: 0, offset: "1", stage: "parse", resumesAt: "2", messageNote: null });
    expect(p0?.reason).toMatch(/invalid JSON/);
    expect(p0?.message).toEqual({
      topic,
      partition: 0,
      offset: "1",
      timestamp: ts,
      key: "k0",
      value: "poison zero",
      valueEncoding: "utf8",
      valueTruncated: false,
      headers: { origin: "test" },
    });
    expect(p1).toMatchObject({ topic, partition: 1, offset: "2", stage: "parse", resumesAt: "3" });
    expect(p1?.message).toMatchObject({ key: "k1", value: Buffer.from([0xff, 0x00, 0xfe]).toString("base64"), valueEncoding: "base64" });

    // Viewers: where and why, never the message; no skip or retry.
    const asViewer = suite.api.as(viewer.token);
    const seen = await asViewer.get<HeldPage>(`/api/tasks/${task.id}/held`);
    expect(seen.items.map((i) => [i.partition, i.offset, i.stage, i.message])).toEqual([
      [0, "1", "parse", null],
      [1, "2", "parse", null],
    ]);
    expect(JSON.stringify(seen)).not.toContain("poison zero");
    expect((await asViewer.expectError("POST", `/api/tasks/${task.id}/held/skip`, { topic, partition: 1, offset: "2" })).status).toBe(403);
    expect((await asViewer.expectError("POST", `/api/tasks/${task.id}/held/retry`)).status).toBe(403);

    // Bad skips name the field.
    const stale = await suite.api.expectError("POST", `/api/tasks/${task.id}/held/skip`, { topic, partition: 1, offset: "1" });
    expect([stale.status, stale.body.error?.field]).toEqual([409, "offset"]);
    const missing = await suite.api.expectError("POST", `/api/tasks/${task.id}/held/skip`, { topic, partition: 1 });
    expect([missing.status, missing.body.error?.field]).toEqual([422, "offset"]);
    const other = await suite.api.expectError("POST", `/api/tasks/${task.id}/held/skip`, { topic: `${topic}-x`, partition: 1, offset: "2" });
    expect([other.status, other.body.error?.field]).toEqual([422, "topic"]);
    const none = await suite.api.expectError("POST", `/api/tasks/${task.id}/held/skip`, { topic, partition: 2, offset: "0" });
    expect([none.status, none.body.error?.field]).toEqual([409, "partition"]);

    // Skip partition 1's message: the task starts again, partition 1 goes on past it, partition 0 is held again.
    const queued = await suite.api.post(`/api/tasks/${task.id}/held/skip`, { topic, partition: 1, offset: "2" });
    expect(queued).toEqual({ status: "queued", topic, partition: 1, offset: "2" });
    const skipped = await suite.outflow.waitForEvent(task.id, "message_discarded");
    expect(skipped.details).toMatchObject({ topic, partition: 1, offset: "2", stage: "parse", skipped: true });
    expect((skipped as unknown as { actor: { email: string } }).actor.email).toBe(suite.stack.admin.email);
    const onlyP0 = await waitForHeld(task.id, [0]);
    expect(onlyP0.items[0]).toMatchObject({ partition: 0, offset: "1" });
    // Committed past the skipped message (3), and past 3 too if partition 1 wrote it before partition 0 stopped the task.
    const [c0, c1] = await groupOffsets(task.consumerGroup, topic);
    expect(c0?.committed).toBe("1");
    expect(["3", "4"]).toContain(c1?.committed);
    const audit = await suite.api.get<{ items: { action: string; targetId: string | null; actorEmail: string }[] }>("/api/audit?action=task.held");
    expect(audit.items.filter((e) => e.targetId === task.id).map((e) => [e.action, e.actorEmail])).toEqual([["task.held.skip", suite.stack.admin.email]]);
    // Skipping the same message again: it is no longer held.
    const again = await suite.api.expectError("POST", `/api/tasks/${task.id}/held/skip`, { topic, partition: 1, offset: "2" });
    expect([again.status, again.body.error?.field]).toEqual([409, "partition"]);

    // Fix the cause (non-JSON values are wrapped now) and retry: the held message of partition 0 is written.
    await suite.api.patch(`/api/tasks/${task.id}`, { config: { parse: { nonJson: { action: "wrap", key: "raw" } } } });
    const retried = await suite.api.post<TaskView>(`/api/tasks/${task.id}/held/retry`);
    expect(retried.status).toBe("starting");
    await suite.outflow.waitForStatus(task.id, "running");
    await suite.outflow.waitForNoLag(task.id);
    // Every message written once except the skipped one, which is counted as discarded; each partition's ledger balances.
    const docs = await suite.docsById(index);
    expect(Object.keys(docs).sort()).toEqual([0, 1, 2].map((o) => `${topic}-0-${o}`).concat([0, 1, 3].map((o) => `${topic}-1-${o}`)));
    expect(docs[`${topic}-0-1`]).toEqual({ raw: "poison zero" });
    expect(await caughtUpGroupOffsets(task.consumerGroup, topic)).toEqual([
      { partition: 0, committed: "3", end: "3" },
      { partition: 1, committed: "4", end: "4" },
    ]);
    const counted = await suite.outflow.waitForTotals(task.id, "both ledgers balanced", (_t, tv) =>
      tv.metrics.partitions.every((p) => p.ledger.balanced === true),
    );
    const [m0, m1] = counted.metrics.partitions;
    expect(m0).toMatchObject({ messagesIn: 3, messagesWritten: 3, discarded: 0, failed: 0 });
    expect(m1).toMatchObject({ messagesIn: 4, messagesWritten: 3, discarded: 1, failed: 0 });
    expect(m1?.ledger).toMatchObject({ committed: 4, settled: 4, unaccounted: 0, balanced: true });
    expect(counted.metrics.totals).toMatchObject({ messagesIn: 7, messagesWritten: 6, discarded: 1, failed: 0 });
    expect(settledSum(counted.metrics.totals)).toBe(counted.metrics.totals.messagesIn);
    expect((await held(task.id)).items).toEqual([]);
    const nothing = await suite.api.expectError("POST", `/api/tasks/${task.id}/held/retry`);
    expect(nothing.status).toBe(409);
    const retriedAudit = await suite.api.get<{ items: { action: string; targetId: string | null }[] }>("/api/audit?action=task.held.retry");
    expect(retriedAudit.items.map((e) => e.targetId)).toContain(task.id);
  });
});
