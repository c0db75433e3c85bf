import type { ConnectionKind } from "@outflow/schemas/connection";

export const KIND_LABEL: Record<ConnectionKind, string> = { kafka: "Kafka", elasticsearch: "Elasticsearch", schema_registry: "Schema registry" };

/** The connection pages' words about servers and tests (a translated catalogue replaces this object). */
export const connectionText = {
  columns: { server: "Server", lastTest: "Last test" },
  resultOk: "Connection OK",
  resultFailed: "Connection failed",
  neverTested: "Never tested",
  testOk: "OK",
  testFailed: "Failed",
  serverUnknown: "Not known yet",
  serverNotTold: "Server not told",
  kafkaBrokers: (n: number) => `Kafka, ${n} broker${n === 1 ? "" : "s"}`,
  latency: (ms: number) => `${ms} ms`,
  testedAt: (when: string) => `tested ${when}`,
  /** Failure categories from the search sink's, Kafka's and the registry's probes; an unknown one is shown as it is. */
  categories: {
    refused: "connection refused",
    unreachable: "unreachable",
    timed_out: "timed out",
    tls: "TLS",
    credentials: "credentials refused",
    media_type: "media type refused",
    not_search_server: "not a search server",
    overloaded: "overloaded",
    server_error: "server error",
    rejected: "request rejected",
    unsupported: "unsupported version",
    denied: "denied by the connect policy",
    not_registry: "not a schema registry",
    schema_not_found: "schema not found",
  } as Record<string, string>,
  failedBeforeSave: "The last test of these settings failed:",
  saveAnyway: "Save anyway",
  keepEditing: "Keep editing",
  failedWarning: (name: string, when: string) => `The last test of connection ${name} failed (${when}):`,
  failedWarningAdvice: "A task on it will likely fail or keep retrying until the connection is fixed.",
  openConnection: "Open the connection",
};
