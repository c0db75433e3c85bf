import { CONNECT_DENIED } from "./connect-guard";
import type { SentenceWords } from "./sentence-words";
import { UNTRUSTED_CERT_CODES } from "./untrusted-cert-codes";

/**
 * What went wrong talking to a schema registry, in words of our own: the category, the HTTP status and a sentence
 * naming the connection, never the remote body. `schema_not_found` is the message's problem (an id the registry does
 * not know); every other category is the registry's condition (retry later, discard nothing).
 */
export type RegistryFailureCategory =
  | "refused"
  | "denied"
  | "unreachable"
  | "timed_out"
  | "tls"
  | "credentials"
  | "not_registry"
  | "schema_not_found"
  | "overloaded"
  | "server_error"
  | "rejected";

/**
 * A registry failure's sentence by its name in the console's `errors` catalogue (`server.<key>`), with the arguments it
 * names: `connection` (its name), `url`, `path`, `status`, `id`, `bytes` and `detail` (Node's or the client's own words,
 * shown as they are).
 */
export type RegistrySentence =
  | "registryTimedOut"
  | "registryRefused"
  | "registryCertUntrusted"
  | "registryCertNotValidNow"
  | "registryCertWrongHost"
  | "registryTlsFailed"
  | "registryUnreachable"
  | "registryFailed"
  | "registryCredentials"
  | "registrySchemaNotFound"
  | "registryNoApi"
  | "registryNoApiApicurio"
  | "registryOverloaded"
  | "registryServerError"
  | "registryRejected"
  | "registryAnswerTooLarge"
  | "registryAnswerNotJson"
  | "registryAnswerShape";
export type RegistryWords = SentenceWords<RegistrySentence>;

/** `words` say `message` for a console in another language (none for the connect policy's refusal: its own words). */
export type RegistryFailure = { category: RegistryFailureCategory; status: number | null; message: string; words?: RegistryWords };

export class RegistryError extends Error {
  readonly category: RegistryFailureCategory;
  readonly status: number | null;
  readonly words?: RegistryWords;
  constructor(failure: RegistryFailure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.name = "RegistryError";
    this.category = failure.category;
    this.status = failure.status;
    if (failure.words) {
      this.words = failure.words;
    }
  }

  /** The failure it carries (its category, status, sentence and words). */
  get failure(): RegistryFailure {
    return { category: this.category, status: this.status, message: this.message, ...(this.words ? { words: this.words } : {}) };
  }
}

/** A failure in `message`, said by `key` with `params` (the connection's name is added). */
const said = (
  connectionName: string,
  category: RegistryFailureCategory,
  status: number | null,
  key: RegistrySentence,
  params: Record<string, string>,
  message: string,
): RegistryFailure => ({ category, status, message, words: { key, params: { connection: connectionName, ...params } } });

/** Whether a failure is the registry's condition (retry, nothing discarded) rather than the message's (an unknown id). */
export function isRegistryUnavailable(err: unknown): boolean {
  return !(err instanceof RegistryError && err.category === "schema_not_found");
}

const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "EPIPE", "ENETDOWN", "EHOSTDOWN"]);

export const registryName = (connectionName: string): string => `Schema registry connection "${connectionName}"`;

/** A socket-level error (no HTTP answer) at `url`, as a failure naming the connection. */
export function registryNetworkFailure(connectionName: string, url: string, err: unknown): RegistryFailure {
  const of = registryName(connectionName);
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e?.code === "string" ? e.code : undefined;
  const text = String(e?.message ?? err);
  if (code === CONNECT_DENIED) {
    return { category: "denied", status: null, message: text };
  }
  if (code === "ETIMEDOUT" || code === "OUTFLOW_TIMEOUT") {
    return said(connectionName, "timed_out", null, "registryTimedOut", { url }, `${of}: timed out: ${url} did not answer in time`);
  }
  if (code === "ECONNREFUSED") {
    return said(connectionName, "refused", null, "registryRefused", { url }, `${of}: refused: nothing accepts connections at ${url}`);
  }
  if (code && UNTRUSTED_CERT_CODES.has(code)) {
    return said(
      connectionName,
      "tls",
      null,
      "registryCertUntrusted",
      { detail: text },
      `${of}: the registry's TLS certificate is not trusted (${text}); give the connection the CA certificate that signed it`,
    );
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return said(connectionName, "tls", null, "registryCertNotValidNow", { detail: text }, `${of}: the registry's TLS certificate is not valid now (${text})`);
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return said(
      connectionName,
      "tls",
      null,
      "registryCertWrongHost",
      { detail: text },
      `${of}: the registry's TLS certificate is not for the host in the URL (${text})`,
    );
  }
  if (code === "EPROTO" || /ssl|tls|certificate/i.test(text)) {
    return said(connectionName, "tls", null, "registryTlsFailed", { url, detail: text }, `${of}: TLS failed at ${url} (${text})`);
  }
  if (code && UNREACHABLE.has(code)) {
    return said(connectionName, "unreachable", null, "registryUnreachable", { url, detail: code }, `${of}: unreachable: ${url} could not be reached (${code})`);
  }
  return said(connectionName, "unreachable", null, "registryFailed", { url, detail: text }, `${of}: unreachable: ${url} (${text})`);
}

/**
 * An HTTP answer other than 2xx to `GET <path>`, as a failure. A 404 is "no such schema" on a schema path when the
 * registry says so (Confluent's error_code 40403), and "not a registry" on the subject list.
 */
export function registryHttpFailure(connectionName: string, url: string, path: string, status: number, body: unknown): RegistryFailure {
  const of = registryName(connectionName);
  const errorCode = (body as { error_code?: unknown } | null)?.error_code;
  if (status === 401 || status === 403) {
    return said(
      connectionName,
      "credentials",
      status,
      "registryCredentials",
      { status: String(status) },
      `${of}: credentials refused (HTTP ${status}); check the username and password or the token`,
    );
  }
  if (status === 404 && /^\/schemas\/ids\//.test(path) && (errorCode === 40403 || errorCode === 404)) {
    const id = path.split("/")[3] ?? "?";
    return said(connectionName, "schema_not_found", status, "registrySchemaNotFound", { id }, `${of}: the registry has no schema with id ${id}`);
  }
  if (status === 404 || status === 405 || status === 501) {
    const bare = /^https?:\/\/[^/]+$/.test(url);
    const hint = bare ? " (Apicurio Registry serves it under /apis/ccompat/v7)" : "";
    return said(
      connectionName,
      "not_registry",
      status,
      bare ? "registryNoApiApicurio" : "registryNoApi",
      { url, path, status: String(status) },
      `${of}: no Confluent-compatible schema registry API at ${url}: GET ${path} answered HTTP ${status}${hint}`,
    );
  }
  if (status === 429) {
    return said(connectionName, "overloaded", status, "registryOverloaded", { status: String(status) }, `${of}: the registry is overloaded (HTTP ${status})`);
  }
  if (status >= 500) {
    return said(
      connectionName,
      "server_error",
      status,
      "registryServerError",
      { path, status: String(status) },
      `${of}: registry error (HTTP ${status}) on GET ${path}`,
    );
  }
  return said(
    connectionName,
    "rejected",
    status,
    "registryRejected",
    { path, status: String(status) },
    `${of}: the registry rejected GET ${path} (HTTP ${status})`,
  );
}

/** What is wrong with a 2xx answer: larger than `bytes`, not JSON, or JSON of another shape (`detail`: zod's words). */
export type NotRegistryAnswer = { tooLarge: number } | "not_json" | { shape: string };

/** A 2xx answer that is not what a Confluent-compatible registry answers (too large, not JSON, or not the expected shape). */
export function notRegistryAnswer(connectionName: string, url: string, path: string, why: NotRegistryAnswer): RegistryFailure {
  const at = `${registryName(connectionName)}: not a Confluent-compatible schema registry at ${url}: GET ${path}`;
  const say = (key: RegistrySentence, params: Record<string, string>, words: string) =>
    said(connectionName, "not_registry", null, key, { url, path, ...params }, `${at} ${words}`);
  if (why === "not_json") {
    return say("registryAnswerNotJson", {}, "answered something that is not JSON");
  }
  if ("tooLarge" in why) {
    return say("registryAnswerTooLarge", { bytes: String(why.tooLarge) }, `answered more than ${why.tooLarge} bytes`);
  }
  return say("registryAnswerShape", { detail: why.shape }, `answered JSON of another shape (${why.shape})`);
}
