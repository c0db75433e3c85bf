import type { ConnectionInput } from "@outflow/schemas/connection";
import type { Issue } from "@outflow/schemas/errors";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);

/**
 * Where a connection's secrets go: for Kafka the brokers, TLS settings and SASL mechanism; for Elasticsearch the
 * nodes and TLS; for a schema registry its URLs and TLS.
 */
function destination(c: Obj): string {
  const tls = obj(c.tls);
  const tlsPart = tls ? { enabled: tls.enabled, rejectUnauthorized: tls.rejectUnauthorized, ca: tls.ca, cert: tls.cert } : null;
  if (c.kind === "kafka") {
    return JSON.stringify({ brokers: c.brokers, tls: tlsPart, mechanism: obj(c.sasl)?.mechanism ?? null });
  }
  return c.kind === "schema_registry" ? JSON.stringify({ urls: c.urls, tls: tlsPart }) : JSON.stringify({ nodes: c.nodes, tls: tlsPart });
}

/**
 * Stored secrets are bound to their destination: when a merge patch changes it, every stored secret the patch does
 * not send again is dropped from `merged` (changed in place), with an issue asking for it, so a new host never
 * receives the old host's password.
 */
export function dropSecretsForNewDestination(current: ConnectionInput, merged: Obj, patch: Obj): Issue[] {
  if (destination(current as unknown as Obj) === destination(merged)) {
    return [];
  }
  const issues: Issue[] = [];
  const ask = (container: Obj | undefined, sent: Obj | undefined, key: string, field: string, what: string) => {
    if (container && container[key] !== undefined && sent?.[key] === undefined) {
      delete container[key];
      issues.push({ field, message: `Send the ${what} again: the destination changed, so the stored one is not sent to it` });
    }
  };
  const sentTls = obj(patch.tls);
  ask(obj(merged.tls), sentTls, "key", "tls.key", "TLS private key");
  if (merged.kind === "kafka") {
    ask(obj(merged.sasl), obj(patch.sasl), "password", "sasl.password", "SASL password");
  } else if (merged.kind === "schema_registry") {
    const auth = obj(merged.auth);
    ask(auth, obj(patch.auth), "password", "auth.password", "password");
    ask(auth, obj(patch.auth), "token", "auth.token", "token");
  } else {
    const auth = obj(merged.auth);
    ask(auth, obj(patch.auth), "password", "auth.password", "password");
    ask(auth, obj(patch.auth), "apiKey", "auth.apiKey", "API key");
  }
  return issues;
}
