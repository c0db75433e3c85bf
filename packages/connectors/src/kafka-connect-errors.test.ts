import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSSASLAuthenticationError,
} from "kafkajs";
import { describe, expect, it } from "vitest";
import { ConnectDenied } from "./connect-guard";
import { connectionRefusal, kafkaFailure } from "./kafka-connect-errors";

/** What kafkajs throws from connect() after its retries, around the socket's error (as seen on a real broker). */
const afterRetries = (message: string, code: string) =>
  new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError(message, { broker: "127.0.0.1:19193", code } as never), { retryCount: 1, retryTime: 300 });

describe("connectionRefusal", () => {
  it("names the connection and keeps kafkajs' words for refused credentials", () => {
    // (its types declare no arguments; kafkajs passes the message)
    const err = new (KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error)(
      "SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512",
    );
    expect(connectionRefusal("prod", err)).toBe(
      'Kafka connection "prod": the broker refused the credentials (SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512); check the SASL mechanism, username and password',
    );
  });

  it("says which CA to give for an untrusted broker certificate, from the code kafkajs keeps in the cause", () => {
    const err = afterRetries("Connection error: self-signed certificate in certificate chain", "SELF_SIGNED_CERT_IN_CHAIN");
    expect(err.message).toBe("Connection error: self-signed certificate in certificate chain");
    expect(connectionRefusal("prod", err)).toBe(
      'Kafka connection "prod": the broker\'s TLS certificate is not trusted (Connection error: self-signed certificate in certificate chain); give the connection the CA certificate that signed it',
    );
  });

  it("tells a certificate for another name, an expired one, and TLS on a listener without it apart", () => {
    expect(connectionRefusal("c", afterRetries("Connection error: Hostname/IP does not match", "ERR_TLS_CERT_ALTNAME_INVALID"))).toMatch(
      /not for the address in the broker list/,
    );
    expect(connectionRefusal("c", afterRetries("Connection error: certificate has expired", "CERT_HAS_EXPIRED"))).toMatch(/not valid now/);
    expect(
      connectionRefusal("c", afterRetries("Connection error: Client network socket disconnected before secure TLS connection was established", "ECONNRESET")),
    ).toMatch(/did not answer the TLS handshake .*is TLS on for this listener\?$/);
  });

  it("leaves every other error alone (an unreachable broker is not a refusal)", () => {
    expect(connectionRefusal("c", afterRetries("Connection error: connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED"))).toBeNull();
    expect(connectionRefusal("c", new Error("topic(s) not found: x"))).toBeNull();
  });
});

describe("kafkaFailure (the categories of search-failure.ts, a sentence naming the connection)", () => {
  const sasl = new (KafkaJSSASLAuthenticationError as unknown as new (message: string) => Error)(
    "SASL PLAIN authentication failed: Authentication failed: Invalid username or password",
  );

  it("a SASL refusal is `credentials` (not an unanswered broker), with kafkajs' words", () => {
    expect(kafkaFailure("prod", sasl)).toEqual({
      category: "credentials",
      message:
        'Kafka connection "prod": the broker refused the credentials (SASL PLAIN authentication failed: Authentication failed: Invalid username or password); check the SASL mechanism, username and password',
      words: {
        key: "kafkaCredentialsRefused",
        params: { connection: "prod", detail: "SASL PLAIN authentication failed: Authentication failed: Invalid username or password" },
      },
    });
    // As connect() has already explained it (explainingRefusals): the same sentence, not said twice, and its words.
    const explained = Object.assign(new Error(connectionRefusal("prod", sasl) as string, { cause: sasl }), { name: sasl.name });
    expect(kafkaFailure("prod", explained)).toEqual(kafkaFailure("prod", sasl));
    // Explained in words this version would not say: the sentence as it came, without words.
    const older = Object.assign(new Error('Kafka connection "prod": refused', { cause: sasl }), { name: sasl.name });
    expect(kafkaFailure("prod", older)).toEqual({ category: "credentials", message: 'Kafka connection "prod": refused' });
  });

  it("TLS trust, nothing listening, an unknown host, a timeout: tls, refused, unreachable, timed_out", () => {
    expect(kafkaFailure("c", afterRetries("Connection error: self-signed certificate in certificate chain", "SELF_SIGNED_CERT_IN_CHAIN"))).toMatchObject({
      category: "tls",
      message: expect.stringMatching(/^Kafka connection "c": the broker's TLS certificate is not trusted .*give the connection the CA certificate/),
      words: { key: "kafkaCertUntrusted", params: { connection: "c" } },
    });
    expect(kafkaFailure("c", afterRetries("Connection error: connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED"))).toEqual({
      category: "refused",
      message:
        'Kafka connection "c": nothing accepts connections at the broker address (Connection error: connect ECONNREFUSED 127.0.0.1:1); check the broker list and that the brokers are up',
      words: { key: "kafkaRefused", params: { connection: "c", detail: "Connection error: connect ECONNREFUSED 127.0.0.1:1" } },
    });
    expect(kafkaFailure("c", afterRetries("Connection error: getaddrinfo ENOTFOUND kafka.invalid", "ENOTFOUND")).category).toBe("unreachable");
    const timeout = new KafkaJSRequestTimeoutError("Request Metadata(key: 3, version: 6) timed out", {} as never);
    expect(kafkaFailure("c", new KafkaJSNumberOfRetriesExceeded(timeout, { retryCount: 1, retryTime: 300 })).category).toBe("timed_out");
  });

  it("a closed connection without an answer: not_kafka, naming what the connection does not use", () => {
    const closed = new KafkaJSNumberOfRetriesExceeded(Object.assign(new Error("Closed connection"), { name: "KafkaJSConnectionClosedError" }), {
      retryCount: 1,
      retryTime: 300,
    });
    expect(kafkaFailure("c", closed)).toEqual({
      category: "not_kafka",
      message:
        'Kafka connection "c": the server closed the connection without a Kafka answer: the address is not a Kafka listener, or the listener wants TLS or SASL (this connection uses no TLS and no SASL)',
      words: { key: "kafkaNotKafkaNoTlsNoSasl", params: { connection: "c" } },
    });
    expect(kafkaFailure("c", closed, { tls: true, sasl: false }).message).toMatch(/\(this connection uses no SASL\)$/);
  });

  it("the connect policy's refusal is `denied` in its own words; an ACL refusal is `credentials`", () => {
    const denied = new KafkaJSConnectionError(`Connection error: ${new ConnectDenied('Kafka connection "c"', "host 10.0.0.1 is denied").message}`, {
      code: "EOUTFLOW_CONNECT_DENIED",
    } as never);
    expect(kafkaFailure("c", denied)).toEqual({ category: "denied", message: 'Kafka connection "c": host 10.0.0.1 is denied; not connecting' });
    const acl = new KafkaJSProtocolError({
      type: "CLUSTER_AUTHORIZATION_FAILED",
      code: 31,
      retriable: false,
      message: "Cluster authorization failed",
    } as never);
    expect(kafkaFailure("c", acl)).toMatchObject({
      category: "credentials",
      message: expect.stringContaining("CLUSTER_AUTHORIZATION_FAILED"),
      words: { key: "kafkaAclDenied", params: { connection: "c", detail: "CLUSTER_AUTHORIZATION_FAILED" } },
    });
  });
});
