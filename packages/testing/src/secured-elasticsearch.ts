import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Client } from "@elastic/elasticsearch";
import { createElastic } from "@outflow/connectors/elasticsearch";
import { ROOT } from "./stack";

const run = promisify(execFile);

/**
 * The second Elasticsearch of the integration tests (`scripts/services/elasticsearch-secured.sh`): security on,
 * HTTPS only with a certificate from the script's own CA (port from its env variable, same default), and the
 * superuser that the script sets up. Tests make their own users and API keys with {@link securedElasticsearch.admin}.
 */
export const SECURED_ES = {
  url: `https://127.0.0.1:${process.env.ES_SECURED_PORT ?? 19420}`,
  superuser: { username: "elastic", password: "elastic-secret" },
};

function script(...args: string[]): Promise<string> {
  return run("bash", [join(ROOT, "scripts/services/elasticsearch-secured.sh"), ...args], { maxBuffer: 1024 * 1024 }).then((r) => r.stdout);
}

export const securedElasticsearch = {
  /** Starts the node unless it is running (idempotent; the first start also makes its CA). */
  up: () => script("up"),
  /** The PEM of the CA that signed the node's certificate. */
  ca: () => script("ca"),
  /** The PEM of a CA that signed nothing the node has. */
  untrustedCa: () => script("untrusted-ca"),
  /** The superuser's client, checking the node's certificate against `ca`: for the tests' users, keys and reads. */
  admin: (ca: string): Client =>
    createElastic(
      {
        kind: "elasticsearch",
        name: "tests (secured)",
        nodes: [SECURED_ES.url],
        auth: { type: "basic", ...SECURED_ES.superuser },
        tls: { rejectUnauthorized: true, ca },
      },
      { requestTimeoutMs: 30_000, maxRetries: 3 },
    ),
};
