import { compileTask, processMessage } from "@outflow/pipeline";
import { createTopicWithLeaders, testKafka } from "@outflow/testing/kafka";
import { benchTaskConfig, DAYS, logRecord, Rng } from "./workload";

/**
 * A data set: a topic pre-filled with seeded log lines, and in memory the exact documents the task must write for
 * them (index day, ID, body: what `_bulk` carries after the task's rules), rendered by the same pure pipeline the
 * worker runs. The sink stage (S) is fed these documents; P's results are compared with them.
 */
export type Doc = { id: string; day: number; body: string };

/** Pre-rendered documents by message number: all of them (DocStore) or only the checked sample (SampledDocs). */
export type DocSource = { readonly count: number; get(i: number): Doc };

/** How many stored documents a correctness check compares with the pre-rendered ones. */
export const SAMPLE_SIZE = 1_000;

/** The message numbers of the correctness sample: `n` evenly spread over `count`, from the first on. */
export function sampleIndices(count: number, n = SAMPLE_SIZE): number[] {
  const step = Math.max(1, Math.floor(count / n));
  const picked: number[] = [];
  for (let i = 0; i < count && picked.length < n; i += step) {
    picked.push(i);
  }
  return picked;
}

/** Only the sample's documents (sampleIndices), for a stage that checks a sample but does not write them all. */
export class SampledDocs implements DocSource {
  constructor(
    readonly count: number,
    private readonly docs: Map<number, Doc>,
  ) {}

  get(i: number): Doc {
    const d = this.docs.get(i);
    if (!d) {
      throw new Error(`document ${i} is not in the sample`);
    }
    return d;
  }
}

/**
 * The pre-rendered documents, packed into Buffers of 2,000 documents each. Kept as a million small strings on the
 * heap instead, they made every major GC of the bench process mark them all, which took CPU away from what is
 * being measured (the bench process shares the two cores with Elasticsearch, Kafka and the worker).
 */
export class DocStore implements DocSource {
  private chunks: { ids: Buffer; bodies: Buffer; idEnds: Uint32Array; bodyEnds: Uint32Array }[] = [];
  private readonly days: Uint8Array;
  private added = 0;

  constructor(
    readonly count: number,
    private readonly chunkSize: number,
  ) {
    this.days = new Uint8Array(count);
  }

  /** Appends the next chunk (chunkSize documents, fewer for the last). */
  add(docs: Doc[]): void {
    const idEnds = new Uint32Array(docs.length);
    const bodyEnds = new Uint32Array(docs.length);
    let idAt = 0;
    let bodyAt = 0;
    docs.forEach((d, i) => {
      idAt += Buffer.byteLength(d.id);
      bodyAt += Buffer.byteLength(d.body);
      idEnds[i] = idAt;
      bodyEnds[i] = bodyAt;
      this.days[this.added + i] = d.day;
    });
    this.chunks.push({ ids: Buffer.from(docs.map((d) => d.id).join("")), bodies: Buffer.from(docs.map((d) => d.body).join("")), idEnds, bodyEnds });
    this.added += docs.length;
  }

  get(i: number): Doc {
    const c = this.chunks[Math.floor(i / this.chunkSize)];
    if (!c) {
      throw new Error(`document ${i} is not in the store (released, or out of range)`);
    }
    const j = i % this.chunkSize;
    const idFrom = j === 0 ? 0 : (c.idEnds[j - 1] as number);
    const bodyFrom = j === 0 ? 0 : (c.bodyEnds[j - 1] as number);
    return {
      id: c.ids.toString("utf8", idFrom, c.idEnds[j]),
      day: this.days[i] as number,
      body: c.bodies.toString("utf8", bodyFrom, c.bodyEnds[j]),
    };
  }

  release(): void {
    this.chunks = [];
  }

  /** The sample's documents only (the rest can then be released). */
  sample(): SampledDocs {
    return new SampledDocs(this.count, new Map(sampleIndices(this.count).map((i) => [i, this.get(i)])));
  }
}

export type Dataset = {
  tag: string;
  topic: string;
  count: number;
  partitions: number;
  docs: DocStore;
  /**
   * What a task without rules writes for each message (P0, S0): its own JSON text, same index and ID. All of them
   * (`raw: "all"`, for S0), the correctness sample only (`"sample"`, P0 without S0), or none.
   */
  raw: DocSource | null;
  /** Kafka message values, in bytes (total). */
  valueBytes: number;
  /** NDJSON body lines, in bytes (total, without action lines). */
  bodyBytes: number;
  /** The topic already held exactly this data set (same generator version, seed and size): not produced again. */
  reused: boolean;
  produceSeconds: number;
  renderSeconds: number;
};

/** Bump when the generated data or the task's rules change: topics of an older generation are not reused. */
const GENERATION = "g1";
const BATCH = 2_000;
const IN_FLIGHT = 4;

export function topicName(tag: string, seed: number, count: number, partitions: number): string {
  return `bench-${tag}-${GENERATION}-s${seed}-n${count}-p${partitions}`;
}

function seedOf(seed: number, tag: string): number {
  let h = seed >>> 0;
  for (const c of tag) {
    h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  }
  return h;
}

/** Whether the topic holds exactly `count` messages from offset 0 (then it is reused as it is). */
async function topicState(topic: string, count: number): Promise<"ready" | "absent" | "stale"> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      return "absent";
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    const total = offsets.reduce((n, o) => n + Number(o.high), 0);
    return offsets.every((o) => o.low === "0") && total === count ? "ready" : "stale";
  } finally {
    await admin.disconnect();
  }
}

async function recreateTopic(topic: string, partitions: number, existed: boolean): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    if (existed) {
      await admin.deleteTopics({ topics: [topic], timeout: 30_000 });
      for (let i = 0; i < 60 && (await admin.listTopics()).includes(topic); i++) {
        await new Promise((r) => setTimeout(r, 500));
      }
      await new Promise((r) => setTimeout(r, 2_000));
    }
    await createTopicWithLeaders(admin, topic, partitions);
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(topics: string[]): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const gone = topics.filter((t) => existing.has(t));
    if (gone.length > 0) {
      await admin.deleteTopics({ topics: gone, timeout: 30_000 });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Generates data set `tag` (seeded), renders what the task writes for each message, and produces it into its topic
 * (4 partitions, round-robin, no compression, batches of 2,000 with 4 requests in flight) unless the topic already
 * holds it.
 */
export async function prepareDataset(opts: {
  tag: string;
  seed: number;
  count: number;
  partitions: number;
  raw?: "all" | "sample" | "none";
  log: (s: string) => void;
}): Promise<Dataset> {
  const { tag, count, partitions } = opts;
  const topic = topicName(tag, opts.seed, count, partitions);
  const state = await topicState(topic, count);
  const produce = state !== "ready";
  if (produce) {
    await recreateTopic(topic, partitions, state === "stale");
  }
  opts.log(`${produce ? "generating and producing" : "rendering (topic reused)"} ${count.toLocaleString("en")} messages → ${topic}`);
  const compiled = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic, index: "bench-x-logs" }));
  const compiledRaw = compileTask(benchTaskConfig({ kafkaId: "k", esId: "e", topic, index: "bench-x-logs", rules: [] }));
  const rawMode = opts.raw ?? "none";
  const rawAll = rawMode === "all" ? new DocStore(count, BATCH) : null;
  const rawSample = rawMode === "sample" ? new Map<number, Doc>() : null;
  const sampled = new Set(rawSample ? sampleIndices(count) : []);
  const rng = new Rng(seedOf(opts.seed, tag));
  const producer = produce ? testKafka().producer({ allowAutoTopicCreation: false }) : null;
  await producer?.connect();
  const inFlight = new Set<Promise<unknown>>();
  const docs = new DocStore(count, BATCH);
  const encoder = new TextEncoder();
  let valueBytes = 0;
  let bodyBytes = 0;
  let renderMs = 0;
  const t0 = performance.now();
  try {
    for (let from = 0; from < count; from += BATCH) {
      const n = Math.min(BATCH, count - from);
      const messages: { partition: number; value: Buffer }[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const value = Buffer.from(JSON.stringify(logRecord(rng, tag, from + i, count)));
        messages[i] = { partition: (from + i) % partitions, value };
        valueBytes += value.length;
      }
      if (producer) {
        while (inFlight.size >= IN_FLIGHT) {
          await Promise.race(inFlight);
        }
        const p: Promise<unknown> = producer.send({ topic, acks: -1, messages }).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      const r0 = performance.now();
      const rendered: Doc[] = new Array(n);
      const renderedRaw: Doc[] = rawAll ? new Array(n) : [];
      for (let i = 0; i < n; i++) {
        const m = messages[i] as { partition: number; value: Buffer };
        const doc = render(compiled, topic, m, from + i);
        bodyBytes += encoder.encode(doc.body).length;
        rendered[i] = doc;
        if (rawAll || sampled.has(from + i)) {
          const raw = render(compiledRaw, topic, m, from + i);
          if (raw.id !== doc.id || raw.day !== doc.day) {
            throw new Error(`message ${from + i}: without rules its index or ID differs (${raw.day}/${raw.id} vs ${doc.day}/${doc.id})`);
          }
          if (rawAll) {
            renderedRaw[i] = raw;
          } else {
            rawSample?.set(from + i, raw);
          }
        }
      }
      docs.add(rendered);
      rawAll?.add(renderedRaw);
      renderMs += performance.now() - r0;
    }
    await Promise.all(inFlight);
  } finally {
    await producer?.disconnect();
  }
  const totalS = (performance.now() - t0) / 1000;
  if (produce && (await topicState(topic, count)) !== "ready") {
    throw new Error(`topic ${topic} does not hold exactly ${count} messages after producing`);
  }
  return {
    tag,
    topic,
    count,
    partitions,
    docs,
    raw: rawAll ?? (rawSample ? new SampledDocs(count, rawSample) : null),
    valueBytes,
    bodyBytes,
    reused: !produce,
    produceSeconds: produce ? totalS - renderMs / 1000 : 0,
    renderSeconds: renderMs / 1000,
  };
}

/**
 * What the worker writes for one message under a compiled task (one index action: its day, ID and body, the body
 * as the worker's NDJSON carries it: the message's own text when nothing changed the document).
 */
function render(compiled: ReturnType<typeof compileTask>, topic: string, m: { partition: number; value: Buffer }, n: number): Doc {
  const out = processMessage(compiled, { topic, partition: m.partition, offset: "0", timestamp: "0", key: null, value: m.value }, 0);
  const action = out.kind === "write" ? out.actions[0] : undefined;
  if (action?.op !== "index" || action.id === undefined) {
    throw new Error(`message ${n} did not become one index action: ${JSON.stringify(out).slice(0, 300)}`);
  }
  const day = DAYS.indexOf(action.index.slice("bench-x-logs_".length) as (typeof DAYS)[number]);
  if (day < 0) {
    throw new Error(`unexpected index ${action.index}`);
  }
  return { id: action.id, day, body: action.source ?? JSON.stringify(action.doc) };
}

/** Index name of a document for a stage's index prefix (e.g. `bench-s-logs` → `bench-s-logs_20250601`). */
export function indexOf(prefix: string, doc: Doc): string {
  return `${prefix}_${DAYS[doc.day]}`;
}
