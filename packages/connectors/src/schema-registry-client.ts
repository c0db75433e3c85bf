import { createHash } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { z } from "zod";
import { guardedLookup, refusalBeforeDns } from "./connect-guard";
import {
  isRegistryUnavailable,
  notRegistryAnswer,
  RegistryError,
  type RegistryFailure,
  registryHttpFailure,
  registryName,
  registryNetworkFailure,
} from "./schema-registry-failure";

export { isRegistryUnavailable, RegistryError };

/** One request's limit, connecting included. */
export const REGISTRY_TIMEOUT_MS = 10_000;
/** A schema answer larger than this is refused (a registry's own limit is a few MB). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Schemas kept per connection; ids are immutable, so a kept schema never goes stale. */
const SCHEMA_CACHE_SIZE = 1_000;
/** Connections whose caches are kept (the least recently used is dropped). */
const CLIENT_CACHE_SIZE = 50;

const SchemaType = z.enum(["AVRO", "PROTOBUF", "JSON"]);
const SchemaReference = z.object({ name: z.string(), subject: z.string(), version: z.number().int() });
export type SchemaReference = z.infer<typeof SchemaReference>;

/** `GET /schemas/ids/{id}`: no schemaType means Avro (the registry's default). */
const SchemaById = z.object({
  schema: z.string(),
  schemaType: SchemaType.optional(),
  references: z.array(SchemaReference).optional(),
});
/** `GET /subjects/{subject}/versions/{version}`. */
const SubjectVersion = SchemaById.extend({ subject: z.string(), version: z.number().int(), id: z.number().int() });
const Subjects = z.array(z.string());
const SubjectVersionsOfId = z.array(z.object({ subject: z.string(), version: z.number().int() }));
const Compatibility = z.object({ compatibilityLevel: z.string() }).or(z.object({ compatibility: z.string() }));
/** Apicurio's own API (beside its Confluent-compatible one): which registry and version answers. */
const ApicurioInfo = z.object({ name: z.string(), version: z.string() });

/** A schema as the registry holds it. `schema` is the text (Avro or JSON Schema JSON, Protobuf .proto) as registered. */
export type RegistrySchema = { schemaType: "AVRO" | "PROTOBUF" | "JSON"; schema: string; references?: SchemaReference[] };
export type RegistrySubjectVersion = RegistrySchema & { subject: string; version: number; id: number };

type Answer = { url: string; status: number; body: unknown; text: string };

function tlsOptions(conn: SchemaRegistryConnectionInput) {
  const tls = conn.tls;
  return tls ? { rejectUnauthorized: tls.rejectUnauthorized, ca: tls.ca, cert: tls.cert, key: tls.key } : {};
}

function authHeader(conn: SchemaRegistryConnectionInput): Record<string, string> {
  if (conn.auth.type === "basic") {
    return { Authorization: `Basic ${Buffer.from(`${conn.auth.username}:${conn.auth.password}`).toString("base64")}` };
  }
  if (conn.auth.type === "bearer") {
    return { Authorization: `Bearer ${conn.auth.token}` };
  }
  return {};
}

/** One GET at one base URL, under the connect policy; socket errors reject with a RegistryError naming the connection. */
function getAt(conn: SchemaRegistryConnectionInput, base: string, path: string, timeoutMs: number): Promise<Answer> {
  const who = registryName(conn.name);
  const url = new URL(base + path);
  const refused = refusalBeforeDns(who, url.hostname);
  if (refused) {
    return Promise.reject(new RegistryError({ category: "denied", status: null, message: refused.message }));
  }
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<Answer>((resolve, reject) => {
    const fail = (err: unknown) => reject(err instanceof RegistryError ? err : new RegistryError(registryNetworkFailure(conn.name, base, err), { cause: err }));
    const req = request(
      url,
      {
        method: "GET",
        lookup: guardedLookup(who),
        timeout: timeoutMs,
        ...(url.protocol === "https:" ? tlsOptions(conn) : {}),
        headers: { Accept: "application/vnd.schemaregistry.v1+json, application/json", "User-Agent": "Outflow", ...authHeader(conn) },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy();
            fail(new RegistryError(notRegistryAnswer(conn.name, base, path, { tooLarge: MAX_BODY_BYTES })));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown;
          try {
            body = text === "" ? undefined : JSON.parse(text);
          } catch {
            body = undefined;
          }
          resolve({ url: base, status: res.statusCode ?? 0, body, text });
        });
        res.on("error", fail);
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "OUTFLOW_TIMEOUT" })));
    req.on("error", fail);
    req.end();
  });
}

/**
 * `GET <url><path>` on the first URL that answers (a URL whose socket fails is skipped for the next; the last failure
 * is thrown), then the answer checked against `schema`. Throws a {@link RegistryError}.
 */
async function registryGet<T>(conn: SchemaRegistryConnectionInput, path: string, schema: z.ZodType<T>, timeoutMs = REGISTRY_TIMEOUT_MS): Promise<T> {
  let last: unknown;
  for (const base of conn.urls) {
    let answer: Answer;
    try {
      answer = await getAt(conn, base, path, timeoutMs);
    } catch (err) {
      last = err;
      if (err instanceof RegistryError && err.category === "denied") {
        throw err;
      }
      continue;
    }
    if (answer.status < 200 || answer.status > 299) {
      throw new RegistryError(registryHttpFailure(conn.name, answer.url, path, answer.status, answer.body));
    }
    if (answer.body === undefined) {
      throw new RegistryError(notRegistryAnswer(conn.name, answer.url, path, "not_json"));
    }
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) {
      throw new RegistryError(notRegistryAnswer(conn.name, answer.url, path, { shape: parsed.error.issues[0]?.message ?? "unexpected" }));
    }
    return parsed.data;
  }
  throw last instanceof RegistryError ? last : new RegistryError(registryNetworkFailure(conn.name, conn.urls[0] ?? "", last));
}

const asSchema = (s: z.infer<typeof SchemaById>): RegistrySchema => ({
  schemaType: s.schemaType ?? "AVRO",
  schema: s.schema,
  ...(s.references && s.references.length > 0 ? { references: s.references } : {}),
});

/** A bounded map that forgets the least recently used entry. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) {
        this.map.delete(oldest.value);
      }
    }
  }
  delete(key: K): void {
    this.map.delete(key);
  }
}

/** A registry connection's client: schemas by id, cached (ids never change meaning); concurrent asks share one request. */
export class SchemaRegistryClient {
  private readonly byId = new Lru<number, Promise<RegistrySchema>>(SCHEMA_CACHE_SIZE);
  constructor(readonly connection: SchemaRegistryConnectionInput) {}

  schemaById(id: number): Promise<RegistrySchema> {
    const kept = this.byId.get(id);
    if (kept) {
      return kept;
    }
    const pending = registryGet(this.connection, `/schemas/ids/${id}`, SchemaById).then(asSchema);
    this.byId.set(id, pending);
    // A failure is not kept: the next message asks again (the registry may be back, the id registered since).
    pending.catch(() => this.byId.delete(id));
    return pending;
  }

  /** A subject's version (`latest` or a number): for schema references and the preview's "which schema". */
  async subjectVersion(subject: string, version: number | "latest"): Promise<RegistrySubjectVersion> {
    const s = await registryGet(this.connection, `/subjects/${encodeURIComponent(subject)}/versions/${version}`, SubjectVersion);
    return { ...asSchema(s), subject: s.subject, version: s.version, id: s.id };
  }

  /** Where an id is registered (subject and version); empty when the registry does not say. */
  async subjectVersionsOfId(id: number): Promise<{ subject: string; version: number }[]> {
    try {
      return await registryGet(this.connection, `/schemas/ids/${id}/versions`, SubjectVersionsOfId);
    } catch (err) {
      if (err instanceof RegistryError && (err.category === "not_registry" || err.category === "schema_not_found")) {
        return [];
      }
      throw err;
    }
  }

  listSubjects(timeoutMs?: number): Promise<string[]> {
    return registryGet(this.connection, "/subjects", Subjects, timeoutMs);
  }
}

const clients = new Lru<string, SchemaRegistryClient>(CLIENT_CACHE_SIZE);

/** The same settings (secrets included) share one client and cache; the key is a hash, so no secret is kept in it. */
export function registryClient(connection: SchemaRegistryConnectionInput): SchemaRegistryClient {
  const key = createHash("sha256").update(JSON.stringify(connection)).digest("hex");
  let client = clients.get(key);
  if (!client) {
    client = new SchemaRegistryClient(connection);
    clients.set(key, client);
  }
  return client;
}

/**
 * The schema the registry holds under `id` (the 4 bytes after the magic byte of Confluent's wire format): its type
 * (AVRO when the registry says none), its text and its references, cached per connection. Throws a
 * {@link RegistryError}: category `schema_not_found` when the registry does not know the id (the message's problem);
 * any other category is the registry's condition ({@link isRegistryUnavailable}).
 */
export function fetchSchemaById(connection: SchemaRegistryConnectionInput, id: number): Promise<RegistrySchema> {
  if (!Number.isInteger(id) || id < 0 || id > 0x7fffffff) {
    return Promise.reject(new RangeError(`a schema id is an integer from 0 to 2147483647, not ${id}`));
  }
  return registryClient(connection).schemaById(id);
}

export type RegistryProbe =
  | { ok: true; summary: string; subjects: number; compatibility: string | null; server: string | null }
  | { ok: false; failure: RegistryFailure };

/**
 * The connection test: the subject list answers as a Confluent-compatible registry's does (how many subjects), the
 * global compatibility level, and, when it is Apicurio, its name and version (from its own API beside ccompat).
 */
export async function probeRegistry(connection: SchemaRegistryConnectionInput, timeoutMs = 5_000): Promise<RegistryProbe> {
  let subjects: string[];
  try {
    subjects = await registryGet(connection, "/subjects", Subjects, timeoutMs);
  } catch (err) {
    if (err instanceof RegistryError) {
      return { ok: false, failure: err.failure };
    }
    throw err;
  }
  const compatibility = await registryGet(connection, "/config", Compatibility, timeoutMs)
    .then((c) => ("compatibilityLevel" in c ? c.compatibilityLevel : c.compatibility))
    .catch(() => null);
  const server = await apicurioInfo(connection, timeoutMs);
  return { ok: true, summary: registrySummary(subjects.length, server), subjects: subjects.length, compatibility, server };
}

/** A registry test's summary: "Confluent-compatible schema registry, 3 subjects", or the server's name in front of its API. */
export function registrySummary(subjects: number, server: string | null): string {
  const n = `${subjects} subject${subjects === 1 ? "" : "s"}`;
  return server ? `${server} (Confluent-compatible API), ${n}` : `Confluent-compatible schema registry, ${n}`;
}

/** "Apicurio Registry 2.6.13.Final" when the URL is Apicurio's ccompat API, else null. */
async function apicurioInfo(connection: SchemaRegistryConnectionInput, timeoutMs: number): Promise<string | null> {
  const base = connection.urls.find((u) => /\/apis\/ccompat\/v\d+$/.test(u));
  if (!base) {
    return null;
  }
  const root = base.replace(/\/apis\/ccompat\/v\d+$/, "");
  for (const api of ["/apis/registry/v3/system/info", "/apis/registry/v2/system/info"]) {
    try {
      const info = await registryGet({ ...connection, urls: [root] }, api, ApicurioInfo, timeoutMs);
      return `${info.name === "apicurio-registry" ? "Apicurio Registry" : info.name} ${info.version}`;
    } catch {
      // not this API version (or not Apicurio): try the next
    }
  }
  return null;
}
