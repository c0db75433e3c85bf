import type { Kafka } from "kafkajs";
import { CONNECT_DENIED } from "./connect-guard";

/** Node's TLS verification codes that mean "the certificate chain does not lead to a CA this client trusts". */
const UNTRUSTED = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
]);

const codeOf = (err: Error): string | undefined => {
  const own = (err as { code?: unknown }).code;
  const cause = (err as { cause?: { code?: unknown } }).cause?.code;
  return typeof own === "string" ? own : typeof cause === "string" ? cause : undefined;
};

/**
 * What a user must fix when the broker refuses a Kafka connection (credentials, TLS trust, TLS on a listener without
 * it), naming the connection; null for any other error. kafkajs' own messages ("SASL SCRAM SHA512 authentication
 * failed: …", "Connection error: self-signed certificate in certificate chain") stay in the text.
 */
export function connectionRefusal(connectionName: string, err: Error): string | null {
  const of = `Kafka connection "${connectionName}"`;
  if (codeOf(err) === CONNECT_DENIED) {
    return err.message.replace(/^Connection error: /, "");
  }
  if (err.name === "KafkaJSSASLAuthenticationError") {
    return `${of}: the broker refused the credentials (${err.message}); check the SASL mechanism, username and password`;
  }
  const code = codeOf(err);
  if (code && UNTRUSTED.has(code)) {
    return `${of}: the broker's TLS certificate is not trusted (${err.message}); give the connection the CA certificate that signed it`;
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return `${of}: the broker's TLS certificate is not valid now (${err.message})`;
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `${of}: the broker's TLS certificate is not for the address in the broker list (${err.message})`;
  }
  if (/before secure TLS connection was established/.test(err.message)) {
    return `${of}: the broker did not answer the TLS handshake (${err.message}); is TLS on for this listener?`;
  }
  return null;
}

type Connectable = { connect(): Promise<void> };

function explainConnect<T extends Connectable>(client: T, connectionName: string): T {
  const connect = client.connect.bind(client);
  client.connect = async () => {
    try {
      await connect();
    } catch (err) {
      const refusal = err instanceof Error ? connectionRefusal(connectionName, err) : null;
      if (!refusal) {
        throw err;
      }
      const explained = new Error(refusal, { cause: err });
      explained.name = (err as Error).name;
      throw explained;
    }
  };
  return client;
}

/**
 * The client, with `connect()` of its producers, consumers and admins failing with {@link connectionRefusal}'s words
 * when the broker refuses the connection. Every caller (connection test, topic list, sample, task, dead-letter
 * producer) then reports the same, clear reason.
 */
export function explainingRefusals(kafka: Kafka, connectionName: string): Kafka {
  const { producer, consumer, admin } = kafka;
  kafka.producer = (config) => explainConnect(producer.call(kafka, config), connectionName);
  kafka.consumer = (config) => explainConnect(consumer.call(kafka, config), connectionName);
  kafka.admin = (config) => explainConnect(admin.call(kafka, config), connectionName);
  return kafka;
}
