import { describe, expect, it } from "vitest";
import { ConnectionInput } from "./connection";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n";
const kafka = (tls: Record<string, unknown>) => ({ kind: "kafka", name: "k", brokers: ["127.0.0.1:9093"], tls });

describe("connection TLS certificates", () => {
  it("takes PEM certificates for the CA and the client certificate", () => {
    expect(ConnectionInput.safeParse(kafka({ ca: PEM + PEM, cert: PEM })).success).toBe(true);
  });

  it("refuses a CA or certificate that is not PEM (Node would ignore it and trust nothing), naming the field", () => {
    for (const field of ["ca", "cert"]) {
      const r = ConnectionInput.safeParse(kafka({ [field]: "MIIBszCCAVmgAwIBAgIU" }));
      expect(r.success).toBe(false);
      expect(r.error?.issues).toEqual([expect.objectContaining({ path: ["tls", field], message: expect.stringMatching(/^Expected PEM certificates/) })]);
    }
  });
});

describe("Kafka brokers", () => {
  const brokers = (list: string[]) => ConnectionInput.safeParse({ kind: "kafka", name: "k", brokers: list });

  it("takes host:port with a port from 1 to 65535", () => {
    expect(brokers(["127.0.0.1:1", "kafka-1.example.com:65535", "kafka_2:9092"]).success).toBe(true);
  });

  it.each([
    ["127.0.0.1:0", "Port 0 is out of range: a port is 1 to 65535"],
    ["127.0.0.1:99999", "Port 99999 is out of range: a port is 1 to 65535"],
    ["127.0.0.1", "Expected host:port, e.g. 127.0.0.1:9092"],
    ["kafka:port", "Expected host:port, e.g. 127.0.0.1:9092"],
    ["[::1]:9092", "IPv6 broker addresses are not supported (the Kafka client splits host:port at the first ':'); use a host name that resolves to it"],
    ["::1:9092", "IPv6 broker addresses are not supported (the Kafka client splits host:port at the first ':'); use a host name that resolves to it"],
  ])("refuses %s, naming the broker", (broker, message) => {
    expect(brokers(["127.0.0.1:9092", broker]).error?.issues).toEqual([expect.objectContaining({ path: ["brokers", 1], message })]);
  });
});

describe("an admin's leave for reserved names", () => {
  it("is a boolean on each kind of connection", () => {
    expect(ConnectionInput.safeParse({ kind: "kafka", name: "k", brokers: ["k:9092"], allowInternalTopics: true }).success).toBe(true);
    expect(ConnectionInput.safeParse({ kind: "elasticsearch", name: "e", nodes: ["http://e:9200"], allowSystemIndices: true }).success).toBe(true);
    expect(ConnectionInput.safeParse({ kind: "kafka", name: "k", brokers: ["k:9092"], allowSystemIndices: true }).success).toBe(false);
  });
});
