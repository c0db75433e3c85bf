import type { Client } from "@elastic/elasticsearch";
import { createElastic } from "@outflow/connectors/elasticsearch";
import { tlsTestService } from "./tls-test-service";

/**
 * The second Elasticsearch of the integration tests (`scripts/services/elasticsearch-secured.sh`): security on,
 * HTTPS only with a certificate from the script's own CA (port from its env variable, same default), and the
 * superuser that the script sets up. Tests make their own users and API keys with {@link securedElasticsearch.admin}.
 */
export const SECURED_ES = {
  url: `https://127.0.0.1:${process.env.ES_SECURED_PORT ?? 19420}`,
  superuser: { username: "elastic", password: "elastic-secret" },
};

export const securedElasticsearch = {
  ...tlsTestService("elasticsearch-secured.sh"),
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
