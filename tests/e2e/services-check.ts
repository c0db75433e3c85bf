import { SERVICES } from "@outflow/testing/services";

/** Browser tests need the real services; fail early, and say how, when they are down. */
export async function assertServicesUp(): Promise<void> {
  const es = await fetch(`${SERVICES.elasticsearchUrl}/_cluster/health`).catch(() => null);
  if (!es?.ok) {
    throw new Error(`Elasticsearch is not answering at ${SERVICES.elasticsearchUrl}. Start the services with \`npm run services:up\`.`);
  }
}
