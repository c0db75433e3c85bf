import { testKafka } from "@outflow/testing/kafka";
import { securedElasticsearch } from "@outflow/testing/secured-elasticsearch";
import { securedKafka } from "@outflow/testing/secured-kafka";
import { SERVICES } from "@outflow/testing/services";

/**
 * Integration tests need the real services; `npm test` starts them. Fail early, and say how, when they are down.
 * The secured Kafka broker (SASL, TLS) and the secured Elasticsearch (security on, HTTPS) serve only these tests:
 * they are started here, once, and left running.
 */
export default async function setup(): Promise<void> {
  await Promise.all([securedKafka.up(), securedElasticsearch.up()]);
  const problems: string[] = [];
  const es = await fetch(`${SERVICES.elasticsearchUrl}/_cluster/health`).catch(() => null);
  if (!es?.ok) {
    problems.push(`Elasticsearch is not answering at ${SERVICES.elasticsearchUrl}`);
  }
  const registry = await fetch(`${SERVICES.schemaRegistryUrl}/subjects`).catch(() => null);
  if (!registry?.ok) {
    problems.push(`The schema registry is not answering at ${SERVICES.schemaRegistryUrl}`);
  }
  const admin = testKafka(1).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch {
    problems.push(`Kafka is not answering at ${SERVICES.kafkaBrokers.join(",")}`);
  } finally {
    await admin.disconnect().catch(() => {});
  }
  if (problems.length > 0) {
    throw new Error(`${problems.join("; ")}. Start them with \`npm run services:up\` (npm test does this itself).`);
  }
}
