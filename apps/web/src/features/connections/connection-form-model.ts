import { type Connection, ConnectionInput, type ConnectionKind } from "@outflow/schemas/connection";
import { diffMergePatch } from "@outflow/schemas/diff-merge-patch";
import { issuesFromZod } from "@outflow/schemas/errors";
import type { FieldMessage } from "../../components/form-field";

export type SaslMechanism = "" | "plain" | "scram-sha-256" | "scram-sha-512";
/** Elasticsearch: none, basic, apiKey; schema registry: none, basic, bearer. */
export type AuthType = "none" | "basic" | "apiKey" | "bearer";

/** What the connection form edits: flat and string-typed, converted to the API's shape by {@link toInput}. */
export type ConnectionFormState = {
  kind: ConnectionKind;
  name: string;
  /** Kafka brokers, Elasticsearch node URLs or schema registry URLs, one per line (commas work too). */
  endpoints: string;
  /** Kafka: TLS on; Elasticsearch: custom TLS settings given. */
  tls: boolean;
  rejectUnauthorized: boolean;
  ca: string;
  cert: string;
  /** Secret (TLS private key). */
  key: string;
  saslMechanism: SaslMechanism;
  saslUsername: string;
  /** Secret. */
  saslPassword: string;
  authType: AuthType;
  /** Elasticsearch's or the registry's basic auth. */
  esUsername: string;
  /** Secret. */
  esPassword: string;
  /** Secret. */
  apiKey: string;
  /** Secret: the registry's bearer token. */
  token: string;
  /** Kafka: the schema registry connection for registry-encoded messages ("" for none). */
  schemaRegistryId: string;
  /** Elasticsearch: Kibana / OpenSearch Dashboards URL (optional). */
  dashboardsUrl: string;
  /** The admin's leave for reserved names: Kafka `allowInternalTopics`, Elasticsearch `allowSystemIndices`. */
  reservedNames: boolean;
};

export type SecretName = "key" | "saslPassword" | "esPassword" | "apiKey" | "token";
export type FormKey = keyof ConnectionFormState;

/** Which secrets the saved connection already has (from hasKey / hasPassword / hasApiKey / hasToken). */
export type StoredSecrets = Partial<Record<SecretName, boolean>>;

/** Stands in for a stored secret that the form leaves unchanged; never sent. */
const KEPT = "\u0000kept";

export function emptyForm(kind: ConnectionKind): ConnectionFormState {
  return {
    kind,
    name: "",
    endpoints: DEFAULT_ENDPOINT[kind],
    tls: false,
    rejectUnauthorized: true,
    ca: "",
    cert: "",
    key: "",
    saslMechanism: "",
    saslUsername: "",
    saslPassword: "",
    authType: "none",
    esUsername: "",
    esPassword: "",
    apiKey: "",
    token: "",
    schemaRegistryId: "",
    dashboardsUrl: "",
    reservedNames: false,
  };
}

const DEFAULT_ENDPOINT: Record<ConnectionKind, string> = {
  kafka: "127.0.0.1:9092",
  elasticsearch: "http://127.0.0.1:9200",
  schema_registry: "http://127.0.0.1:8081",
};

export function formFromConnection(c: Connection): { form: ConnectionFormState; stored: StoredSecrets } {
  const form = emptyForm(c.kind);
  form.name = c.name;
  if (c.kind === "kafka") {
    form.endpoints = c.brokers.join("\n");
    form.reservedNames = c.allowInternalTopics === true;
    if (c.tls) {
      Object.assign(form, { tls: c.tls.enabled, rejectUnauthorized: c.tls.rejectUnauthorized, ca: c.tls.ca ?? "", cert: c.tls.cert ?? "" });
    }
    if (c.sasl) {
      Object.assign(form, { saslMechanism: c.sasl.mechanism as SaslMechanism, saslUsername: c.sasl.username });
    }
    form.schemaRegistryId = c.schemaRegistryId ?? "";
    return { form, stored: { key: c.tls?.hasKey ?? false, saslPassword: c.sasl?.hasPassword ?? false } };
  }
  if (c.kind === "schema_registry") {
    form.endpoints = c.urls.join("\n");
    return { form, stored: { ...httpAuthAndTls(form, c), token: c.auth.type === "bearer" && c.auth.hasToken } };
  }
  form.endpoints = c.nodes.join("\n");
  form.reservedNames = c.allowSystemIndices === true;
  form.dashboardsUrl = c.dashboardsUrl ?? "";
  return { form, stored: { ...httpAuthAndTls(form, c), apiKey: c.auth.type === "apiKey" && c.auth.hasApiKey } };
}

/** An HTTP connection's (Elasticsearch, schema registry) auth choice, username and TLS into the form; which secrets are stored. */
function httpAuthAndTls(
  form: ConnectionFormState,
  c: {
    auth: { type: AuthType } & ({ type: "basic"; username: string; hasPassword: boolean } | { type: Exclude<AuthType, "basic"> });
    tls?: { rejectUnauthorized: boolean; ca?: string; cert?: string; hasKey: boolean };
  },
): { key: boolean; esPassword: boolean } {
  form.authType = c.auth.type;
  if (c.auth.type === "basic") {
    form.esUsername = c.auth.username;
  }
  if (c.tls) {
    Object.assign(form, { tls: true, rejectUnauthorized: c.tls.rejectUnauthorized, ca: c.tls.ca ?? "", cert: c.tls.cert ?? "" });
  }
  return { key: c.tls?.hasKey ?? false, esPassword: c.auth.type === "basic" && c.auth.hasPassword };
}

const opt = (v: string) => (v.trim() === "" ? undefined : v);
const list = (v: string) =>
  v
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A secret field: typed value, or the stored one when left empty (edit mode). */
function secret(state: ConnectionFormState, name: SecretName, stored: StoredSecrets): string | undefined {
  const typed = state[name];
  if (typed !== "") {
    return typed;
  }
  return stored[name] ? KEPT : undefined;
}

/** The API's connection input; stored secrets left empty appear as a placeholder (see {@link hasKeptSecrets}). */
function toShape(s: ConnectionFormState, stored: StoredSecrets): Record<string, unknown> {
  const tlsBase = { rejectUnauthorized: s.rejectUnauthorized, ca: opt(s.ca), cert: opt(s.cert), key: secret(s, "key", stored) };
  if (s.kind === "kafka") {
    return {
      kind: "kafka",
      name: s.name,
      brokers: list(s.endpoints),
      tls: s.tls ? { enabled: true, ...tlsBase } : undefined,
      sasl: s.saslMechanism ? { mechanism: s.saslMechanism, username: s.saslUsername, password: secret(s, "saslPassword", stored) ?? "" } : undefined,
      allowInternalTopics: s.reservedNames ? true : undefined,
      schemaRegistryId: opt(s.schemaRegistryId),
    };
  }
  if (s.kind === "schema_registry") {
    return {
      kind: "schema_registry",
      name: s.name,
      urls: list(s.endpoints),
      auth:
        s.authType === "basic"
          ? { type: "basic", username: s.esUsername, password: secret(s, "esPassword", stored) ?? "" }
          : s.authType === "bearer"
            ? { type: "bearer", token: secret(s, "token", stored) ?? "" }
            : { type: "none" },
      tls: s.tls ? tlsBase : undefined,
    };
  }
  const auth =
    s.authType === "basic"
      ? { type: "basic", username: s.esUsername, password: secret(s, "esPassword", stored) ?? "" }
      : s.authType === "apiKey"
        ? { type: "apiKey", apiKey: secret(s, "apiKey", stored) ?? "" }
        : { type: "none" };
  return {
    kind: "elasticsearch",
    name: s.name,
    nodes: list(s.endpoints),
    auth,
    tls: s.tls ? tlsBase : undefined,
    dashboardsUrl: opt(s.dashboardsUrl),
    allowSystemIndices: s.reservedNames ? true : undefined,
  };
}

function withoutUndefined(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

/** The body of `POST /api/connections` (and of `POST /api/connections/test`). */
export function toInput(s: ConnectionFormState): unknown {
  return withoutUndefined(toShape(s, {}));
}

/** True when a stored secret is kept as is (so an unsaved test cannot include it). */
export function hasKeptSecrets(s: ConnectionFormState, stored: StoredSecrets): boolean {
  return JSON.stringify(toShape(s, stored)).includes(JSON.stringify(KEPT).slice(1, -1));
}

/**
 * The body of `PATCH /api/connections/:id`: a merge patch from the saved settings to the form's; secrets left
 * empty are left out (kept), removed sections and switched auth types send null for what is gone.
 */
export function toPatch(saved: Connection, s: ConnectionFormState): unknown {
  const { form: savedForm, stored } = formFromConnection(saved);
  const keptEverything: ConnectionFormState = { ...savedForm, key: "", saslPassword: "", esPassword: "", apiKey: "", token: "" };
  const before = withoutUndefined(toShape(keptEverything, stored));
  const after = withoutUndefined(toShape(s, stored));
  return diffMergePatch(before, after);
}

/** Client-side check with the API's own schema; messages keyed by form field. */
export function validateForm(s: ConnectionFormState, stored: StoredSecrets): Partial<Record<FormKey, FieldMessage[]>> {
  const parsed = ConnectionInput.safeParse(withoutUndefined(toShape(s, stored)));
  return parsed.success ? {} : groupByFormKey(issuesFromZod(parsed.error), s.kind, "client");
}

/** API issue fields (`brokers.0`, `sasl.password`, `auth.apiKey`, ...) → the form field that shows them. */
export function formKeyOf(field: string, kind: ConnectionKind): FormKey | null {
  const [head, sub] = field.split(".");
  switch (head) {
    case "name":
      return "name";
    case "brokers":
    case "nodes":
    case "urls":
      return "endpoints";
    case "schemaRegistryId":
      return kind === "kafka" ? "schemaRegistryId" : null;
    case "tls":
      return sub === "ca" || sub === "cert" || sub === "key" ? sub : "tls";
    case "dashboardsUrl":
      return kind === "elasticsearch" ? "dashboardsUrl" : null;
    case "sasl":
      return sub === "username" ? "saslUsername" : sub === "password" ? "saslPassword" : "saslMechanism";
    case "auth":
      if (kind === "kafka") {
        return null;
      }
      return sub === "username" ? "esUsername" : sub === "password" ? "esPassword" : sub === "apiKey" ? "apiKey" : sub === "token" ? "token" : "authType";
    default:
      return null;
  }
}

export function groupByFormKey(
  issues: { field: string; message: string }[],
  kind: ConnectionKind,
  origin: FieldMessage["origin"],
): Partial<Record<FormKey, FieldMessage[]>> {
  const out: Partial<Record<FormKey, FieldMessage[]>> = {};
  for (const i of issues) {
    const key = formKeyOf(i.field, kind);
    if (key) {
      const at = out[key] ?? [];
      if (!at.some((m) => m.message === i.message)) {
        at.push({ message: i.message, origin });
      }
      out[key] = at;
    }
  }
  return out;
}
