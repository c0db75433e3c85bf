import { z } from "zod";

const Name = z.string().trim().min(1, "Name is required").max(100, "At most 100 characters");

/**
 * A broker as kafkajs takes it: `host:port`, the port 1–65535. kafkajs splits a seed broker at its first ':', so an
 * IPv6 address (`[::1]:9092`) cannot be given; it is refused, naming a way that works.
 */
const HostPort = z
  .string()
  .trim()
  .superRefine((broker, ctx) => {
    if (broker.startsWith("[") || (broker.match(/:/g) ?? []).length > 1) {
      ctx.addIssue({
        code: "custom",
        message: "IPv6 broker addresses are not supported (the Kafka client splits host:port at the first ':'); use a host name that resolves to it",
        params: { messageKey: "schema.connection.brokerIpv6" },
      });
      return;
    }
    const m = /^([A-Za-z0-9._-]+):(\d{1,5})$/.exec(broker);
    if (!m) {
      ctx.addIssue({ code: "custom", message: "Expected host:port, e.g. 127.0.0.1:9092", params: { messageKey: "schema.connection.brokerHostPort" } });
    } else if (Number(m[2]) < 1 || Number(m[2]) > 65535) {
      ctx.addIssue({
        code: "custom",
        message: `Port ${m[2]} is out of range: a port is 1 to 65535`,
        params: { messageKey: "schema.connection.brokerPortRange", port: m[2] },
      });
    }
  });

// Node's TLS ignores a CA that is not PEM, so a pasted DER or fingerprint would surface only as an untrusted broker.
const PemCertificates = z
  .string()
  .min(1)
  .regex(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/, "Expected PEM certificates (-----BEGIN CERTIFICATE----- …)");

/** TLS settings shared by both kinds. `ca`, `cert` and `key` are PEM text; `key` is a secret. */
const TlsInput = z.strictObject({
  enabled: z.boolean().default(true),
  rejectUnauthorized: z.boolean().default(true),
  ca: PemCertificates.optional(),
  cert: PemCertificates.optional(),
  key: z.string().min(1).optional(),
});

const KafkaSasl = z.strictObject({
  mechanism: z.enum(["plain", "scram-sha-256", "scram-sha-512"]),
  username: z.string().min(1, "Username is required"),
  password: z.string().min(1, "Password is required"),
});

export const KafkaConnectionInput = z.strictObject({
  kind: z.literal("kafka"),
  name: Name,
  brokers: z.array(HostPort).min(1, "Add at least one broker").max(50),
  tls: TlsInput.optional(),
  sasl: KafkaSasl.optional(),
  /** An admin's leave for tasks, samples and previews to read internal topics (names starting with _). */
  allowInternalTopics: z.boolean().optional(),
  /** The schema registry connection whose schemas decode this cluster's Avro, Protobuf and JSON Schema messages. */
  schemaRegistryId: z.string().trim().min(1, "Pick a schema registry connection").max(100).optional(),
});
export type KafkaConnectionInput = z.infer<typeof KafkaConnectionInput>;

const EsAuth = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({ type: z.literal("basic"), username: z.string().min(1), password: z.string().min(1) }),
  z.strictObject({ type: z.literal("apiKey"), apiKey: z.string().min(1) }),
]);

/** `http://user:pass@host` would store the password in plain text and show it wherever the URL is shown. */
function noCredentials(url: string): boolean {
  // The authority (before the first / ? or #) holds no userinfo@.
  return !/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url.trim());
}

export const ElasticsearchConnectionInput = z.strictObject({
  kind: z.literal("elasticsearch"),
  name: Name,
  /** An admin's leave for tasks to write to system indices (names starting with .). */
  allowSystemIndices: z.boolean().optional(),
  nodes: z
    .array(
      z.url({ protocol: /^https?$/, error: "Expected an http(s) URL, e.g. http://127.0.0.1:9200" }).refine(noCredentials, {
        message: "Credentials do not belong in the URL: put them in auth ({ type: basic, username, password } or { type: apiKey, apiKey })",
        params: { messageKey: "schema.connection.nodeCredentials" },
      }),
    )
    .min(1, "Add at least one node URL")
    .max(50),
  auth: EsAuth.default({ type: "none" }),
  tls: TlsInput.omit({ enabled: true }).optional(),
  /** Kibana or OpenSearch Dashboards for this cluster: the explorer links to its Discover (only browsers open it). */
  dashboardsUrl: z
    .url({ protocol: /^https?$/, error: "Expected an http(s) URL of Kibana or OpenSearch Dashboards, e.g. https://kibana.example.com" })
    .max(2000, "At most 2,000 characters")
    .refine(noCredentials, { message: "Credentials do not belong in the URL", params: { messageKey: "schema.connection.urlCredentials" } })
    .optional(),
});
export type ElasticsearchConnectionInput = z.infer<typeof ElasticsearchConnectionInput>;

const RegistryAuth = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({ type: z.literal("basic"), username: z.string().min(1, "Username is required"), password: z.string().min(1, "Password is required") }),
  z.strictObject({ type: z.literal("bearer"), token: z.string().min(1, "Token is required") }),
]);

/**
 * A Confluent-compatible schema registry (Confluent, Apicurio's /apis/ccompat/v7, Karapace, Redpanda): the base
 * URL of its API, without a trailing slash; several are tried in order.
 */
export const SchemaRegistryConnectionInput = z.strictObject({
  kind: z.literal("schema_registry"),
  name: Name,
  urls: z
    .array(
      z
        .url({ protocol: /^https?$/, error: "Expected an http(s) URL, e.g. http://127.0.0.1:8081 or http://127.0.0.1:8081/apis/ccompat/v7" })
        .max(2000, "At most 2,000 characters")
        .refine(noCredentials, {
          message: "Credentials do not belong in the URL: put them in auth ({ type: basic, username, password } or { type: bearer, token })",
          params: { messageKey: "schema.connection.registryCredentials" },
        })
        .refine((u) => !/[?#]/.test(u), { message: "The registry URL takes no query or fragment", params: { messageKey: "schema.connection.registryQuery" } })
        .transform((u) => u.replace(/\/+$/, "")),
    )
    .min(1, "Add at least one registry URL")
    .max(10),
  auth: RegistryAuth.default({ type: "none" }),
  tls: TlsInput.omit({ enabled: true }).optional(),
});
export type SchemaRegistryConnectionInput = z.infer<typeof SchemaRegistryConnectionInput>;

export const ConnectionInput = z.discriminatedUnion("kind", [KafkaConnectionInput, ElasticsearchConnectionInput, SchemaRegistryConnectionInput]);
export type ConnectionInput = z.infer<typeof ConnectionInput>;
export type ConnectionKind = ConnectionInput["kind"];

/** The secret parts, stored encrypted and never returned. */
export type ConnectionSecrets = {
  saslPassword?: string;
  esPassword?: string;
  esApiKey?: string;
  registryPassword?: string;
  registryToken?: string;
  tlsKey?: string;
};

/** What the API returns: settings without secrets, with flags telling which secrets are set. */
export const KafkaConnectionView = z.object({
  kind: z.literal("kafka"),
  brokers: z.array(z.string()),
  allowInternalTopics: z.boolean().optional(),
  tls: z
    .object({ enabled: z.boolean(), rejectUnauthorized: z.boolean(), ca: z.string().optional(), cert: z.string().optional(), hasKey: z.boolean() })
    .optional(),
  sasl: z.object({ mechanism: z.string(), username: z.string(), hasPassword: z.boolean() }).optional(),
  schemaRegistryId: z.string().optional(),
});
export const ElasticsearchConnectionView = z.object({
  kind: z.literal("elasticsearch"),
  nodes: z.array(z.string()),
  allowSystemIndices: z.boolean().optional(),
  auth: z.discriminatedUnion("type", [
    z.object({ type: z.literal("none") }),
    z.object({ type: z.literal("basic"), username: z.string(), hasPassword: z.boolean() }),
    z.object({ type: z.literal("apiKey"), hasApiKey: z.boolean() }),
  ]),
  tls: z.object({ rejectUnauthorized: z.boolean(), ca: z.string().optional(), cert: z.string().optional(), hasKey: z.boolean() }).optional(),
  dashboardsUrl: z.string().optional(),
});

export const SchemaRegistryConnectionView = z.object({
  kind: z.literal("schema_registry"),
  urls: z.array(z.string()),
  auth: z.discriminatedUnion("type", [
    z.object({ type: z.literal("none") }),
    z.object({ type: z.literal("basic"), username: z.string(), hasPassword: z.boolean() }),
    z.object({ type: z.literal("bearer"), hasToken: z.boolean() }),
  ]),
  tls: z.object({ rejectUnauthorized: z.boolean(), ca: z.string().optional(), cert: z.string().optional(), hasKey: z.boolean() }).optional(),
});

/** The latest test of a stored connection: when, whether it passed, and what it found (server and version) or why not. */
export const ConnectionLastTest = z.object({
  at: z.string(),
  ok: z.boolean(),
  latencyMs: z.number(),
  error: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ConnectionLastTest = z.infer<typeof ConnectionLastTest>;

export const Connection = z.intersection(
  z.object({ id: z.string(), name: z.string(), createdAt: z.string(), updatedAt: z.string(), lastTest: ConnectionLastTest.nullable() }),
  z.discriminatedUnion("kind", [KafkaConnectionView, ElasticsearchConnectionView, SchemaRegistryConnectionView]),
);
export type Connection = z.infer<typeof Connection>;
