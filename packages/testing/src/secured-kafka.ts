import "@outflow/connectors/kafkajs-fixes";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { Kafka, logLevel } from "kafkajs";
import { ROOT } from "./stack";

const run = promisify(execFile);

/**
 * The second Kafka broker of the integration tests (`scripts/services/kafka-secured.sh`): SASL over plain TCP and
 * over TLS (ports from the script's env variables, same defaults), and a PLAINTEXT listener that the tests use to create topics and produce/read messages behind Outflow's back.
 */
export const SECURED_KAFKA = {
  saslPlaintext: `127.0.0.1:${process.env.KAFKA_SECURED_SASL_PORT ?? 19192}`,
  saslSsl: `127.0.0.1:${process.env.KAFKA_SECURED_SSL_PORT ?? 19193}`,
  setup: `127.0.0.1:${process.env.KAFKA_SECURED_SETUP_PORT ?? 19194}`,
};

export type SaslMechanism = "plain" | "scram-sha-256" | "scram-sha-512";

/** The users the script creates, one per mechanism. */
export const SECURED_KAFKA_USERS: Record<SaslMechanism, { username: string; password: string }> = {
  plain: { username: "alice", password: "alice-secret" },
  "scram-sha-256": { username: "carol", password: "carol-secret" },
  "scram-sha-512": { username: "bob", password: "bob-secret" },
};

function script(...args: string[]): Promise<string> {
  return run("bash", [join(ROOT, "scripts/services/kafka-secured.sh"), ...args], { maxBuffer: 1024 * 1024 }).then((r) => r.stdout);
}

export const securedKafka = {
  /** Starts the broker unless it is running (idempotent; the first start also makes its CA). */
  up: () => script("up"),
  /** The PEM of the CA that signed the broker's certificate. */
  ca: () => script("ca"),
  /** The PEM of a CA that signed nothing the broker has. */
  untrustedCa: () => script("untrusted-ca"),
  /** A client on the PLAINTEXT set-up listener, for the tests' own topics and messages. */
  setupClient: () => new Kafka({ clientId: "outflow-tests-secured", brokers: [SECURED_KAFKA.setup], logLevel: logLevel.NOTHING }),
};
