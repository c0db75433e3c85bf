import type { Client } from "@elastic/elasticsearch";
import { createElastic } from "@outflow/connectors/elasticsearch";
import { SERVICES } from "./services";

/** A client to the tests' search server, made as the worker makes its own: it also speaks to 7.x and OpenSearch. */
export const testElastic = (): Client =>
  createElastic(
    { kind: "elasticsearch", name: "tests", nodes: [SERVICES.elasticsearchUrl], auth: { type: "none" } },
    { requestTimeoutMs: 30_000, maxRetries: 3 },
  );

export async function countDocs(es: Client, index: string): Promise<number> {
  await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const r = await es.count({ index, ignore_unavailable: true, allow_no_indices: true });
  return r.count;
}

/** Every document of the matching indices (scrolled), as { _index, _id, _source }. */
export async function allDocs(es: Client, index: string): Promise<{ _index: string; _id: string; _source: Record<string, unknown> }[]> {
  await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const out: { _index: string; _id: string; _source: Record<string, unknown> }[] = [];
  let page = await es.search({ index, scroll: "1m", size: 5000, query: { match_all: {} }, ignore_unavailable: true, allow_no_indices: true });
  while (page.hits.hits.length > 0) {
    for (const h of page.hits.hits) {
      out.push({ _index: h._index, _id: h._id as string, _source: h._source as Record<string, unknown> });
    }
    if (!page._scroll_id) {
      break;
    }
    page = await es.scroll({ scroll_id: page._scroll_id, scroll: "1m" });
  }
  return out;
}

export async function deleteIndices(es: Client, pattern: string): Promise<void> {
  await es.indices.delete({ index: pattern, ignore_unavailable: true, allow_no_indices: true }).catch(() => {});
}

/** A document's `_source` exactly as Elasticsearch stores it (the bytes the sink sent, as text), or null if absent. */
export async function sourceText(index: string, id: string): Promise<string | null> {
  const res = await fetch(`${SERVICES.elasticsearchUrl}/${encodeURIComponent(index)}/_source/${encodeURIComponent(id)}`);
  return res.status === 404 ? null : res.text();
}

/** The raw text of a match_all search over `index` (refreshed first): parse it without rounding numbers. */
export async function searchText(es: Client, index: string, size = 1000): Promise<string> {
  await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const res = await fetch(`${SERVICES.elasticsearchUrl}/${encodeURIComponent(index)}/_search?size=${size}&ignore_unavailable=true&allow_no_indices=true`);
  return res.text();
}
