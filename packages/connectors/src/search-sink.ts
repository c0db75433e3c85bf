import type { Readable } from "node:stream";
import { Client, type ClientOptions, errors } from "@elastic/elasticsearch";
import { type BulkResponseItem, parseJsonExact } from "@outflow/pipeline";
import type { ElasticsearchConnectionInput } from "@outflow/schemas/connection";
import { policedConnection } from "./search-connection";
import { type SearchFailure, searchFailure } from "./search-failure";
import { nodeInfoVersion, type SearchServer, serverFromBanner, serverFromNodeVersion } from "./search-server";
import { PlainJsonTransport } from "./search-transport";

export type MgetDoc = {
  _index: string;
  _id: string;
  found?: boolean;
  _source?: Record<string, unknown>;
  _seq_no?: number;
  _primary_term?: number;
  error?: { type?: string; reason?: string };
};

export type SearchProbe =
  | { ok: true; server: SearchServer | null; clusterName: string; status: string; nodes: number; version: string | null }
  | { ok: false; failure: SearchFailure; error: string };

/**
 * Everything Outflow asks of an Elasticsearch or OpenSearch cluster: the worker's writes and reads, the connection
 * test. One implementation serves every supported server (see PlainJsonTransport); errors are the client's.
 */
export interface SearchSink {
  /** The connection's name, for messages such as "refused the credentials of connection <name>". */
  readonly connectionName: string;
  /**
   * `POST /_bulk` with an NDJSON body; only the items' status, result and error type/reason come back. `refresh`:
   * the written shards refresh before the answer, so the documents are searchable at once.
   */
  bulk(body: Buffer, opts?: { refresh?: boolean }): Promise<{ items?: BulkResponseItem[] }>;
  /** The documents with their numbers' text kept (`10.50`, int64s past 2^53: see exact-number.ts). */
  mget(docs: { _index: string; _id: string }[]): Promise<MgetDoc[]>;
  /** Which server, health and node count; never throws. */
  probe(): Promise<SearchProbe>;
  close(): Promise<void>;
}

export type SearchSinkOptions = { requestTimeoutMs?: number; maxRetries?: number };

/** The one place search clients are made: from a stored connection (with its secrets). Retries are ours. */
export function createElastic(conn: ElasticsearchConnectionInput, opts: SearchSinkOptions = {}): Client {
  const options: ClientOptions = {
    nodes: conn.nodes,
    requestTimeout: opts.requestTimeoutMs ?? 60_000,
    maxRetries: opts.maxRetries ?? 0,
    compression: false,
    Transport: PlainJsonTransport,
    Connection: policedConnection(`Elasticsearch connection "${conn.name}"`),
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

export function openSearchSink(conn: ElasticsearchConnectionInput, opts: SearchSinkOptions = {}): SearchSink {
  return new ClientSearchSink(createElastic(conn, opts), conn.name);
}

// `result` (created, updated, deleted, noop, not_found) is what the writes did to documents: the counters report it.
const BULK_FILTER = "items.*.status,items.*.result,items.*.error.type,items.*.error.reason";

class ClientSearchSink implements SearchSink {
  constructor(
    private readonly client: Client,
    readonly connectionName: string,
  ) {}

  async bulk(body: Buffer, opts: { refresh?: boolean } = {}): Promise<{ items?: BulkResponseItem[] }> {
    const querystring = opts.refresh ? { filter_path: BULK_FILTER, refresh: "true" } : { filter_path: BULK_FILTER };
    return (await this.client.transport.request({ method: "POST", path: "/_bulk", querystring, bulkBody: body }, { meta: false })) as {
      items?: BulkResponseItem[];
    };
  }

  // The client's own JSON.parse would make every number a double: a group's stored `first`/`last` would be
  // rewritten rounded on its next write. The body is read as text and parsed keeping numbers' text instead.
  async mget(docs: { _index: string; _id: string }[]): Promise<MgetDoc[]> {
    const res = await this.client.transport.request({ method: "POST", path: "/_mget", body: { docs } }, { meta: true, asStream: true });
    const text = await readText(res.body as Readable);
    let body: unknown;
    try {
      body = parseJsonExact(text);
    } catch (err) {
      throw new errors.DeserializationError((err as Error).message, text);
    }
    if (res.statusCode === null || res.statusCode >= 400) {
      throw new errors.ResponseError({ ...res, body });
    }
    return ((body as { docs?: MgetDoc[] }).docs ?? []) as MgetDoc[];
  }

  /** Cluster health first (every supported server has it), then which server: banner, else the local node. */
  async probe(): Promise<SearchProbe> {
    try {
      const health = await this.client.cluster.health();
      const server = await detectServer(this.client);
      if (!server) {
        const message =
          "not Elasticsearch or OpenSearch: it answered, but neither GET / (version.distribution, the X-Elastic-Product header, the tagline) nor the node info says it is one";
        return {
          ok: false,
          failure: { category: "not_search_server", status: null, message, words: { key: "searchNotIdentified", params: {} } },
          error: message,
        };
      }
      return {
        ok: true,
        server,
        clusterName: health.cluster_name,
        status: String(health.status),
        nodes: health.number_of_nodes,
        version: server?.version ?? null,
      };
    } catch (err) {
      const failure = searchFailure(err);
      return { ok: false, failure, error: failure.message };
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

async function readText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Distribution and version; null when neither `GET /` nor the node info shows a search server (see search-server.ts). */
export async function detectServer(client: Client): Promise<SearchServer | null> {
  const banner = await client.transport.request({ method: "GET", path: "/" }, { meta: true }).catch(() => null);
  const fromBanner = banner ? serverFromBanner(banner.body, isElasticProduct(banner.headers)) : null;
  if (fromBanner) {
    return fromBanner;
  }
  const nodes = await client.transport.request({ method: "GET", path: "/_nodes/_local/_none" }, { meta: true }).catch(() => null);
  const version = nodes ? nodeInfoVersion(nodes.body) : null;
  if (!nodes || version === null) {
    return null;
  }
  return serverFromNodeVersion(version, isElasticProduct(nodes.headers));
}

function isElasticProduct(headers: Record<string, unknown> | undefined): boolean {
  return headers?.["x-elastic-product"] === "Elasticsearch";
}
