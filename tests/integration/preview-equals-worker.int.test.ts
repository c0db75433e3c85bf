import { aggregationRecordArb, type MessageSample, messageArb, taskConfigInputArb } from "@outflow/pipeline/test-arbitraries";
import { produce, type TestMessage } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { startRecordingProxy } from "@outflow/testing/recording-proxy";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SEED = 2704;
const SAMPLES = 32;

type Row = { bulk: string };

/**
 * The preview against the worker itself: for random configs (formats, rules, sinks of the pipeline's property tests)
 * and random messages, the preview of the messages in Kafka (POST /api/preview, read from the topic as the worker
 * reads it) gives the very bulk lines the worker sends, captured on the wire by a proxy in front of Elasticsearch.
 */
describe("preview == worker, on the wire", () => {
  const suite = new OutflowSuite("it-pvw");
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let esId: string;

  beforeAll(async () => {
    await suite.start();
    proxy = await startRecordingProxy(SERVICES.elasticsearchUrl);
    esId = (await suite.api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("wire"), nodes: [proxy.url] })).id;
    // Nothing is mapped under the prefix: random documents never clash over a field's type (that is not under test).
    await suite.es.indices.putIndexTemplate({
      name: suite.prefix,
      index_patterns: [`${suite.prefix}-*`],
      priority: 900,
      template: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: { dynamic: false } },
    });
  });
  afterAll(async () => {
    await suite.es.indices.deleteIndexTemplate({ name: suite.prefix }).catch(() => undefined);
    await proxy?.close();
    await suite.stop();
  });

  it(`${SAMPLES} random configs and messages: the preview's bulk lines are the worker's, byte for byte`, async () => {
    // Any message, and more often a record with the fields the random rules, IDs and groups use.
    const record = fc.tuple(messageArb, aggregationRecordArb).map(([m, r]) => ({ ...m, value: new TextEncoder().encode(JSON.stringify(r)) }));
    const message = fc.oneof({ arbitrary: messageArb, weight: 1 }, { arbitrary: record, weight: 3 });
    const samples = fc.sample(fc.tuple(taskConfigInputArb, fc.array(message, { minLength: 1, maxLength: 6 })), { seed: SEED, numRuns: SAMPLES });
    let written = 0;
    let writing = 0;
    // The previews one at a time (the console runs a bounded number at once), then the tasks a few at a time.
    const prepared = [];
    for (const [n, [input, generated]] of samples.entries()) {
      const { topic } = await suite.freshTopic(1);
      const sink = input.sink as Record<string, unknown>;
      // The group documents of an aggregation are folded across messages by the worker: one message each there.
      const messages = sink.aggregation ? generated.slice(0, 1) : generated;
      await produce(topic, messages.map(toTestMessage));
      const prefix = `${suite.prefix}-${n}-`;
      const config = {
        ...input,
        source: { ...input.source, connectionId: suite.outflow.kafkaId, topics: [topic], startPosition: { type: "earliest" } },
        sink: { ...sink, connectionId: esId, index: `${prefix}${String(sink.index)}` },
        failure: { policy: "discard" },
      };
      const preview = await suite.api.post<{ rows: Row[] }>("/api/preview", { config, limit: messages.length });
      expect(preview.rows).toHaveLength(messages.length);
      prepared.push({ n, prefix, config, count: messages.length, expected: preview.rows.map((r) => r.bulk).join("") });
    }
    for (let from = 0; from < prepared.length; from += 6) {
      await Promise.all(
        prepared.slice(from, from + 6).map(async (p) => {
          const task = await suite.outflow.createTask(p.config);
          await suite.outflow.start(task.id);
          await suite.outflow.waitForMessagesIn(task.id, p.count, 90_000);
          await suite.outflow.stop(task.id);
        }),
      );
    }
    const results = prepared;
    const sent = proxy
      .bulks()
      .map((b) => b.body)
      .join("");
    for (const { n, prefix, expected } of results) {
      // The worker's lines for this sample's indices (its own index, or the date-split or templated ones).
      const mine = linesFor(sent, prefix);
      expect({ n, lines: mine }).toEqual({ n, lines: linesFor(expected, prefix) });
      expect(linesFor(expected, prefix).length, `sample ${n}: the preview's lines are all this sample's`).toBe(expected.split("\n").filter(Boolean).length);
      written += mine.length;
      writing += mine.length > 0 ? 1 : 0;
    }
    console.log(`preview == worker: ${writing} of ${SAMPLES} samples wrote, ${written} bulk lines in all`);
    // Not vacuous: samples get past the random formats and rules to a write (8 of 32, 30 bulk lines, at this seed).
    expect(writing).toBeGreaterThanOrEqual(SAMPLES / 8);
  }, 300_000);
});

function toTestMessage(m: MessageSample): TestMessage {
  // The broker refuses timestamps far from now; the producer's own is read back by both the preview and the worker.
  return {
    key: m.key === null ? null : Buffer.from(m.key),
    value: m.value === null ? null : Buffer.from(m.value),
    ...(m.trace === undefined ? {} : { headers: { trace: typeof m.trace === "string" ? m.trace : Buffer.from(m.trace) } }),
  };
}

/** The bulk lines (action line and its document line) whose action names an index starting with `prefix`. */
function linesFor(ndjson: string, prefix: string): string[] {
  const lines = ndjson.split("\n").filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const action = JSON.parse(line) as Record<string, { _index?: string }>;
    const op = Object.keys(action)[0] as string;
    const target = action[op]?._index ?? "";
    const hasDoc = op !== "delete";
    if (target.startsWith(prefix)) {
      out.push(line);
      if (hasDoc) {
        out.push(lines[i + 1] as string);
      }
    }
    if (hasDoc) {
      i++;
    }
  }
  return out;
}
