import { countDocs, deleteIndices, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce, type TestMessage } from "@outflow/testing/kafka";
import { Outflow } from "@outflow/testing/outflow";
import { freePort, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack, type StackUser } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Scrape = { contentType: string; types: Map<string, string>; samples: { name: string; labels: Record<string, string>; value: number }[] };

/** Reads the Prometheus text format: `# TYPE` lines and samples (enough of the format for these checks). */
function parseScrape(text: string, contentType: string): Scrape {
  const types = new Map<string, string>();
  const samples: Scrape["samples"] = [];
  for (const line of text.split("\n")) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      types.set(type[1] as string, type[2] as string);
      continue;
    }
    if (line === "" || line.startsWith("#")) {
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) {
      throw new Error(`not a sample line: ${line}`);
    }
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1] as string] = (l[2] as string).replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    }
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return { contentType, types, samples };
}

/** The sum of a metric's samples whose labels include `where`. */
function sum(s: Scrape, name: string, where: Record<string, string> = {}): number {
  return s.samples.filter((x) => x.name === name && Object.entries(where).every(([k, v]) => x.labels[k] === v)).reduce((n, x) => n + x.value, 0);
}

function series(s: Scrape, name: string, where: Record<string, string> = {}) {
  return s.samples.filter((x) => x.name === name && Object.entries(where).every(([k, v]) => x.labels[k] === v));
}

async function scrape(url: string, token?: string): Promise<Scrape> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (!res.ok) {
    throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
  }
  return parseScrape(await res.text(), res.headers.get("content-type") ?? "");
}

/** The durable counters, as a worker and the console both expose them. */
const PARTITION_COUNTERS = [
  "outflow_messages_in_total",
  "outflow_messages_in_bytes_total",
  "outflow_messages_written_total",
  "outflow_messages_filtered_total",
  "outflow_messages_dropped_total",
  "outflow_messages_discarded_total",
  "outflow_messages_dead_lettered_total",
  "outflow_documents_written_total",
  "outflow_documents_created_total",
  "outflow_documents_updated_total",
  "outflow_documents_deleted_total",
];

describe("Prometheus metrics: the worker's /metrics and the console's /api/metrics", () => {
  const es = testElastic();
  const prefix = uniqueName("it-prom");
  let stack: Stack;
  let outflow: Outflow;
  let workerUrl: string;
  let viewer: StackUser;
  let editor: StackUser;

  beforeAll(async () => {
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}/metrics`;
    stack = await Stack.start({ workers: 1, workerEnv: { OUTFLOW_WORKER_METRICS_PORT: String(port) } });
    outflow = await Outflow.connect(stack.api);
    viewer = await stack.createUser("viewer");
    editor = await stack.createUser("editor");
  });
  afterAll(async () => {
    await stack?.stop();
    await deleteIndices(es, `${prefix}-*`);
  });

  it("counts what was produced and what the index holds, per task and partition, in both scrapes", async () => {
    const topic = uniqueName(`${prefix}-t`);
    const index = uniqueName(`${prefix}-i`);
    await createTopic(topic, 2);
    // 25 messages per partition; every fifth is a debug line, filtered out.
    const messages: TestMessage[] = [];
    for (const partition of [0, 1]) {
      for (let i = 0; i < 25; i++) {
        messages.push({ partition, value: JSON.stringify({ id: `${partition}-${i}`, level: i % 5 === 0 ? "debug" : "info" }) });
      }
    }
    await produce(topic, messages);
    const filteredProduced = messages.filter((m) => String(m.value).includes('"debug"')).length;
    const task = await outflow.run({
      topics: [topic],
      index,
      rules: [{ type: "filter", action: "drop", conditions: [{ field: "level", op: "equals", value: "debug" }] }],
      sink: { documentId: { type: "fields", fields: ["id"] } },
    });
    const ofTask = { task_id: task.id };

    // The worker's scrape, once its partitions are settled and their end offsets read (every few seconds).
    const worker = await waitFor(
      "the worker's scrape to show every message settled and no lag",
      async () => {
        const s = await scrape(workerUrl);
        const lags = series(s, "outflow_consumer_lag_messages", ofTask);
        return sum(s, "outflow_messages_in_total", ofTask) === messages.length && lags.length === 2 && lags.every((l) => l.value === 0) ? s : null;
      },
      90_000,
    );
    const inIndex = await countDocs(es, index);
    expect(inIndex).toBe(messages.length - filteredProduced);

    expect(worker.contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const name of PARTITION_COUNTERS) {
      expect(worker.types.get(name), name).toBe("counter");
    }
    for (const name of [
      "outflow_consumer_lag_messages",
      "outflow_committed_offset",
      "outflow_end_offset",
      "outflow_messages_retained",
      "outflow_partition_updated_timestamp_seconds",
      "outflow_offsets_read_timestamp_seconds",
    ]) {
      expect(worker.types.get(name), name).toBe("gauge");
    }
    expect(sum(worker, "outflow_documents_written_total", ofTask)).toBe(inIndex);
    expect(sum(worker, "outflow_messages_written_total", ofTask)).toBe(inIndex);
    expect(sum(worker, "outflow_messages_filtered_total", ofTask)).toBe(filteredProduced);
    // Every document ID is new: each write created a document.
    expect(worker.types.get("outflow_documents_created_total")).toBe("counter");
    expect(sum(worker, "outflow_documents_created_total", ofTask)).toBe(inIndex);
    expect(sum(worker, "outflow_documents_updated_total", ofTask)).toBe(0);
    expect(sum(worker, "outflow_documents_deleted_total", ofTask)).toBe(0);
    expect(sum(worker, "outflow_messages_discarded_total", ofTask)).toBe(0);
    for (const partition of ["0", "1"]) {
      const labels = { task_id: task.id, task_name: task.name, topic, partition };
      expect(series(worker, "outflow_messages_in_total", labels).map((x) => x.value)).toEqual([25]);
      expect(series(worker, "outflow_committed_offset", labels).map((x) => x.value)).toEqual([25]);
      expect(series(worker, "outflow_end_offset", labels).map((x) => x.value)).toEqual([25]);
    }
    // In-process metrics of this worker.
    expect(worker.types.get("outflow_bulk_request_duration_seconds")).toBe("histogram");
    expect(sum(worker, "outflow_bulk_request_duration_seconds_count", { outcome: "ok" })).toBeGreaterThan(0);
    expect(sum(worker, "outflow_bulk_request_duration_seconds_bucket", { outcome: "ok", le: "+Inf" })).toBe(
      sum(worker, "outflow_bulk_request_duration_seconds_count", { outcome: "ok" }),
    );
    expect(worker.types.get("outflow_bulk_retries_total")).toBe("counter");
    expect(worker.types.get("outflow_fetch_ahead_bytes")).toBe("gauge");
    expect(sum(worker, "outflow_fetch_ahead_limit_bytes")).toBe(4 * 1024 * 1024);
    expect(sum(worker, "outflow_worker_slots")).toBe(1);
    expect(series(worker, "outflow_slot_lease_held", { task_id: task.id, slot: "0" }).map((x) => x.value)).toEqual([1]);
    expect(sum(worker, "outflow_partition_metrics_up")).toBe(1);
    expect(worker.types.get("process_cpu_user_seconds_total")).toBe("counter");
    expect(worker.types.get("nodejs_heap_size_used_bytes")).toBe("gauge");

    // The console's scrape: the same stored figures, the task's status, the web process's metrics.
    const web = await scrape(`${stack.baseUrl}/api/metrics`, stack.admin.token);
    expect(web.contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const name of PARTITION_COUNTERS) {
      expect(web.types.get(name), name).toBe("counter");
      expect(sum(web, name, ofTask), name).toBe(sum(worker, name, ofTask));
    }
    expect(sum(web, "outflow_documents_written_total", ofTask)).toBe(inIndex);
    expect(sum(web, "outflow_messages_in_total", ofTask)).toBe(messages.length);
    expect(sum(web, "outflow_consumer_lag_messages", ofTask)).toBe(0);
    expect(web.types.get("outflow_task_status")).toBe("gauge");
    expect(series(web, "outflow_task_status", { ...ofTask, status: "running" }).map((x) => x.value)).toEqual([1]);
    expect(sum(web, "outflow_task_status", ofTask)).toBe(1);
    expect(series(web, "outflow_task_status", ofTask)).toHaveLength(7);
    expect(web.types.get("process_resident_memory_bytes")).toBe("gauge");
  });

  it("counts bulk retries by cause: a write-blocked index is retried as index_unavailable, then written", async () => {
    const topic = uniqueName(`${prefix}-t`);
    const index = uniqueName(`${prefix}-i`);
    await createTopic(topic, 1);
    await es.indices.create({ index, settings: { "index.blocks.write": true } });
    const before = sum(await scrape(workerUrl), "outflow_bulk_retries_total", { cause: "index_unavailable" });
    await produce(
      topic,
      Array.from({ length: 5 }, (_, i) => ({ value: JSON.stringify({ id: i }) })),
    );
    const task = await outflow.run({ topics: [topic], index, sink: { documentId: { type: "fields", fields: ["id"] } } });
    await waitFor(
      "retries counted as index_unavailable",
      async () => sum(await scrape(workerUrl), "outflow_bulk_retries_total", { cause: "index_unavailable" }) > before,
      60_000,
    );
    await es.indices.putSettings({ index, settings: { "index.blocks.write": false } });
    const s = await waitFor(
      "the blocked messages written after the block is lifted",
      async () => {
        const x = await scrape(workerUrl);
        return sum(x, "outflow_documents_written_total", { task_id: task.id }) === 5 ? x : null;
      },
      90_000,
    );
    expect(await countDocs(es, index)).toBe(5);
    expect(sum(s, "outflow_messages_in_total", { task_id: task.id })).toBe(5);
  });

  it("lets only admins scrape /api/metrics: 401 without a token, 403 for a viewer's or an editor's", async () => {
    const status = async (token?: string) =>
      (await fetch(`${stack.baseUrl}/api/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {})).status;
    expect(await status()).toBe(401);
    expect(await status(viewer.token)).toBe(403);
    expect(await status(editor.token)).toBe(403);
    expect(await status(stack.admin.token)).toBe(200);
  });
});
