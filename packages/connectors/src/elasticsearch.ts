import { Client, type ClientOptions, errors } from "@elastic/elasticsearch";
import type { ElasticsearchConnectionInput } from "@outflow/schemas/connection";

/** An Elasticsearch client for a stored connection (with its secrets). Retries are ours, not the client's. */
export function createElastic(conn: ElasticsearchConnectionInput, opts: { requestTimeoutMs?: number; maxRetries?: number } = {}): Client {
  const options: ClientOptions = {
    nodes: conn.nodes,
    requestTimeout: opts.requestTimeoutMs ?? 60_000,
    maxRetries: opts.maxRetries ?? 0,
    compression: false,
  };
  if (conn.auth.type === "basic") {
    options.auth = { username: conn.auth.username, password: conn.auth.password };
  } else if (conn.auth.type === "apiKey") {
    options.auth = { apiKey: conn.auth.apiKey };
  }
  if (conn.tls) {
    options.tls = {
      rejectUnauthorized: conn.tls.rejectUnauthorized,
      ...(conn.tls.ca ? { ca: conn.tls.ca } : {}),
      ...(conn.tls.cert ? { cert: conn.tls.cert } : {}),
      ...(conn.tls.key ? { key: conn.tls.key } : {}),
    };
  }
  return new Client(options);
}

export type ElasticProbe = { ok: true; clusterName: string; status: string; nodes: number; version: string | null } | { ok: false; error: string };

/** Uses cluster health and node info (not `GET /`, which some distributions and proxies do not serve). */
export async function probeElastic(client: Client): Promise<ElasticProbe> {
  try {
    const health = await client.cluster.health();
    const nodes = await client.nodes.info({ node_id: "_local", metric: "_none" }).catch(() => null);
    const version = nodes ? (Object.values(nodes.nodes)[0]?.version ?? null) : null;
    return { ok: true, clusterName: health.cluster_name, status: String(health.status), nodes: health.number_of_nodes, version };
  } catch (err) {
    return { ok: false, error: describeEsError(err) };
  }
}

export function describeEsError(err: unknown): string {
  if (err instanceof errors.ResponseError) {
    const body = err.meta.body as { error?: { type?: string; reason?: string } } | undefined;
    return `HTTP ${err.meta.statusCode}${body?.error?.type ? ` ${body.error.type}` : ""}: ${body?.error?.reason ?? err.message}`;
  }
  return (err as Error).message;
}

export type { Client as ElasticClient };
export { errors as esErrors };
