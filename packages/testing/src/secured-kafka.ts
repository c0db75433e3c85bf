import "@outflow/connectors/kafkajs-fixes";
import { Kafka, logLevel } from "kafkajs";
import { tlsTestService } from "./tls-test-service";

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

export const securedKafka = {
  ...tlsTestService("kafka-secured.sh"),
  /** A client on the PLAINTEXT set-up listener, for the tests' own topics and messages. */
  setupClient: () => new Kafka({ clientId: "outflow-tests-secured", brokers: [SECURED_KAFKA.setup], logLevel: logLevel.NOTHING }),
};
