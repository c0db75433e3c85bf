import { openSearchSink, type SearchSink } from "@outflow/connectors/search-sink";
import { compileTask, type KafkaMessage, type MessageOutcome, processMessage } from "@outflow/pipeline";
import { deleteIndices, testElastic } from "@outflow/testing/elastic";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { afterAll, describe, expect, it } from "vitest";
import { aggregateChunk } from "../../apps/worker/src/runner/aggregate-chunk";
import { BulkWriter } from "../../apps/worker/src/runner/bulk-writer";

/**
 * The worker's aggregation write path against the real Elasticsearch, with another writer stepping in between the
 * worker's read of a group document and its write: the write must re-read and re-plan, never fail the messages.
 */
describe("aggregateChunk when the group document changes between read and write", () => {
  const es = testElastic();
  const prefix = uniqueName("it-aggc");
  afterAll(async () => {
    await deleteIndices(es, `${prefix}-*`);
    await sink.close();
  });

  const hooks = {
    canContinue: () => true,
    transient: async () => {},
    recovered: async () => {},
    fatal: async (reason: string) => {
      throw new Error(`unexpected task-level failure: ${reason}`);
    },
  };
  const sink = openSearchSink({ kind: "elasticsearch", name: "tests", nodes: [SERVICES.elasticsearchUrl], auth: { type: "none" } });
  const writer = new BulkWriter(sink, { maxDocs: 100, maxBytes: 1 << 20, maxWaitMs: 0, concurrency: 1 });

  /** The real sink, whose first _mget is followed, before the worker writes, by `meanwhile` (real requests too). */
  function interleaved(meanwhile: () => Promise<void>) {
    let calls = 0;
    const client: SearchSink = {
      connectionName: sink.connectionName,
      bulk: (body) => sink.bulk(body),
      probe: () => sink.probe(),
      close: async () => {},
      mget: async (docs) => {
        const res = await sink.mget(docs);
        if (calls++ === 0) {
          await meanwhile();
        }
        return res;
      },
    };
    return { client, calls: () => calls };
  }

  function chunk(index: string, writeMode: "full" | "incremental", values: number[], firstOffset: number) {
    const task = compileTask({
      source: { connectionId: "k", topics: ["t"] },
      sink: { connectionId: "e", index, writeMode, aggregation: { groupBy: ["app"], metrics: [{ fn: "sum", field: "v", as: "total" }] } },
    });
    const messages: KafkaMessage[] = values.map((v, i) => ({
      topic: "t",
      partition: 0,
      offset: String(firstOffset + i),
      timestamp: "0",
      key: null,
      value: new TextEncoder().encode(JSON.stringify({ app: "a", v })),
    }));
    const spec = task.aggregation;
    if (!spec) {
      throw new Error("no aggregation");
    }
    return { spec, offsets: messages.map((m) => m.offset), processed: messages.map((m) => processMessage(task, m, 0)) };
  }

  const written = (outcomes: MessageOutcome[] | null) => outcomes?.map((o) => o.kind);

  it("full: a concurrent write (409) is re-read, and the chunk is added on top of it", async () => {
    const index = `${prefix}-full`;
    const first = chunk(index, "full", [1, 2], 0);
    expect(written(await aggregateChunk(sink, writer, first.spec, "t/0", first.offsets, first.processed, hooks))).toEqual(["written", "written"]);
    // Another partition's consumer adds to the group after our read.
    const { client, calls } = interleaved(async () => {
      const doc = await es.get<Record<string, unknown>>({ index, id: "a" });
      await es.index({ index, id: "a", document: { ...doc._source, count: 12, total: 103 }, refresh: true });
    });
    const next = chunk(index, "full", [5], 2);
    expect(written(await aggregateChunk(client, writer, next.spec, "t/0", next.offsets, next.processed, hooks))).toEqual(["written"]);
    expect(calls()).toBe(2);
    expect((await es.get<Record<string, unknown>>({ index, id: "a" }))._source).toMatchObject({ count: 13, total: 108 });
  });

  it("incremental: a group deleted between read and update (404) is created again, the messages are not failed", async () => {
    const index = `${prefix}-incr`;
    const first = chunk(index, "incremental", [1, 2], 0);
    expect(written(await aggregateChunk(sink, writer, first.spec, "t/0", first.offsets, first.processed, hooks))).toEqual(["written", "written"]);
    const { client, calls } = interleaved(async () => {
      await es.delete({ index, id: "a", refresh: true });
    });
    const next = chunk(index, "incremental", [5, 6], 2);
    expect(written(await aggregateChunk(client, writer, next.spec, "t/0", next.offsets, next.processed, hooks))).toEqual(["written", "written"]);
    expect(calls()).toBe(2);
    expect((await es.get<Record<string, unknown>>({ index, id: "a" }))._source).toEqual({
      app: "a",
      count: 2,
      total: 11,
      outflow_offsets: [{ partition: "t/0", offset: "3" }],
    });
  });
});
