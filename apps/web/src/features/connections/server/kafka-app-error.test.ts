import { kafkaFailure } from "@outflow/connectors/kafka-connect-errors";
import type { KafkaConnectionInput } from "@outflow/schemas/connection";
import { describe, expect, it } from "vitest";
import { catalogueMessage, localizeError } from "../../../lib/http/localize-error";
import { failedKafkaTest, kafkaAppError, kafkaFailureWords } from "./kafka-app-error";

const err = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);
const closed = err("Closed connection", { name: "KafkaJSConnectionClosedError" });
const uses = (tls: boolean, sasl: boolean) => ({ tls, sasl });

/** One failure of each kind kafkaFailure words (with its connection's TLS and SASL use), and the sentence's name. */
const FAILURES: [string, unknown, { tls: boolean; sasl: boolean }][] = [
  [
    "kafkaCredentialsRefused",
    err("SASL PLAIN authentication failed: Invalid username or password", { name: "KafkaJSSASLAuthenticationError" }),
    uses(false, true),
  ],
  ["kafkaCertUntrusted", err("Connection error: self-signed certificate in certificate chain", { code: "SELF_SIGNED_CERT_IN_CHAIN" }), uses(true, false)],
  ["kafkaCertNotValidNow", err("Connection error: certificate has expired", { code: "CERT_HAS_EXPIRED" }), uses(true, false)],
  [
    "kafkaCertWrongHost",
    err("Connection error: Hostname/IP does not match certificate's altnames", { code: "ERR_TLS_CERT_ALTNAME_INVALID" }),
    uses(true, false),
  ],
  ["kafkaNoTlsHandshake", err("Client network socket disconnected before secure TLS connection was established"), uses(true, false)],
  ["kafkaTlsFailed", err("Connection error: write EPROTO", { code: "EPROTO" }), uses(true, false)],
  ["kafkaAclDenied", err("Topic authorization failed", { type: "TOPIC_AUTHORIZATION_FAILED" }), uses(false, false)],
  ["kafkaRefused", err("Connection error: connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED" }), uses(false, false)],
  ["kafkaUnreachable", err("Connection error: getaddrinfo ENOTFOUND kafka.invalid", { code: "ENOTFOUND" }), uses(false, false)],
  ["kafkaTimedOut", err("Connection timeout"), uses(false, false)],
  ["kafkaNotKafka", closed, uses(true, true)],
  ["kafkaNotKafkaNoTls", closed, uses(false, true)],
  ["kafkaNotKafkaNoSasl", closed, uses(true, false)],
  ["kafkaNotKafkaNoTlsNoSasl", closed, uses(false, false)],
  ["kafkaFailed", err("Something else broke"), uses(false, false)],
];

describe("Kafka failures in the console's language", () => {
  it.each(FAILURES)(
    "%s: the catalogue's English is kafkaFailure's sentence, byte for byte; Chinese keeps the connection and kafkajs' words",
    (key, cause, u) => {
      const f = kafkaFailure("prod", cause, u);
      const words = kafkaFailureWords(f);
      expect(words?.key).toBe(key);
      expect(catalogueMessage(`server.${key}`, words?.params ?? {}, "en")).toBe(f.message);
      const zh = catalogueMessage(`server.${key}`, words?.params ?? {}, "zh-CN");
      expect(zh).toContain("“prod”");
      if (cause instanceof Error && words?.params.detail !== undefined) {
        expect(zh).toContain(words.params.detail);
      }
    },
  );

  const conn = { kind: "kafka", name: "prod", brokers: ["127.0.0.1:1"] } as unknown as KafkaConnectionInput;
  const refused = err("Connection error: connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED" });

  it("the API's error carries the key and arguments; the console words it in Chinese", () => {
    const e = kafkaAppError(conn, refused).toResponse().error;
    expect(e).toMatchObject({ code: "bad_gateway", key: "kafkaRefused", params: { connection: "prod", detail: refused.message } });
    expect(localizeError({ ...e, issues: [] }, "zh-CN").message).toBe(
      "Kafka 连接“prod”：Broker 地址上没有服务接受连接（Connection error: connect ECONNREFUSED 127.0.0.1:1）；请检查 Broker 列表以及 Broker 是否已启动",
    );
  });

  it("a failed test keeps the English error and adds the key and arguments to its details", () => {
    expect(failedKafkaTest(conn, refused, 5)).toEqual({
      ok: false,
      latencyMs: 5,
      error: kafkaFailure("prod", refused).message,
      details: { category: "refused", messageKey: "kafkaRefused", params: { connection: "prod", detail: refused.message } },
    });
    const denied = err('Connection error: Kafka connection "prod": host 10.0.0.1 is denied; not connecting', { code: "EOUTFLOW_CONNECT_DENIED" });
    expect(failedKafkaTest(conn, denied, 5).details).toEqual({ category: "denied" });
  });
});
