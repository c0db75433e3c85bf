import type { Readable } from "node:stream";
import { type Client, errors } from "@elastic/elasticsearch";
import { parseJsonExact } from "@outflow/pipeline";

/**
 * What the console's explorer reads from a task's indices, in requests every supported server answers alike
 * (Elasticsearch 7.10–9.x, OpenSearch 1.3–3.x): `_cat/indices`, `_search` and `GET <index>/_doc/<id>`. Sources come
 * back as JSON text with numbers as stored (a long past 2^53 is not rounded).
 */

export type CatIndex = { index: string; health: string | null; status: string | null; primaryBytes: number | null; totalBytes: number | null };

/** The concrete indices (and an alias's) matching an expression; none when nothing matches. */
export async function catIndices(client: Client, expression: string): Promise<CatIndex[]> {
  const res = await client.transport
    .request<Record<string, string | null>[]>(
      {
        method: "GET",
        path: `/_cat/indices/${encodeURIComponent(expression)}`,
        querystring: { format: "json", bytes: "b", h: "index,health,status,pri.store.size,store.size", expand_wildcards: "open,closed" },
      },
      { meta: true },
    )
    .catch((err: unknown) => {
      if (err instanceof errors.ResponseError && err.statusCode === 404) {
        return { body: [] as Record<string, string | null>[] };
      }
      throw err;
    });
  const num = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? null : Number(v));
  return res.body.map((r) => ({
    index: String(r.index),
    health: r.health ?? null,
    status: r.status ?? null,
    primaryBytes: num(r["pri.store.size"]),
    totalBytes: num(r["store.size"]),
  }));
}

/** Top-level documents per index as a search sees them now (exact: a terms count on `_index`, nested ones excluded). */
export async function countByIndex(client: Client, indices: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (indices.length === 0) {
    return out;
  }
  const body = await searchRaw(client, indices.join(","), {
    size: 0,
    track_total_hits: false,
    aggs: { per: { terms: { field: "_index", size: indices.length, include: indices } } },
  });
  const buckets = (body as { aggregations?: { per?: { buckets?: { key: string; doc_count: number }[] } } }).aggregations?.per?.buckets ?? [];
  for (const b of buckets) {
    out.set(String(b.key), Number(b.doc_count));
  }
  return out;
}

export type SourceHit = { index: string; id: string; source: string };

export type DocumentSearch = {
  query: string | undefined;
  field: string | undefined;
  from: string | undefined;
  to: string | undefined;
  offset: number;
  limit: number;
  trackTotalHits: number;
  /** Only these of the expression's indices (a wildcard also matches indices of other shapes). */
  indices?: string[];
};

/**
 * One page of documents: query string (AND of its terms), a time range on `field`, newest first by `field` (else by
 * index name, newest date split first). Hits past `trackTotalHits` are not counted (the total says "at least").
 */
export async function searchDocuments(
  client: Client,
  expression: string,
  s: DocumentSearch,
): Promise<{ hits: SourceHit[]; total: { value: number; relation: "eq" | "gte" } }> {
  const filter: unknown[] = s.indices ? [{ terms: { _index: s.indices } }] : [];
  if (s.field && (s.from || s.to)) {
    filter.push({
      range: { [s.field]: { ...(s.from ? { gte: s.from } : {}), ...(s.to ? { lte: s.to } : {}), format: "strict_date_optional_time||epoch_millis" } },
    });
  }
  const must = s.query?.trim() ? [{ query_string: { query: s.query, default_operator: "AND", lenient: true } }] : [{ match_all: {} }];
  const sort = s.field
    ? [{ [s.field]: { order: "desc", unmapped_type: "date" } }, { _index: { order: "desc" } }]
    : [{ _index: { order: "desc" } }, { _doc: { order: "desc" } }];
  const body = (await searchRaw(client, expression, {
    from: s.offset,
    size: s.limit,
    track_total_hits: s.trackTotalHits,
    query: { bool: { must, filter } },
    sort,
  })) as { hits?: { total?: { value: number; relation: string } | number; hits?: { _index: string; _id: string; _source?: unknown }[] } };
  const total = body.hits?.total;
  return {
    hits: (body.hits?.hits ?? []).map(toHit),
    total: typeof total === "number" ? { value: total, relation: "eq" } : { value: total?.value ?? 0, relation: total?.relation === "gte" ? "gte" : "eq" },
  };
}

/** Documents by ID or by exact field values, across the expression (for a message's documents). */
export async function findDocuments(client: Client, expression: string, query: unknown, size: number): Promise<SourceHit[]> {
  const body = (await searchRaw(client, expression, { size, track_total_hits: false, query })) as {
    hits?: { hits?: { _index: string; _id: string; _source?: unknown }[] };
  };
  return (body.hits?.hits ?? []).map(toHit);
}

/** One document, or null when the index has no such document. */
export async function getDocument(client: Client, index: string, id: string): Promise<SourceHit | null> {
  const res = await client.transport.request(
    { method: "GET", path: `/${encodeURIComponent(index)}/_doc/${encodeURIComponent(id)}` },
    { meta: true, asStream: true, ignore: [404] },
  );
  const body = await exactBody(res.body as Readable, res.statusCode, res);
  const doc = body as { found?: boolean; _index: string; _id: string; _source?: unknown; error?: unknown };
  if (res.statusCode === 404 || !doc.found) {
    return null;
  }
  return toHit(doc);
}

function toHit(h: { _index: string; _id: string; _source?: unknown }): SourceHit {
  return { index: h._index, id: h._id, source: JSON.stringify(h._source ?? null) };
}

/** Some shards refused the search (the rest answered): partial results are not given as the answer. */
export class ShardFailure extends Error {
  override name = "ShardFailure";
}

async function searchRaw(client: Client, expression: string, body: Record<string, unknown>): Promise<unknown> {
  const res = await client.transport.request(
    {
      method: "POST",
      path: `/${encodeURIComponent(expression)}/_search`,
      querystring: { ignore_unavailable: "true", allow_no_indices: "true" },
      body,
    },
    { meta: true, asStream: true },
  );
  const answer = (await exactBody(res.body as Readable, res.statusCode, res)) as {
    _shards?: { failed?: number; failures?: { reason?: { reason?: string; caused_by?: { reason?: string } } }[] };
  };
  if ((answer._shards?.failed ?? 0) > 0) {
    const reason = answer._shards?.failures?.[0]?.reason;
    throw new ShardFailure(String(reason?.caused_by?.reason ?? reason?.reason ?? "a shard failed"));
  }
  return answer;
}

// The client's own JSON.parse makes every number a double; the text is parsed keeping numbers' digits instead.
async function exactBody(stream: Readable, status: number | null, res: object): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  try {
    body = parseJsonExact(text);
  } catch (err) {
    throw new errors.DeserializationError((err as Error).message, text);
  }
  if (status === null || (status >= 400 && status !== 404)) {
    throw new errors.ResponseError({ ...(res as errors.ResponseError["meta"]), body });
  }
  return body;
}
