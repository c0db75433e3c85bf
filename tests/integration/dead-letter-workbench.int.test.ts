import type { DeadLetterGroupView, DeadLetterPage, ReplayView } from "@outflow/schemas/api/dead-letters";
import { allDocs } from "@outflow/testing/elastic";
import { createTopic, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import { headersAsText } from "@outflow/testing/kafka-admin";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { uniqueName, waitFor } from "@outflow/testing/services";
import type { StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";

type Group = z.infer<typeof DeadLetterGroupView>;
type Page = z.infer<typeof DeadLetterPage>;
type Groups = { scan: Page["scan"]; groups: Group[] };
type TestAnswer = {
  tested: number;
  selected: number;
  letters: { partition: number; offset: string; passes: boolean; outcome: string }[];
  preview: { rows: unknown[] };
};

/** The dead-letter workbench on the real services: groups, test, replay (refused twice, resumed after a kill), roles. */
describe("dead-letter workbench", () => {
  const suite = new OutflowSuite("it-dlw");
  let viewer: StackUser;
  beforeAll(async () => {
    await suite.start();
    viewer = await suite.stack.createUser("viewer");
  });
  afterAll(suite.stop);

  const byId = { documentId: { type: "fields", fields: ["$.id"] } };
  const castQty = [{ type: "cast", field: "$.qty", as: "integer" }];
  const good = (id: string): TestMessage => ({ key: id, value: JSON.stringify({ id, qty: 1 }) });
  /** Fails the cast rule today; passes once the rule is gone. */
  const uncastable = (id: string, qty = "many"): TestMessage => ({ key: id, value: JSON.stringify({ id, qty }), headers: { "x-origin": `o-${id}` } });
  const ids = async (index: string) => (await allDocs(suite.es, index)).map((d) => d._id).sort();

  /** A running dead_letter task over `messages`, settled: every message counted. */
  async function taskWithLetters(messages: TestMessage[], deadLettered: number) {
    const { topic, index } = await suite.freshTopic();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 2);
    // qty as keyword: the good messages' cast numbers and the replayed letters' text both fit it.
    await suite.es.indices.create({ index, mappings: { properties: { id: { type: "keyword" }, qty: { type: "keyword" } } } });
    await produce(topic, messages);
    const task = await suite.outflow.run({ topics: [topic], index, rules: castQty, sink: byId, failure: { policy: "dead_letter", topic: dlq } });
    await suite.outflow.waitForTotals(task.id, `${deadLettered} dead letters`, (t) => t.messagesIn === messages.length && t.deadLettered === deadLettered);
    return { task, topic, index, dlq };
  }

  const groupsOf = (taskId: string) => suite.api.get<Groups>(`/api/tasks/${taskId}/dead-letters/groups`);
  const replayDone = (taskId: string, id: string, timeoutMs = 60_000) =>
    waitFor(
      `replay ${id} to finish`,
      async () => {
        const r = await suite.api.get<ReplayView>(`/api/tasks/${taskId}/dead-letters/replays/${id}`);
        if (r.status === "failed") {
          throw new Error(`replay failed: ${r.error}`);
        }
        return r.status === "done" ? r : null;
      },
      timeoutMs,
    );

  it("groups letters, tests a group against the current configuration, replays it once (a second replay is refused), and a still-failing letter returns with attempt 2", async () => {
    const messages = [
      good("g0"),
      good("g1"),
      ...Array.from({ length: 12 }, (_, i) => uncastable(`r${i}`)),
      { key: "p", value: "{oops" },
      { key: "q", value: "{oops" },
    ];
    const { task, index, dlq } = await taskWithLetters(messages, 14);
    expect(await ids(index)).toEqual(["g0", "g1"]);

    const { scan, groups } = await groupsOf(task.id);
    expect(scan).toMatchObject({ topic: dlq, letters: 14, complete: true });
    expect(groups.map((g) => [g.stage, g.count, g.replayed])).toEqual([
      ["rule", 12, 0],
      ["parse", 2, 0],
    ]);
    const ruleGroup = groups[0] as Group;
    const parseGroup = groups[1] as Group;
    expect(Number(ruleGroup.first)).toBeLessThanOrEqual(Number(ruleGroup.last));

    const page = await suite.api.get<Page>(`/api/tasks/${task.id}/dead-letters?group=${ruleGroup.id}&limit=5`);
    expect(page).toMatchObject({ total: 12, offset: 0, limit: 5, contents: true });
    expect(page.items).toHaveLength(5);
    const opened = page.items[0];
    expect(opened?.message?.headers).toEqual({ "x-origin": `o-${JSON.parse(opened?.message?.value ?? "{}").id}` });
    expect(opened?.source.offset).toMatch(/^\d+$/);
    const one = await suite.api.get<Page["items"][number]>(`/api/tasks/${task.id}/dead-letters/letter?partition=${opened?.partition}&offset=${opened?.offset}`);
    expect(one).toEqual(opened);

    // Today's configuration still fails them; without the cast rule they pass, and the preview shows the document.
    const before = await suite.api.post<TestAnswer>(`/api/tasks/${task.id}/dead-letters/test`, { selection: { kind: "group", group: ruleGroup.id } });
    expect(before.letters.map((l) => l.passes)).toEqual(Array(12).fill(false));
    await suite.api.patch(`/api/tasks/${task.id}`, { config: { rules: [] } });
    const after = await suite.api.post<TestAnswer>(`/api/tasks/${task.id}/dead-letters/test`, { selection: { kind: "group", group: ruleGroup.id } });
    expect(after.letters.map((l) => l.passes)).toEqual(Array(12).fill(true));
    expect(JSON.stringify(after.preview.rows[0])).toContain('\\"qty\\":\\"many\\"');
    expect(await ids(index)).toEqual(["g0", "g1"]);

    // Replay the group: exactly its documents are written.
    const replay = await suite.api.post<ReplayView>(`/api/tasks/${task.id}/dead-letters/replays`, { selection: { kind: "group", group: ruleGroup.id } });
    expect(replay).toMatchObject({ status: "queued", total: 12, position: 0 });
    const done = await replayDone(task.id, replay.id);
    expect(done).toMatchObject({ position: 12, written: 12, failedAgain: 0, filtered: 0, missing: 0 });
    const replayedIds = Array.from({ length: 12 }, (_, i) => `r${i}`);
    expect(await ids(index)).toEqual(["g0", "g1", ...replayedIds].sort());
    expect((await suite.docsById(index)).r3).toEqual({ id: "r3", qty: "many" });

    // The same group again: refused, naming force; nothing more is written.
    const again = await suite.api.expectError("POST", `/api/tasks/${task.id}/dead-letters/replays`, { selection: { kind: "group", group: ruleGroup.id } });
    expect(again.status).toBe(409);
    expect(again.body.error?.field).toBe("force");
    const named = await suite.api.expectError("POST", `/api/tasks/${task.id}/dead-letters/replays`, {
      selection: { kind: "letters", letters: [{ partition: opened?.partition, offset: opened?.offset }] },
    });
    expect(named.status).toBe(409);
    expect((await groupsOf(task.id)).groups.find((g) => g.id === ruleGroup.id)?.replayed).toBe(12);
    // With force it runs again, idempotent by the task's document IDs.
    const forced = await suite.api.post<ReplayView>(`/api/tasks/${task.id}/dead-letters/replays`, {
      selection: { kind: "group", group: ruleGroup.id },
      force: true,
    });
    expect((await replayDone(task.id, forced.id)).written).toBe(12);
    expect(await ids(index)).toEqual(["g0", "g1", ...replayedIds].sort());

    // The parse failures fail again: back in the topic with attempt 2 and their source coordinates.
    const parse = await suite.api.post<ReplayView>(`/api/tasks/${task.id}/dead-letters/replays`, { selection: { kind: "group", group: parseGroup.id } });
    expect(await replayDone(task.id, parse.id)).toMatchObject({ written: 0, failedAgain: 2 });
    const records = await readAll(dlq, 16, 30_000);
    expect(records).toHaveLength(16);
    const returned = records
      .map((r): Record<string, string | undefined> => ({ ...headersAsText(r.headers), value: r.value?.toString() }))
      .filter((h) => h["outflow.attempt"] !== undefined);
    expect(returned.map((h) => [h["outflow.attempt"], h["outflow.stage"], h["outflow.task.id"], h.value])).toEqual([
      ["2", "parse", task.id, "{oops"],
      ["2", "parse", task.id, "{oops"],
    ]);
    expect(returned.map((h) => h["outflow.source.offset"]).sort()).toEqual(["14", "15"]);
    const regrouped = await groupsOf(task.id);
    expect(regrouped.groups.find((g) => g.id === parseGroup.id)).toMatchObject({ count: 4, replayed: 2 });

    // Every replay is in the audit log, with its id.
    type Entries = { items: { action: string; targetId: string | null; details: { replayId?: string } | null }[] };
    const audit = await suite.api.get<Entries>(`/api/audit?action=task.dead-letters`);
    expect(
      audit.items
        .filter((e) => e.targetId === task.id)
        .map((e) => e.details?.replayId)
        .sort(),
    ).toEqual([replay.id, forced.id, parse.id].sort());
  });

  it("viewers see counts, stages and reasons, never contents; they may not test or replay", async () => {
    const { task } = await taskWithLetters([good("v0"), uncastable("secret-id-1", "secret-qty"), uncastable("secret-id-2", "secret-qty")], 2);
    const groups = await viewer.api.get<Groups>(`/api/tasks/${task.id}/dead-letters/groups`);
    expect(groups.groups.map((g) => [g.stage, g.count])).toEqual([["rule", 2]]);
    const page = await viewer.api.get<Page>(`/api/tasks/${task.id}/dead-letters`);
    expect(page.contents).toBe(false);
    expect(page.items.map((l) => l.message)).toEqual([null, null]);
    expect(page.items.every((l) => l.stage === "rule" && l.reason.length > 0)).toBe(true);
    const first = page.items[0];
    const one = await viewer.api.get<Page["items"][number]>(`/api/tasks/${task.id}/dead-letters/letter?partition=${first?.partition}&offset=${first?.offset}`);
    expect(one.message).toBeNull();
    // Neither the contents nor the value quoted in the reason (the cast's input), which an editor reads.
    for (const answer of [groups, page, one]) {
      expect(JSON.stringify(answer)).not.toContain("secret-");
    }
    expect(page.items[0]?.reason).toContain("‹hidden›");
    expect((await suite.api.get<Page>(`/api/tasks/${task.id}/dead-letters`)).items[0]?.reason).toContain("secret-qty");
    const selection = { kind: "group", group: groups.groups[0]?.id };
    expect((await viewer.api.expectError("POST", `/api/tasks/${task.id}/dead-letters/test`, { selection })).status).toBe(403);
    expect((await viewer.api.expectError("POST", `/api/tasks/${task.id}/dead-letters/replays`, { selection })).status).toBe(403);
    // Bad input names its field.
    const bad = await suite.api.expectError("POST", `/api/tasks/${task.id}/dead-letters/replays`, { selection: { kind: "group", group: "nope" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.field).toBe("selection.group");
    const badQuery = await suite.api.expectError("GET", `/api/tasks/${task.id}/dead-letters?limit=100000`);
    expect(badQuery.body.error?.field).toBe("limit");
  });

  it("discard policy: the sampled discards with their reasons, and how many were not sampled", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(topic, [good("d0"), uncastable("d1"), uncastable("d2"), { key: "d3", value: "{oops" }, good("d4")]);
    const task = await suite.outflow.run({ topics: [topic], index, rules: castQty, sink: byId, failure: { policy: "discard" } });
    await suite.outflow.waitForTotals(task.id, "3 discarded", (t) => t.messagesIn === 5 && t.discarded === 3);
    type Discards = {
      items: { topic: string; offset: string; stage: string; reason: string }[];
      total: number;
      discarded: number;
      sampled: number;
      notSampled: number;
    };
    const d = await waitFor(
      "the sampled discard event",
      async () => {
        const page = await suite.api.get<Discards>(`/api/tasks/${task.id}/discards`);
        return page.discarded === 3 && page.total > 0 ? page : null;
      },
      30_000,
    );
    // One event per 5 s at most (a chunk's failures are one event, naming the first): the rest are counted, not listed.
    expect(d).toMatchObject({ discarded: 3, sampled: 1, notSampled: 2, total: 1 });
    expect(d.items).toEqual([expect.objectContaining({ topic, offset: "1", stage: "rule" })]);
    expect((await viewer.api.get<Discards>(`/api/tasks/${task.id}/discards`)).items[0]?.reason).toContain("‹hidden›");
    const letters = await suite.api.expectError("GET", `/api/tasks/${task.id}/dead-letters/groups`);
    expect(letters.status).toBe(409);
  });

  it("a replay interrupted by a worker kill resumes from its recorded position and loses nothing", async () => {
    const n = 300;
    const { task, index } = await taskWithLetters(
      Array.from({ length: n }, (_, i) => uncastable(`k${i}`)),
      n,
    );
    await suite.api.patch(`/api/tasks/${task.id}`, { config: { rules: [] } });
    const replay = await suite.api.post<ReplayView>(`/api/tasks/${task.id}/dead-letters/replays`, { selection: { kind: "all" }, ratePerSecond: 20 });
    const [worker] = suite.stack.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    const midway = await waitFor(
      "the replay to be part way",
      async () => {
        const r = await suite.api.get<ReplayView>(`/api/tasks/${task.id}/dead-letters/replays/${replay.id}`);
        return r.position >= 40 ? r : null;
      },
      60_000,
      100,
    );
    await suite.stack.crashWorker(worker as NonNullable<typeof worker>);
    const atKill = await suite.api.get<ReplayView>(`/api/tasks/${task.id}/dead-letters/replays/${replay.id}`);
    expect(atKill.status).toBe("running");
    expect(atKill.position).toBeGreaterThanOrEqual(midway.position);
    expect(atKill.position).toBeLessThan(n);
    const next = suite.stack.startWorker();
    await suite.stack.waitStarted(next);
    const done = await replayDone(task.id, replay.id, 120_000);
    expect(done).toMatchObject({ position: n, written: n, failedAgain: 0, missing: 0 });
    expect(done.workerId).toBe(next.id);
    expect(await ids(index)).toEqual(Array.from({ length: n }, (_, i) => `k${i}`).sort());
  });
});
