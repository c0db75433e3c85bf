import { faultElasticsearch, faultKafka } from "@outflow/testing/fault-services";

/** Starts the fault tests' own Kafka (29092) and Elasticsearch (29200); stops them afterwards. */
export default async function setup(): Promise<() => Promise<void>> {
  await Promise.all([faultKafka.up(), faultElasticsearch.up()]);
  return async () => {
    if (process.env.FAULTS_KEEP_SERVICES !== "1") {
      await Promise.allSettled([faultKafka.stop(), faultElasticsearch.stop()]);
    }
  };
}
