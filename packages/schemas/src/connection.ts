import { z } from "zod";

const Name = z.string().trim().min(1, "Name is required").max(100, "At most 100 characters");

const HostPort = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, "Expected host:port, e.g. 127.0.0.1:9092");

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
  nodes: z
    .array(
      z
        .url({ protocol: /^https?$/, error: "Expected an http(s) URL, e.g. http://127.0.0.1:9200" })
        .refine(noCredentials, "Credentials do not belong in the URL: put them in auth ({ type: basic, username, password } or { type: apiKey, apiKey })"),
    )
    .min(1, "Add at least one node URL")
    .max(50),
  auth: EsAuth.default({ type: "none" }),
  tls: TlsInput.omit({ enabled: true }).optional(),
});
export type ElasticsearchConnectionInput = z.infer<typeof ElasticsearchConnectionInput>;

export const ConnectionInput = z.discriminatedUnion("kind", [KafkaConnectionInput, ElasticsearchConnectionInput]);
export type ConnectionInput = z.infer<typeof ConnectionInput>;
export type ConnectionKind = ConnectionInput["kind"];

/** The secret parts, stored encrypted and never returned. */
export type ConnectionSecrets = {
  saslPassword?: string;
  esPassword?: string;
  esApiKey?: string;
  tlsKey?: string;
};

/** What the API returns: settings without secrets, with flags telling which secrets are set. */
export const KafkaConnectionView = z.object({
  kind: z.literal("kafka"),
  brokers: z.array(z.string()),
  tls: z
    .object({ enabled: z.boolean(), rejectUnauthorized: z.boolean(), ca: z.string().optional(), cert: z.string().optional(), hasKey: z.boolean() })
    .optional(),
  sasl: z.object({ mechanism: z.string(), username: z.string(), hasPassword: z.boolean() }).optional(),
});
export const ElasticsearchConnectionView = z.object({
  kind: z.literal("elasticsearch"),
  nodes: z.array(z.string()),
  auth: z.discriminatedUnion("type", [
    z.object({ type: z.literal("none") }),
    z.object({ type: z.literal("basic"), username: z.string(), hasPassword: z.boolean() }),
    z.object({ type: z.literal("apiKey"), hasApiKey: z.boolean() }),
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
  z.discriminatedUnion("kind", [KafkaConnectionView, ElasticsearchConnectionView]),
);
export type Connection = z.infer<typeof Connection>;
