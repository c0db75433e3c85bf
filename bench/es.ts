import { Client } from "@elastic/elasticsearch";
import { SERVICES } from "@outflow/testing/services";
import type { Doc, DocSource } from "./generate";
import { indexOf, sampleIndices } from "./generate";
import { BENCH_TEMPLATE, RAW_TEMPLATE } from "./workload";

/** A client as the worker builds one (no compression, no client-side retries of whole requests beyond the default). */
export function benchElastic(): Client {
  return new Client({ node: SERVICES.elasticsearchUrl, compression: false, requestTimeout: 120_000 });
}

/** The bench's index templates: `bench-*` (the records after the bench rules) and `bench-raw-*` (the raw records). */
export async function putTemplate(es: Client): Promise<void> {
  type Template = Parameters<Client["indices"]["putIndexTemplate"]>[0];
  await es.indices.putIndexTemplate({ name: "outflow-bench", ...BENCH_TEMPLATE } as Template);
  await es.indices.putIndexTemplate({ name: "outflow-bench-raw", ...RAW_TEMPLATE } as Template);
}

export async function deleteIndices(es: Client, pattern: string): Promise<void> {
  await es.indices.delete({ index: pattern, ignore_unavailable: true, allow_no_indices: true, expand_wildcards: "all" });
}

export async function count(es: Client, pattern: string): Promise<number> {
  await es.indices.refresh({ index: pattern, ignore_unavailable: true, allow_no_indices: true });
  return (await es.count({ index: pattern, ignore_unavailable: true, allow_no_indices: true })).count;
}

/**
 * Exact duplicate check: pages through a composite aggregation over `event_id` (the document ID field) in every
 * index of the pattern, so one event written to two indices would show up too.
 */
export async function distinctIds(es: Client, pattern: string): Promise<{ distinct: number; docs: number; duplicated: number }> {
  let after: Record<string, string | number | null> | undefined;
  let distinct = 0;
  let docs = 0;
  let duplicated = 0;
  for (;;) {
    const r = await es.search({
      index: pattern,
      size: 0,
      aggs: { ids: { composite: { size: 10_000, sources: [{ id: { terms: { field: "event_id" } } }], ...(after ? { after } : {}) } } },
    });
    const agg = r.aggregations?.ids as { buckets: { doc_count: number }[]; after_key?: Record<string, string | number | null> } | undefined;
    const buckets = agg?.buckets ?? [];
    for (const b of buckets) {
      distinct++;
      docs += b.doc_count;
      if (b.doc_count > 1) {
        duplicated++;
      }
    }
    if (buckets.length === 0 || !agg?.after_key) {
      break;
    }
    after = agg.after_key;
  }
  return { distinct, docs, duplicated };
}

/** Fetches the evenly spread sample (sampleIndices) and compares their stored source with the pre-rendered body, byte for byte. */
export async function compareSample(es: Client, prefix: string, docs: DocSource): Promise<{ checked: number; mismatches: string[] }> {
  const picked: Doc[] = sampleIndices(docs.count).map((i) => docs.get(i));
  const mismatches: string[] = [];
  for (let i = 0; i < picked.length; i += 500) {
    const part = picked.slice(i, i + 500);
    const r = await es.mget({ docs: part.map((d) => ({ _index: indexOf(prefix, d), _id: d.id })) });
    r.docs.forEach((got, j) => {
      const want = part[j] as Doc;
      const source = "found" in got && got.found ? JSON.stringify(got._source) : null;
      if (source !== want.body) {
        mismatches.push(`${indexOf(prefix, want)}/${want.id}: ${source === null ? "missing" : "differs"}`);
      }
    });
  }
  return { checked: picked.length, mismatches };
}

/** Node facts for the report and the sampler: version, pid, heap. */
export async function nodeInfo(es: Client): Promise<{ version: string; pid: number | null; heapMax: number | null }> {
  const r = await es.nodes.info({ node_id: "_local", metric: ["process", "jvm"] });
  const node = Object.values(r.nodes)[0] as { version?: string; process?: { id?: number }; jvm?: { mem?: { heap_max_in_bytes?: number } } } | undefined;
  return { version: node?.version ?? "?", pid: node?.process?.id ?? null, heapMax: node?.jvm?.mem?.heap_max_in_bytes ?? null };
}
