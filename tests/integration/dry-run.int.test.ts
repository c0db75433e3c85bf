import { countDocs } from "@outflow/testing/elastic";
import { produce, type TestMessage } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Report = {
  limit: number;
  start: string;
  partitions: { topic: string; partition: number; from: string; count: number }[];
  read: number;
  wouldWrite: number;
  filtered: number;
  dropped: number;
  failed: number;
  notTried: number;
  groups: { outcome: string; stage: string | null; reason: string; count: number; examples: { topic: string; partition: number; offset: string }[] }[];
  mappingRejections: { index: string; field: string; type: string; count: number; examples: { partition: number; offset: string; value: string }[] }[];
  targets: { index: string; throwaway: string; shape: string; deleted: boolean }[];
  notes: string[];
};

/**
 * The dry run (`POST /api/preview/dry-run`) on the real Kafka and search server: the next messages at the start
 * position, spread over the partitions, through the pipeline into a throw-away copy of the target index (its own
 * mapping, or its templates' for an index not there yet), deleted afterwards; the real index is never written.
 * Runs against ES_URL (8.19 here; scripts/test-compat.sh runs it on 7.10, 7.17, 9 and OpenSearch 1.3–3).
 */
// One at a time: the console runs 2 dry runs at once (a third is 429).
describe("dry run", () => {
  const suite = new OutflowSuite("it-dry");
  beforeAll(suite.start);
  afterAll(async () => {
    await suite.es.indices.deleteIndexTemplate({ name: `${suite.prefix}-tpl` }).catch(() => {});
    await suite.es.indices.deleteTemplate({ name: `${suite.prefix}-legacy` }).catch(() => {});
    await suite.stop();
  });

  const dryRun = (body: Record<string, unknown>) => suite.api.post<Report>("/api/preview/dry-run", body);
  const good = (i: number, partition: number): TestMessage => ({ partition, value: JSON.stringify({ id: `p${partition}-${i}`, n: i }) });

  /** Three partitions of 10 messages; partition 2's last three have a string where the index maps a long. */
  async function clashTopic(): Promise<string> {
    const { topic } = await suite.freshTopic(3);
    const messages: TestMessage[] = [];
    for (const p of [0, 1, 2]) {
      for (let i = 0; i < 10; i++) {
        messages.push(p === 2 && i >= 7 ? { partition: p, value: JSON.stringify({ id: `p2-${i}`, n: `abc${i}` }) } : good(i, p));
      }
    }
    await produce(topic, messages);
    return topic;
  }

  async function expectGone(report: Report): Promise<void> {
    expect(report.targets.length).toBeGreaterThan(0);
    for (const t of report.targets) {
      expect(t.throwaway).toMatch(/^outflow-dryrun-/);
      expect(t.deleted).toBe(true);
      expect(await suite.es.indices.exists({ index: t.throwaway, expand_wildcards: "all" })).toBe(false);
    }
  }

  it("an existing index mapping n as long: the clash with field, type and value; messages from every partition; the index untouched, its copy gone", async () => {
    const topic = await clashTopic();
    const { index } = await suite.freshTopic();
    await suite.es.indices.create({ index, mappings: { properties: { n: { type: "long" }, id: { type: "keyword" } } } });
    await suite.es.index({ index, id: "before", document: { id: "before", n: 1 }, refresh: true });
    const config = suite.outflow.config({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["$.id"] } } });

    const r = await dryRun({ config, limit: 30 });
    expect(r.partitions.map((p) => [p.partition, p.from, p.count])).toEqual([
      [0, "0", 10],
      [1, "0", 10],
      [2, "0", 10],
    ]);
    expect(r).toMatchObject({ limit: 30, read: 30, wouldWrite: 27, failed: 3, filtered: 0, dropped: 0, notTried: 0 });
    expect(r.mappingRejections).toHaveLength(1);
    const clash = r.mappingRejections[0];
    expect(clash).toMatchObject({ index, field: "n", type: "long", count: 3 });
    expect(clash?.examples.map((e) => [e.partition, e.offset, e.value])).toEqual([
      [2, "7", '"abc7"'],
      [2, "8", '"abc8"'],
      [2, "9", '"abc9"'],
    ]);
    expect(r.groups).toEqual([
      expect.objectContaining({ outcome: "failed", stage: "index", count: 3, reason: expect.stringMatching(/field \[n\] of type \[long\]/) }),
    ]);
    expect(r.targets).toEqual([expect.objectContaining({ index, shape: "index" })]);
    // The real index: only the document it had.
    expect(await countDocs(suite.es, index)).toBe(1);
    await expectGone(r);
  });

  it("an index not there yet: its index template's mapping is the copy's; the index is still not there afterwards", async () => {
    const topic = await clashTopic();
    const index = `${suite.prefix}-tpl-new`;
    await suite.es.indices.putIndexTemplate({
      name: `${suite.prefix}-tpl`,
      index_patterns: [`${suite.prefix}-tpl-*`],
      // `id` as long: every message's id ("p0-1") is refused, which dynamic mapping (text) would take.
      template: { mappings: { properties: { id: { type: "long" } } } },
    });
    const config = suite.outflow.config({ topics: [topic], index });
    const r = await dryRun({ config, limit: 30 });
    expect(r).toMatchObject({ read: 30, wouldWrite: 0, failed: 30 });
    expect(r.mappingRejections).toEqual([expect.objectContaining({ index, field: "id", type: "long", count: 30 })]);
    expect(r.targets).toEqual([expect.objectContaining({ index, shape: "template" })]);
    expect(await suite.es.indices.exists({ index })).toBe(false);
    await expectGone(r);
  });

  it("an index not there yet that only a legacy template (_template) matches: that template's mapping is the copy's", async () => {
    const topic = await clashTopic();
    const index = `${suite.prefix}-legacy-new`;
    await suite.es.indices.putTemplate({
      name: `${suite.prefix}-legacy`,
      index_patterns: [`${suite.prefix}-legacy-*`],
      mappings: { properties: { id: { type: "long" } } },
    });
    const r = await dryRun({ config: suite.outflow.config({ topics: [topic], index }), limit: 30 });
    expect(r).toMatchObject({ read: 30, wouldWrite: 0, failed: 30 });
    expect(r.mappingRejections).toEqual([expect.objectContaining({ index, field: "id", type: "long", count: 30 })]);
    expect(r.targets).toEqual([expect.objectContaining({ index, shape: "template" })]);
    expect(await suite.es.indices.exists({ index })).toBe(false);
    await expectGone(r);
  });

  it("non-JSON lines kept under a key, routed by a field they lack: failed at stage route, grouped with examples; 1,000 spread over partitions", async () => {
    const { topic, index } = await suite.freshTopic(2);
    const messages: TestMessage[] = [];
    for (let i = 0; i < 600; i++) {
      for (const partition of [0, 1]) {
        // Partition 1 turns to plain text lines after its first 500 messages.
        messages.push(partition === 1 && i >= 500 ? { partition, value: `plain line ${i}` } : { partition, value: JSON.stringify({ app: "web", i }) });
      }
    }
    await produce(topic, messages);
    const config = suite.outflow.config({ topics: [topic], index: `${index}-{$.app}`, parse: { nonJson: { action: "wrap", key: "raw" } } });
    const r = await dryRun({ config });
    expect(r.limit).toBe(1_000);
    expect(r.partitions.map((p) => [p.partition, p.count])).toEqual([
      [0, 500],
      [1, 500],
    ]);
    // The first 500 of partition 1 are JSON: the plain lines start past them.
    expect(r).toMatchObject({ read: 1_000, wouldWrite: 1_000, failed: 0 });

    const more = await dryRun({ config, limit: 1_200 });
    expect(more).toMatchObject({ read: 1_200, wouldWrite: 1_100, failed: 100 });
    const route = more.groups.find((g) => g.stage === "route");
    expect(route).toMatchObject({ outcome: "failed", count: 100 });
    expect(route?.reason).toMatch(/app/);
    expect(route?.examples).toHaveLength(3);
    expect(route?.examples[0]).toMatchObject({ partition: 1, offset: "500" });
    expect(await suite.es.indices.exists({ index: `${index}-web` })).toBe(false);
    await expectGone(more);
  });

  it("an existing task: from its consumer group's committed offsets, not the start position", async () => {
    const { topic, index } = await suite.freshTopic();
    await produce(
      topic,
      Array.from({ length: 5 }, (_, i) => good(i, 0)),
    );
    const task = await suite.outflow.run({ topics: [topic], index });
    await suite.outflow.waitForNoLag(task.id);
    await suite.outflow.stop(task.id);
    await produce(topic, [{ value: JSON.stringify({ id: "late", n: "not a number" }) }]);
    const written = await countDocs(suite.es, index);
    const r = await dryRun({ config: task.config, taskId: task.id, limit: 100 });
    expect(r.start).toMatch(/committed offsets/);
    expect(r.partitions).toEqual([{ topic, partition: 0, from: "5", count: 1 }]);
    expect(r).toMatchObject({ read: 1, failed: 1 });
    expect(r.mappingRejections[0]).toMatchObject({ field: "n", type: "long", examples: [expect.objectContaining({ offset: "5", value: '"not a number"' })] });
    expect(await countDocs(suite.es, index)).toBe(written);
    await expectGone(r);
  });

  it("bad input: 422 naming the field; an unknown task 404", async () => {
    const { topic, index } = await suite.freshTopic();
    const config = suite.outflow.config({ topics: [topic], index });
    const big = await suite.api.expectError("POST", "/api/preview/dry-run", { config, limit: 10_001 });
    expect(big.status).toBe(422);
    expect(big.body.error?.field).toBe("limit");
    const bad = await suite.api.expectError("POST", "/api/preview/dry-run", { config: { ...config, rules: [{ type: "rename", from: "$", to: "x" }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.field).toBe("config.rules.0.from");
    const missing = await suite.api.expectError("POST", "/api/preview/dry-run", { config, taskId: "no-such-task" });
    expect(missing.status).toBe(404);
  });
});
