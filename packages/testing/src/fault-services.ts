import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./stack";

const run = promisify(execFile);

/**
 * The dedicated Kafka and Elasticsearch of the fault tests (ports 29092/29200, own data under .services), started
 * and stopped with the project's own scripts, so a test can take them down without disturbing anything else.
 */
export const FAULT_PORTS = {
  kafka: 29092,
  kafkaController: 29093,
  es: 29200,
  esTransport: 29300,
  esTiny: 29201,
  esTinyTransport: 29301,
  esSmallRequests: 29202,
  esSmallRequestsTransport: 29302,
};

type EsInstance = { port: number; transport: number; extra?: string };
const MAIN_ES: EsInstance = { port: FAULT_PORTS.es, transport: FAULT_PORTS.esTransport };
/** An Elasticsearch whose write queue is tiny, so concurrent bulks get 429s. */
export const TINY_QUEUE_ES: EsInstance = {
  port: FAULT_PORTS.esTiny,
  transport: FAULT_PORTS.esTinyTransport,
  extra: "thread_pool.write.size: 1\nthread_pool.write.queue_size: 1",
};

/** An Elasticsearch that refuses a request body over 16 KiB with 413 (bulk request size tests). */
export const SMALL_REQUESTS_ES: EsInstance = {
  port: FAULT_PORTS.esSmallRequests,
  transport: FAULT_PORTS.esSmallRequestsTransport,
  extra: "http.max_content_length: 16kb",
};

async function script(name: string, action: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run("bash", [join(ROOT, "scripts/services", name), action], { env: { ...process.env, ...env }, maxBuffer: 10 * 1024 * 1024 });
  return stdout;
}

const kafkaEnv = () => ({ KAFKA_PORT: String(FAULT_PORTS.kafka), KAFKA_CONTROLLER_PORT: String(FAULT_PORTS.kafkaController) });
const esEnv = (i: EsInstance) => ({ ES_PORT: String(i.port), ES_TRANSPORT_PORT: String(i.transport), ES_HEAP: "512m", ES_EXTRA_SETTINGS: i.extra ?? "" });

export const faultKafka = {
  up: () => script("kafka.sh", "up", kafkaEnv()),
  stop: () => script("kafka.sh", "stop", kafkaEnv()),
};

export const faultElasticsearch = {
  up: (i: EsInstance = MAIN_ES) => script("elasticsearch.sh", "up", esEnv(i)),
  stop: (i: EsInstance = MAIN_ES) => script("elasticsearch.sh", "stop", esEnv(i)),
};
