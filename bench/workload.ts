/**
 * The benchmark's workload: seeded ~1 KB JSON log lines, the Outflow task that writes them (date-split index,
 * document ID from a field, a few rules) and the index template of every bench index.
 */

import { mergePatch } from "@outflow/schemas/merge-patch";

/** sfc32: small, fast, seedable; the same seed always gives the same data set. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) {
      this.u32();
    }
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  hex(chars: number): string {
    let s = "";
    while (s.length < chars) {
      s += this.u32().toString(16).padStart(8, "0");
    }
    return s.slice(0, chars);
  }
}

const SERVICES = ["checkout", "payments", "catalog", "search", "auth", "cart", "shipping", "inventory", "reviews", "gateway", "billing", "notify"];
const LEVELS = ["INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"];
const METHODS = ["GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH"];
const STATUSES = ["200", "200", "200", "200", "200", "200", "201", "204", "304", "400", "404", "409", "429", "500", "503"];
const RESOURCES = ["orders", "users", "carts", "products", "sessions", "invoices", "payments", "shipments", "reviews", "coupons"];
const REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1"];
const AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
  "okhttp/4.12.0",
  "python-requests/2.32.3",
  "Go-http-client/1.1",
];
const WORDS = (
  "request handled upstream downstream latency cache miss hit retry backoff timeout connection pool acquired released " +
  "session token validated expired refresh user account order payment invoice shipment warehouse stock reserved " +
  "committed rolled back transaction query rows scanned index lookup shard replica leader follower queue enqueued " +
  "dequeued worker thread heap allocation garbage collection pause threshold exceeded circuit breaker open closed " +
  "half-open rate limit quota feature flag experiment variant rollout canary deployment version config reloaded " +
  "signature checksum payload compressed decompressed serialized deserialized schema field missing default applied"
).split(" ");

/** Three days of timestamps, from this instant on (UTC): the task splits them into daily indices. */
export const DAY0 = Date.UTC(2025, 5, 1);
export const DAYS = ["20250601", "20250602", "20250603"] as const;
const SPAN = 3 * 86_400_000;

export type LogRecord = Record<string, unknown>;

/**
 * Log line number `n` of `count` in a data set: timestamps rise through the three days (with ±1 min jitter) as
 * in a real stream; `tag` makes the event IDs of different data sets distinct.
 */
export function logRecord(rng: Rng, tag: string, n: number, count: number, at?: number): LogRecord {
  const service = rng.pick(SERVICES);
  const jitter = rng.int(120_000) - 60_000;
  const ts = at ?? Math.min(DAY0 + SPAN - 1, Math.max(DAY0, DAY0 + Math.floor((n / count) * SPAN) + jitter));
  const resource = rng.pick(RESOURCES);
  const method = rng.pick(METHODS);
  const status = rng.pick(STATUSES);
  const id = rng.int(10_000_000);
  const durationMs = Math.round(rng.next() * rng.next() * 250_000) / 100;
  const target = 520 + rng.int(61);
  let msg = `${method} /api/v1/${resource}/${id} -> ${status} in ${durationMs} ms;`;
  while (msg.length < target) {
    msg += ` ${rng.pick(WORDS)}`;
  }
  return {
    "@version": 1,
    timestamp: new Date(ts).toISOString(),
    event_id: `${tag}-${n.toString(36).padStart(7, "0")}-${rng.hex(8)}`,
    service,
    host: `${service}-${rng.hex(5)}-${rng.int(24)}`,
    level: rng.pick(LEVELS),
    trace: { id: rng.hex(32), span_id: rng.hex(16) },
    http: { method, path: `/api/v1/${resource}/${id}`, status, duration_ms: durationMs, bytes: rng.int(200_000), user_agent: rng.pick(AGENTS) },
    client: { ip: `10.${rng.int(256)}.${rng.int(256)}.${rng.int(256)}`, region: rng.pick(REGIONS) },
    labels: { env: "prod", region: rng.pick(REGIONS), version: `1.${rng.int(20)}.${rng.int(10)}` },
    internal: { shard: rng.int(64), pod_uid: rng.hex(12) },
    msg: msg.slice(0, target),
  };
}

/** The rules of the bench task: a typical log clean-up. None filters a message out (the filter never matches). */
export const BENCH_RULES = [
  { type: "rename", from: "$.msg", to: "message" },
  { type: "lowercase", field: "$.level" },
  { type: "cast", field: "$.http.status", as: "integer" },
  { type: "drop", fields: ["$.internal", "$['@version']"] },
  { type: "add", field: "pipeline", value: "outflow-bench" },
  { type: "filter", action: "drop", conditions: [{ field: "$.level", op: "equals", value: "trace" }] },
];

/**
 * The task config, as sent to `POST /api/tasks` (the worker's defaults for delivery unless overridden). `rules`
 * defaults to BENCH_RULES; P0 and S0 pass `[]` (the task then writes each message's own JSON text).
 */
export function benchTaskConfig(p: {
  kafkaId: string;
  esId: string;
  topic: string;
  index: string;
  rules?: readonly unknown[];
  delivery?: Record<string, number>;
  patch?: Record<string, unknown> | null;
}): Record<string, unknown> {
  const config = {
    source: { connectionId: p.kafkaId, topics: [p.topic], startPosition: { type: "earliest" } },
    rules: p.rules ?? BENCH_RULES,
    sink: {
      connectionId: p.esId,
      index: p.index,
      dateSplit: { format: "yyyyMMdd", source: { type: "field", field: "$.timestamp", format: "iso" }, timeZone: "UTC" },
      documentId: { type: "fields", fields: ["$.event_id"] },
    },
    failure: { policy: "retain" },
    ...(p.delivery ? { delivery: p.delivery } : {}),
  };
  return p.patch ? (mergePatch(config, p.patch) as Record<string, unknown>) : config;
}

const INDEX_SETTINGS = { number_of_shards: 1, number_of_replicas: 0, refresh_interval: "1s" };

/** The fields the bench records keep under every task: the raw records' and the rules' output share them. */
const LOG_FIELDS = (httpStatus: { type: string }) => ({
  timestamp: { type: "date" },
  event_id: { type: "keyword" },
  service: { type: "keyword" },
  host: { type: "keyword" },
  level: { type: "keyword" },
  trace: { properties: { id: { type: "keyword" }, span_id: { type: "keyword" } } },
  http: {
    properties: {
      method: { type: "keyword" },
      path: { type: "keyword" },
      status: httpStatus,
      duration_ms: { type: "float" },
      bytes: { type: "long" },
      user_agent: { type: "keyword", ignore_above: 512 },
    },
  },
  client: { properties: { ip: { type: "ip" }, region: { type: "keyword" } } },
  labels: { properties: { env: { type: "keyword" }, region: { type: "keyword" }, version: { type: "keyword" } } },
});

/** Every bench index: 1 shard, no replica, refreshed every second, explicit (strict) mapping. */
export const BENCH_TEMPLATE = {
  index_patterns: ["bench-*"],
  priority: 500,
  template: {
    settings: INDEX_SETTINGS,
    mappings: {
      dynamic: "strict",
      properties: {
        ...LOG_FIELDS({ type: "short" }),
        message: { type: "text" },
        pipeline: { type: "keyword" },
        // latency runs only: which load level, partition, sequence in the partition, intended send time
        bench: { properties: { phase: { type: "keyword" }, p: { type: "integer" }, ps: { type: "long" }, sent: { type: "long" } } },
      },
    },
  },
};

/** Index prefix of every no-rules index (P0, S0, P0's warm-up): RAW_TEMPLATE applies to them. */
export const RAW_PREFIX = "bench-raw-";

/**
 * The indices of the no-rules stages (P0, S0), which store the raw records as they came: `msg`, `internal`,
 * `@version`, `http.status` a string. Settings as BENCH_TEMPLATE, strict explicit mapping of the raw fields; its
 * higher priority makes it win over BENCH_TEMPLATE (whose pattern matches these indices too).
 */
export const RAW_TEMPLATE = {
  index_patterns: [`${RAW_PREFIX}*`],
  priority: 501,
  template: {
    settings: INDEX_SETTINGS,
    mappings: {
      dynamic: "strict",
      properties: {
        "@version": { type: "integer" },
        ...LOG_FIELDS({ type: "keyword" }),
        internal: { properties: { shard: { type: "integer" }, pod_uid: { type: "keyword" } } },
        msg: { type: "text" },
      },
    },
  },
};
