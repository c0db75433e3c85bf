import { allDocs, deleteIndices, testElastic } from "@outflow/testing/elastic";
import { recordFigures } from "@outflow/testing/fault-report";
import { committedToEnd, groupOffsets, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faultStack, newTopic, type Task } from "./driver";

/**
 * Every kind of poison message under every failure policy. Task A reads JSON logs into `poison-<app>_<date>`
 * (doc ID $.id, flatten limit 5, amount mapped as long); task B is a Debezium CDC sync keyed by $.id.
 */
const es = testElastic();
const prefix = uniqueName("poison");
const ts = "2026-11-20T10:00:00Z";
const good = (n: number) => JSON.stringify({ id: `g${n}`, app: "app", ts, amount: n });

type Poison = { kind: string; value: Buffer | null; stage: string };
const POISON_A: Poison[] = [
  { kind: "invalid JSON", value: Buffer.from('{"id":"p1", "app": '), stage: "parse" },
  {
    kind: "nested deeper than the flatten limit",
    value: Buffer.from(JSON.stringify({ id: "p2", app: "app", ts, d: { e: { f: { g: { h: { i: 1 } } } } } })),
    stage: "parse",
  },
  { kind: "a 5 MB message", value: Buffer.from(JSON.stringify({ id: "p3", app: "app", ts, blob: "x".repeat(5 * 1024 * 1024) })), stage: "index" },
  { kind: "empty value", value: Buffer.alloc(0), stage: "parse" },
  { kind: "binary", value: Buffer.from([0xff, 0xfe, 0x00, 0x81]), stage: "parse" },
  {
    kind: "a field whose type clashes with the mapping",
    value: Buffer.from(JSON.stringify({ id: "p6", app: "app", ts, amount: { not: "a number" } })),
    stage: "index",
  },
  { kind: "an index name the template makes invalid", value: Buffer.from(JSON.stringify({ id: "p7", app: "BAD*app", ts })), stage: "route" },
  { kind: "missing doc-ID field", value: Buffer.from(JSON.stringify({ app: "app", ts, amount: 1 })), stage: "route" },
  { kind: "unparseable date", value: Buffer.from(JSON.stringify({ id: "p9", app: "app", ts: "yesterday-ish" })), stage: "route" },
  { kind: "null value (tombstone)", value: null, stage: "parse" },
];
const UNICODE = JSON.stringify({ id: "u1", app: "app", ts, text: "lone \ud800 surrogate, NUL \u0000 and RTL \u202e mark" });
const POISON_B: Poison = {
  kind: "a CDC event without its primary key",
  value: Buffer.from(JSON.stringify({ op: "c", after: { name: "no key" } })),
  stage: "route",
};
const cdc = (id: number, name: string) => JSON.stringify({ op: "c", after: { id, name } });

/** good, poison, good, poison, …, unicode, good: returns the messages and each poison's offset (one partition). */
function sequenceA(): { messages: TestMessage[]; offsets: number[] } {
  const messages: TestMessage[] = [];
  const offsets: number[] = [];
  POISON_A.forEach((p, i) => {
    messages.push({ key: `g${i}`, value: good(i) });
    offsets.push(messages.length);
    messages.push({ key: `k-${p.kind}`, value: p.value });
  });
  messages.push({ key: "u1", value: UNICODE }, { key: "g-last", value: good(99) });
  return { messages, offsets };
}

describe("poison messages under each failure policy", () => {
  let ctx: Awaited<ReturnType<typeof faultStack>>;
  beforeAll(async () => {
    ctx = await faultStack({ workers: 1 });
    await es.indices.putIndexTemplate({
      name: prefix,
      index_patterns: [`${prefix}-*`],
      template: { settings: { number_of_replicas: 0 }, mappings: { properties: { amount: { type: "long" } } } },
    });
  });
  afterAll(async () => {
    await ctx?.stack.stop();
    await deleteIndices(es, `${prefix}-*`);
    await es.indices.deleteIndexTemplate({ name: prefix }).catch(() => {});
  });

  async function createTasks(policy: Record<string, unknown>) {
    const { api, kafkaId, esId } = ctx;
    const topicA = await newTopic("poison-a", 1);
    const topicB = await newTopic("poison-b", 1);
    const seq = sequenceA();
    await produce(topicA, seq.messages);
    await produce(topicB, [{ value: cdc(1, "one") }, { value: POISON_B.value }, { value: cdc(2, "two") }]);
    const a = await api.post<Task & { failurePoint: unknown }>("/api/tasks", {
      name: uniqueName("poison-a"),
      config: {
        source: { connectionId: kafkaId, topics: [topicA] },
        parse: { flatten: { maxDepth: 5 } },
        sink: {
          connectionId: esId,
          index: `${prefix}-{$.app}`,
          dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "$.ts" } },
          documentId: { type: "fields", fields: ["$.id"] },
        },
        failure: policy,
      },
    });
    const b = await api.post<Task>("/api/tasks", {
      name: uniqueName("poison-b"),
      config: {
        source: { connectionId: kafkaId, topics: [topicB] },
        sink: { connectionId: esId, index: `${prefix}-cdc`, cdc: { format: "debezium", primaryKey: ["$.id"] } },
        failure: policy,
      },
    });
    return { a, b, topicA, topicB, seq };
  }

  async function caughtUp(task: Task, topic: string) {
    await waitFor("caught up", async () => committedToEnd(await groupOffsets(task.consumerGroup, topic)), 180_000, 500);
  }

  it("discard: counts each one, indexes every good message, and keeps unusual Unicode exactly", async () => {
    const { a, b, topicA, topicB } = await createTasks({ policy: "discard" });
    await ctx.api.post(`/api/tasks/${a.id}/start`);
    await ctx.api.post(`/api/tasks/${b.id}/start`);
    await caughtUp(a, topicA);
    await caughtUp(b, topicB);
    const ta = await waitFor("counters", async () => {
      const t = await ctx.api.get<Task>(`/api/tasks/${a.id}`);
      return t.metrics.totals.messagesIn === POISON_A.length * 2 + 2 ? t : null;
    });
    // Counters reach the database on the worker's metrics cadence, after the commit: wait for B's too.
    const tb = await waitFor("counters of B", async () => {
      const t = await ctx.api.get<Task>(`/api/tasks/${b.id}`);
      return t.metrics.totals.messagesIn === 3 ? t : null;
    });
    const docs = await allDocs(es, `${prefix}-app_*`);
    const unicode = docs.find((d) => d._id === "u1");
    recordFigures("poison messages: discard", {
      kinds: POISON_A.length + 1,
      discardedA: ta.metrics.totals.discarded,
      discardedB: tb.metrics.totals.discarded,
      goodDocs: docs.length,
    });
    expect(ta.metrics.totals.discarded).toBe(POISON_A.length);
    expect(tb.metrics.totals.discarded).toBe(1);
    expect(docs.map((d) => d._id).sort()).toEqual([...POISON_A.map((_, i) => `g${i}`), "g99", "u1"].sort());
    expect(unicode?._source).toEqual(JSON.parse(UNICODE));
  });

  it("dead_letter: holds each original message byte for byte, with reason, stage and source coordinates", async () => {
    const dlq = uniqueName("poison-dlq");
    const { a, b, topicA, topicB, seq } = await createTasks({ policy: "dead_letter", topic: dlq });
    await ctx.api.post(`/api/tasks/${a.id}/start`);
    await ctx.api.post(`/api/tasks/${b.id}/start`);
    await caughtUp(a, topicA);
    await caughtUp(b, topicB);
    const records = await readAll(dlq, POISON_A.length + 1, 30_000);
    const text = (v: unknown) => (v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString("utf8") : String(v));
    const byOffset = new Map(
      records.filter((r) => text(r.headers["outflow.source.topic"]) === topicA).map((r) => [Number(text(r.headers["outflow.source.offset"])), r]),
    );
    const stages: Record<string, string | undefined> = {};
    POISON_A.forEach((p, i) => {
      const r = byOffset.get(seq.offsets[i] as number);
      stages[p.kind] = text(r?.headers["outflow.stage"]);
      expect(r, p.kind).toBeDefined();
      expect(r?.value === null ? null : Buffer.compare(r?.value as Buffer, p.value ?? Buffer.alloc(0)), p.kind).toBe(p.value === null ? null : 0);
      expect(text(r?.key), p.kind).toBe(`k-${p.kind}`);
      expect(text(r?.headers["outflow.stage"]), p.kind).toBe(p.stage);
      expect(text(r?.headers["outflow.reason"])?.length, p.kind).toBeGreaterThan(5);
      expect(text(r?.headers["outflow.source.partition"])).toBe("0");
      expect(text(r?.headers["outflow.task.id"])).toBe(a.id);
    });
    const clash = byOffset.get(seq.offsets[5] as number);
    expect(text(clash?.headers["outflow.error.status"])).toBe("400");
    expect(text(clash?.headers["outflow.error.type"])).toMatch(/parsing_exception|mapper/);
    const fromB = records.find((r) => text(r.headers["outflow.source.topic"]) === topicB);
    expect(Buffer.compare(fromB?.value as Buffer, POISON_B.value as Buffer)).toBe(0);
    expect(text(fromB?.headers["outflow.stage"])).toBe("route");
    recordFigures("poison messages: dead_letter", { kinds: POISON_A.length + 1, deadLettered: records.length, stages });
    expect(records).toHaveLength(POISON_A.length + 1);
  });

  it("retain: stops at exactly each poison's offset, commits nothing past it, and resumes from it after switching to discard", async () => {
    const { a, topicA, seq } = await createTasks({ policy: "retain" });
    const stops: { kind: string; offset: string; committed: string; stage: string }[] = [];
    await ctx.api.post(`/api/tasks/${a.id}/start`);
    for (let i = 0; i < POISON_A.length; i++) {
      const p = POISON_A[i] as Poison;
      const failed = await waitFor(
        `retained at ${p.kind}`,
        async () => {
          const t = await ctx.api.get<Task & { failurePoint: { offset: string; stage: string } | null }>(`/api/tasks/${a.id}`);
          return t.status === "failed" ? t : null;
        },
        120_000,
        300,
      );
      const [committed] = await groupOffsets(a.consumerGroup, topicA);
      stops.push({
        kind: p.kind,
        offset: failed.failurePoint?.offset ?? "?",
        committed: committed?.committed ?? "?",
        stage: failed.failurePoint?.stage ?? "?",
      });
      expect(failed.failurePoint?.offset, p.kind).toBe(String(seq.offsets[i]));
      expect(failed.failurePoint?.stage, p.kind).toBe(p.stage);
      expect(committed?.committed, p.kind).toBe(String(seq.offsets[i]));
      if (i < POISON_A.length - 1) {
        // Skip this one on purpose (an explicit offset), to meet the next kind under retain.
        // 409 until the consumer has let go of its slot; then the reset is accepted.
        const next = String((seq.offsets[i] as number) + 1);
        await waitFor(
          "the reset to be accepted",
          () =>
            ctx.api.post(`/api/tasks/${a.id}/reset-offsets`, { type: "offsets", offsets: [{ topic: topicA, partition: 0, offset: next }] }).then(() => true),
          60_000,
          500,
        );
      } else {
        await ctx.api.patch(`/api/tasks/${a.id}`, { config: { failure: { policy: "discard" } } });
      }
      await ctx.api.post(`/api/tasks/${a.id}/start`);
    }
    await caughtUp(a, topicA);
    const t = await waitFor("the last poison discarded", async () => {
      const x = await ctx.api.get<Task>(`/api/tasks/${a.id}`);
      return x.metrics.totals.discarded === 1 ? x : null;
    });
    recordFigures("poison messages: retain", { kinds: POISON_A.length, stops, discardedAfterSwitch: t.metrics.totals.discarded, status: t.status });
    expect(t.status).toBe("running");
  });
});
