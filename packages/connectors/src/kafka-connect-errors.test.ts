import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSSASLAuthenticationError } from "kafkajs";
import { describe, expect, it } from "vitest";
import { connectionRefusal } from "./kafka-connect-errors";

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
