import type { Client } from "@elastic/elasticsearch";
import type { BulkResponseItem } from "@outflow/pipeline";

/**
 * The settings and mappings an index would have: an existing index's own, or (one not yet there) what its index
 * templates would give it (`POST _index_template/_simulate_index/<name>`, Elasticsearch 7.9+ and OpenSearch 1.0+;
 * when no composable template matches, the legacy `_template` ones).
 */
export type IndexShape = { source: "index" | "template" | "none"; from: string; settings: Record<string, unknown>; mappings: Record<string, unknown> };

/**
 * The settings that decide whether a document is taken and how it is parsed; the rest (shards, replicas, ILM,
 * allocation, blocks) are left out. So are ingest pipelines (`default_pipeline`, `final_pipeline`): a pipeline may
 * set `_index` and write to the real index.
 */
const KEPT = [/^index\.mapping\./, /^index\.analysis\./, /^index\.similarity\./, /^index\.sort\./, /^index\.mode$/, /^index\.routing_path/];

/** Nested settings (`{ index: { mapping: { ... } } }`) as flat keys (`index.mapping....`), as `flat_settings` gives them. */
export function flattenSettings(settings: unknown, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!settings || typeof settings !== "object" || Array.isArray(settings)) {
    return out;
  }
  for (const [k, v] of Object.entries(settings)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      Object.assign(out, flattenSettings(v, key));
    } else {
      out[key] = v;
    }
  }
  return out;
}

/** The throw-away index's settings: the target's that decide what it takes, on one shard without replicas, hidden. */
export function throwawaySettings(target: Record<string, unknown>): Record<string, unknown> {
  const flat = flattenSettings(target);
  const kept: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(flat)) {
    const key = k.startsWith("index.") ? k : `index.${k}`;
    if (KEPT.some((re) => re.test(key))) {
      kept[key] = v;
    }
  }
  return { ...kept, "index.number_of_shards": 1, "index.number_of_replicas": 0, "index.hidden": true };
}

const enc = encodeURIComponent;

/**
 * The shape of `index`: its own mapping and settings when it exists (an alias or data stream: its newest index by
 * name), else its templates' (nothing: `source` none, dynamic mapping only).
 */
export async function indexShape(client: Client, index: string): Promise<IndexShape> {
  const mapping = await client.transport.request<Record<string, { mappings?: Record<string, unknown> }>>(
    { method: "GET", path: `/${enc(index)}/_mapping` },
    { meta: true, ignore: [404] },
  );
  if (mapping.statusCode !== 404) {
    const names = Object.keys(mapping.body).sort();
    const own = names.includes(index) ? index : (names.at(-1) as string);
    const settings = await client.transport.request<Record<string, { settings?: Record<string, unknown> }>>({
      method: "GET",
      path: `/${enc(own)}/_settings`,
      querystring: { flat_settings: true },
    });
    return { source: "index", from: own, settings: settings[own]?.settings ?? {}, mappings: mapping.body[own]?.mappings ?? {} };
  }
  const sim = await client.transport.request<{ template?: { settings?: unknown; mappings?: Record<string, unknown> }; overlapping?: unknown }>({
    method: "POST",
    path: `/_index_template/_simulate_index/${enc(index)}`,
  });
  if (sim.template) {
    return { source: "template", from: index, settings: flattenSettings(sim.template.settings), mappings: sim.template.mappings ?? {} };
  }
  // No composable template matches: the legacy ones (`_template`), which _simulate_index does not apply, would.
  const legacy = await client.transport.request<Record<string, LegacyTemplate>>({ method: "GET", path: "/_template" }, { meta: true, ignore: [404] });
  const merged = legacy.statusCode === 404 ? null : mergeLegacyTemplates(index, legacy.body);
  return merged ? { source: "template", from: index, ...merged } : { source: "none", from: index, settings: {}, mappings: {} };
}

export type LegacyTemplate = { order?: number; index_patterns?: string[]; settings?: unknown; mappings?: Record<string, unknown> };

/** `*` in an index pattern matches any run of characters; nothing else is special. */
function matchesPattern(index: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return re.test(index);
}

function mergeMappings(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const prior = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && prior && typeof prior === "object" && !Array.isArray(prior)
        ? mergeMappings(prior as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/**
 * What the legacy templates matching `index` give it, as Elasticsearch applies them: in ascending `order`, a later
 * one's settings and mappings over the earlier ones'; null when none matches.
 */
export function mergeLegacyTemplates(
  index: string,
  templates: Record<string, LegacyTemplate>,
): { settings: Record<string, unknown>; mappings: Record<string, unknown> } | null {
  const matching = Object.values(templates)
    .filter((t) => (t.index_patterns ?? []).some((p) => matchesPattern(index, p)))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  if (matching.length === 0) {
    return null;
  }
  let settings: Record<string, unknown> = {};
  let mappings: Record<string, unknown> = {};
  for (const t of matching) {
    settings = { ...settings, ...flattenSettings(t.settings) };
    mappings = mergeMappings(mappings, t.mappings ?? {});
  }
  return { settings, mappings };
}

/** Creates `name` with the shape's settings (throwawaySettings) and mappings (a data stream's own meta field left out). */
export async function createThrowaway(client: Client, name: string, shape: IndexShape): Promise<void> {
  const { _data_stream_timestamp: _ds, ...mappings } = shape.mappings;
  await client.transport.request({ method: "PUT", path: `/${enc(name)}`, body: { settings: throwawaySettings(shape.settings), mappings } });
}

/** One `_bulk` request; only each item's status and error come back. */
export async function bulkItems(client: Client, ndjson: string): Promise<BulkResponseItem[]> {
  const res = (await client.transport.request(
    { method: "POST", path: "/_bulk", querystring: { filter_path: "items.*.status,items.*.result,items.*.error.type,items.*.error.reason" }, bulkBody: ndjson },
    { meta: false },
  )) as { items?: BulkResponseItem[] };
  return res.items ?? [];
}

/** Deletes the index; true when it is gone (also when it never was). */
export async function deleteThrowaway(client: Client, name: string): Promise<boolean> {
  const res = await client.transport.request({ method: "DELETE", path: `/${enc(name)}` }, { meta: true, ignore: [404] });
  return res.statusCode === 200 || res.statusCode === 404;
}
