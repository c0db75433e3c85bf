import { CONNECT_DENIED } from "./connect-guard";
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

export type RegistryFailure = { category: RegistryFailureCategory; status: number | null; message: string };

export class RegistryError extends Error {
  readonly category: RegistryFailureCategory;
  readonly status: number | null;
  constructor(failure: RegistryFailure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.name = "RegistryError";
    this.category = failure.category;
    this.status = failure.status;
  }
}

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
    return { category: "timed_out", status: null, message: `${of}: timed out: ${url} did not answer in time` };
  }
  if (code === "ECONNREFUSED") {
    return { category: "refused", status: null, message: `${of}: refused: nothing accepts connections at ${url}` };
  }
  if (code && UNTRUSTED_CERT_CODES.has(code)) {
    return {
      category: "tls",
      status: null,
      message: `${of}: the registry's TLS certificate is not trusted (${text}); give the connection the CA certificate that signed it`,
    };
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return { category: "tls", status: null, message: `${of}: the registry's TLS certificate is not valid now (${text})` };
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return { category: "tls", status: null, message: `${of}: the registry's TLS certificate is not for the host in the URL (${text})` };
  }
  if (code === "EPROTO" || /ssl|tls|certificate/i.test(text)) {
    return { category: "tls", status: null, message: `${of}: TLS failed at ${url} (${text})` };
  }
  if (code && UNREACHABLE.has(code)) {
    return { category: "unreachable", status: null, message: `${of}: unreachable: ${url} could not be reached (${code})` };
  }
  return { category: "unreachable", status: null, message: `${of}: unreachable: ${url} (${text})` };
}

/**
 * An HTTP answer other than 2xx to `GET <path>`, as a failure. A 404 is "no such schema" on a schema path when the
 * registry says so (Confluent's error_code 40403), and "not a registry" on the subject list.
 */
export function registryHttpFailure(connectionName: string, url: string, path: string, status: number, body: unknown): RegistryFailure {
  const of = registryName(connectionName);
  const errorCode = (body as { error_code?: unknown } | null)?.error_code;
  if (status === 401 || status === 403) {
    return { category: "credentials", status, message: `${of}: credentials refused (HTTP ${status}); check the username and password or the token` };
  }
  if (status === 404 && /^\/schemas\/ids\//.test(path) && (errorCode === 40403 || errorCode === 404)) {
    return { category: "schema_not_found", status, message: `${of}: the registry has no schema with id ${path.split("/")[3] ?? "?"}` };
  }
  if (status === 404 || status === 405 || status === 501) {
    const hint = /^https?:\/\/[^/]+$/.test(url) ? " (Apicurio Registry serves it under /apis/ccompat/v7)" : "";
    return {
      category: "not_registry",
      status,
      message: `${of}: no Confluent-compatible schema registry API at ${url}: GET ${path} answered HTTP ${status}${hint}`,
    };
  }
  if (status === 429) {
    return { category: "overloaded", status, message: `${of}: the registry is overloaded (HTTP 429)` };
  }
  if (status >= 500) {
    return { category: "server_error", status, message: `${of}: registry error (HTTP ${status}) on GET ${path}` };
  }
  return { category: "rejected", status, message: `${of}: the registry rejected GET ${path} (HTTP ${status})` };
}

/** A 2xx answer that is not what a Confluent-compatible registry answers (not JSON, or not the expected shape). */
export function notRegistryAnswer(connectionName: string, url: string, path: string, why: string): RegistryFailure {
  return {
    category: "not_registry",
    status: null,
    message: `${registryName(connectionName)}: not a Confluent-compatible schema registry at ${url}: GET ${path} ${why}`,
  };
}
