/** What a search connection talks to, as found out by `detectServer`. */
export type SearchDistribution = "elasticsearch" | "opensearch";
export type SearchServer = {
  distribution: SearchDistribution;
  version: string;
  /** Outflow is tested on Elasticsearch 7.10 and later and OpenSearch 1.3 and later. */
  supported: boolean;
};

const ELASTICSEARCH_MIN: [number, number] = [7, 10];
const OPENSEARCH_MIN: [number, number] = [1, 3];

function majorMinor(version: string): [number, number] | null {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function atLeast(v: [number, number], min: [number, number]): boolean {
  return v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);
}

export function searchServer(distribution: SearchDistribution, version: string): SearchServer {
  const v = majorMinor(version);
  return { distribution, version, supported: v !== null && atLeast(v, distribution === "opensearch" ? OPENSEARCH_MIN : ELASTICSEARCH_MIN) };
}

/** From the `GET /` banner: `version.distribution` is "opensearch" on OpenSearch, absent on Elasticsearch. */
export function serverFromBanner(body: unknown): SearchServer | null {
  const version = (body as { version?: { number?: unknown; distribution?: unknown } } | null)?.version;
  if (typeof version?.number !== "string") {
    return null;
  }
  return searchServer(version.distribution === "opensearch" ? "opensearch" : "elasticsearch", version.number);
}

/**
 * From a node's version when there is no banner (Elastic's integ-test distribution of 8.x/9.x has no `GET /`).
 * Elasticsearch sends `X-Elastic-Product` since 7.14, and OpenSearch's versions are 1.x to 3.x while Elasticsearch's
 * supported ones start at 7, so the two never mix up.
 */
export function serverFromNodeVersion(version: string, elasticProductHeader: boolean): SearchServer {
  const major = majorMinor(version)?.[0] ?? 0;
  return searchServer(elasticProductHeader || major >= 7 ? "elasticsearch" : "opensearch", version);
}

export function describeServer(s: SearchServer): string {
  return `${s.distribution === "opensearch" ? "OpenSearch" : "Elasticsearch"} ${s.version}`;
}
