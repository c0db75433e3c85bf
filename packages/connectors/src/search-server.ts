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

/**
 * From the `GET /` banner, only when it says it is a search server: OpenSearch 1.x–3.x by `version.distribution`
 * "opensearch"; Elasticsearch by the `X-Elastic-Product: Elasticsearch` header (7.14 and later) or, for 7.10–7.13
 * which send no header, its tagline "You Know, for Search". Any other answer (a proxy, another service) is null.
 */
export function serverFromBanner(body: unknown, elasticProductHeader = false): SearchServer | null {
  const banner = body as { version?: { number?: unknown; distribution?: unknown }; tagline?: unknown } | null;
  const version = banner?.version;
  if (typeof version?.number !== "string") {
    return null;
  }
  if (version.distribution === "opensearch") {
    return searchServer("opensearch", version.number);
  }
  return elasticProductHeader || banner?.tagline === ELASTICSEARCH_TAGLINE ? searchServer("elasticsearch", version.number) : null;
}

const ELASTICSEARCH_TAGLINE = "You Know, for Search";

/** The node info's shape (`GET /_nodes/_local/_none`), as both servers answer it; another service's JSON is not. */
export function nodeInfoVersion(body: unknown): string | null {
  const info = body as { _nodes?: unknown; cluster_name?: unknown; nodes?: Record<string, { version?: unknown }> } | null;
  if (typeof info?._nodes !== "object" || info._nodes === null || typeof info.cluster_name !== "string" || typeof info.nodes !== "object") {
    return null;
  }
  const version = Object.values(info.nodes ?? {})[0]?.version;
  return typeof version === "string" && /^\d+\.\d+/.test(version) ? version : null;
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
