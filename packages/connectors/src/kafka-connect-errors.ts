import type { Kafka } from "kafkajs";
import { CONNECT_DENIED } from "./connect-guard";
import type { SentenceWords } from "./sentence-words";
import { UNTRUSTED_CERT_CODES } from "./untrusted-cert-codes";

const codeOf = (err: Error): string | undefined => {
  const own = (err as { code?: unknown }).code;
  const cause = (err as { cause?: { code?: unknown } }).cause?.code;
  return typeof own === "string" ? own : typeof cause === "string" ? cause : undefined;
};

/**
 * A Kafka failure's sentence by its name in the console's `errors` catalogue (`server.<key>`), with the arguments it
 * names: `connection` (its name) and `detail` (kafkajs' or Node's own words, shown as they are).
 */
export type KafkaSentence =
  | "kafkaCredentialsRefused"
  | "kafkaCertUntrusted"
  | "kafkaCertNotValidNow"
  | "kafkaCertWrongHost"
  | "kafkaNoTlsHandshake"
  | "kafkaCredentials"
  | "kafkaTlsFailed"
  | "kafkaAclDenied"
  | "kafkaRefused"
  | "kafkaUnreachable"
  | "kafkaTimedOut"
  | "kafkaNotKafka"
  | "kafkaNotKafkaNoTls"
  | "kafkaNotKafkaNoSasl"
  | "kafkaNotKafkaNoTlsNoSasl"
  | "kafkaFailed";
export type KafkaWords = SentenceWords<KafkaSentence>;

const words = (key: KafkaSentence, connection: string, detail?: string): KafkaWords => ({
  key,
  params: detail === undefined ? { connection } : { connection, detail },
});

/** A refusal's sentence and its words (see connectionRefusal); null for any other error. */
function refusalOf(connectionName: string, err: Error): { message: string; words: KafkaWords } | null {
  const of = `Kafka connection "${connectionName}"`;
  const said = (key: KafkaSentence, message: string) => ({ message, words: words(key, connectionName, err.message) });
  if (err.name === "KafkaJSSASLAuthenticationError") {
    return said("kafkaCredentialsRefused", `${of}: the broker refused the credentials (${err.message}); check the SASL mechanism, username and password`);
  }
  const code = codeOf(err);
  if (code && UNTRUSTED_CERT_CODES.has(code)) {
    return said(
      "kafkaCertUntrusted",
      `${of}: the broker's TLS certificate is not trusted (${err.message}); give the connection the CA certificate that signed it`,
    );
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return said("kafkaCertNotValidNow", `${of}: the broker's TLS certificate is not valid now (${err.message})`);
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return said("kafkaCertWrongHost", `${of}: the broker's TLS certificate is not for the address in the broker list (${err.message})`);
  }
  if (/before secure TLS connection was established/.test(err.message)) {
    return said("kafkaNoTlsHandshake", `${of}: the broker did not answer the TLS handshake (${err.message}); is TLS on for this listener?`);
  }
  return null;
}

/**
 * What a user must fix when the broker refuses a Kafka connection (credentials, TLS trust, TLS on a listener without
 * it), naming the connection; null for any other error. kafkajs' own messages ("SASL SCRAM SHA512 authentication
 * failed: …", "Connection error: self-signed certificate in certificate chain") stay in the text.
 */
export function connectionRefusal(connectionName: string, err: Error): string | null {
  if (codeOf(err) === CONNECT_DENIED) {
    return err.message.replace(/^Connection error: /, "");
  }
  return refusalOf(connectionName, err)?.message ?? null;
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

/** What went wrong talking to Kafka, in the search side's categories (search-failure.ts). */
export type KafkaFailureCategory = "refused" | "unreachable" | "credentials" | "tls" | "timed_out" | "denied" | "not_kafka";
/** `words` say `message` for a console in another language (none for the connect policy's refusal: its own words). */
export type KafkaFailure = { category: KafkaFailureCategory; message: string; words?: KafkaWords };

const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN"]);
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|EPROTO$)/;
const ACL = /_AUTHORIZATION_FAILED$/;

/** The error and what it wraps (kafkajs' retries keep the socket's error in `cause`, some in `originalError`). */
function chainOf(err: unknown): Error[] {
  const out: Error[] = [];
  let at: unknown = err;
  while (at instanceof Error && out.length < 6 && !out.includes(at)) {
    out.push(at);
    at = (at as { cause?: unknown }).cause ?? (at as { originalError?: unknown }).originalError;
  }
  return out;
}

/**
 * A Kafka connection's failure as a category and one sentence naming the connection and what to check; `uses` says
 * whether the connection has TLS and SASL (a broker that closes the connection without answering wants them, or is
 * not Kafka).
 */
export function kafkaFailure(connectionName: string, err: unknown, uses: { tls: boolean; sasl: boolean } = { tls: false, sasl: false }): KafkaFailure {
  const of = `Kafka connection "${connectionName}"`;
  const chain = chainOf(err);
  const top = chain[0] ?? new Error(String(err));
  const codes = chain.map(codeOf).filter((c): c is string => c !== undefined);
  const names = chain.map((e) => e.name);
  const types = chain.map((e) => (e as { type?: unknown }).type).filter((t): t is string => typeof t === "string");
  const innermost = (chain.at(-1) ?? top).message;
  if (codes.includes(CONNECT_DENIED)) {
    return { category: "denied", message: (chain.find((e) => codeOf(e) === CONNECT_DENIED) ?? top).message.replace(/^Connection error: /, "") };
  }
  // connect() may have put the words in already (explainingRefusals: the sentence, with kafkajs' error as its cause);
  // else they are made here.
  const explained = top.message.startsWith(of);
  const refusal = (explained ? chain.slice(1) : chain).map((e) => refusalOf(connectionName, e)).find((r) => r !== null) ?? null;
  const said = (category: KafkaFailureCategory, key: KafkaSentence, message: string, detail?: string): KafkaFailure => ({
    category,
    message,
    words: words(key, connectionName, detail),
  });
  const refused = (category: KafkaFailureCategory, otherwise: KafkaFailure): KafkaFailure =>
    refusal && (!explained || refusal.message === top.message)
      ? { category, message: refusal.message, words: refusal.words }
      : explained
        ? { category, message: top.message }
        : otherwise;
  if (names.includes("KafkaJSSASLAuthenticationError")) {
    return refused("credentials", said("credentials", "kafkaCredentials", `${of}: the broker refused the credentials (${innermost})`, innermost));
  }
  if (codes.some((c) => TLS_CODES.test(c) || UNTRUSTED_CERT_CODES.has(c)) || /before secure TLS connection was established/.test(innermost)) {
    return refused("tls", said("tls", "kafkaTlsFailed", `${of}: TLS failed (${innermost})`, innermost));
  }
  const acl = types.find((t) => ACL.test(t));
  if (acl) {
    return said("credentials", "kafkaAclDenied", `${of}: the broker refused this user the operation (${acl}); check the user's ACLs`, acl);
  }
  if (codes.includes("ECONNREFUSED")) {
    return said(
      "refused",
      "kafkaRefused",
      `${of}: nothing accepts connections at the broker address (${innermost}); check the broker list and that the brokers are up`,
      innermost,
    );
  }
  if (codes.some((c) => UNREACHABLE.has(c))) {
    return said(
      "unreachable",
      "kafkaUnreachable",
      `${of}: the broker address cannot be reached (${innermost}); check the host names and the network`,
      innermost,
    );
  }
  if (names.includes("KafkaJSRequestTimeoutError") || codes.includes("ETIMEDOUT") || /Connection timeout|timed out/i.test(innermost)) {
    return said("timed_out", "kafkaTimedOut", `${of}: the broker did not answer in time (${innermost})`, innermost);
  }
  if (names.includes("KafkaJSConnectionClosedError") || /Closed connection/.test(innermost)) {
    const wants =
      uses.tls && uses.sasl ? "" : ` (this connection uses ${[uses.tls ? null : "no TLS", uses.sasl ? null : "no SASL"].filter(Boolean).join(" and ")})`;
    const key: KafkaSentence = uses.tls ? (uses.sasl ? "kafkaNotKafka" : "kafkaNotKafkaNoSasl") : uses.sasl ? "kafkaNotKafkaNoTls" : "kafkaNotKafkaNoTlsNoSasl";
    return said(
      "not_kafka",
      key,
      `${of}: the server closed the connection without a Kafka answer: the address is not a Kafka listener, or the listener wants TLS or SASL${wants}`,
    );
  }
  return said("unreachable", "kafkaFailed", `${of}: ${top.message}`, top.message);
}
