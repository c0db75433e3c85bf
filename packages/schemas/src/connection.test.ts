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

describe("schema registry connections", () => {
  const registry = (extra: Record<string, unknown>) =>
    ConnectionInput.safeParse({ kind: "schema_registry", name: "sr", urls: ["http://127.0.0.1:8081"], ...extra });
  const issues = (extra: Record<string, unknown>) => registry(extra).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message }));

  it("takes URLs (trailing slashes dropped), auth none by default, basic or bearer, and TLS with a CA", () => {
    expect(registry({ urls: ["http://127.0.0.1:8081/apis/ccompat/v7/", "https://sr.example.com"] }).data).toEqual({
      kind: "schema_registry",
      name: "sr",
      urls: ["http://127.0.0.1:8081/apis/ccompat/v7", "https://sr.example.com"],
      auth: { type: "none" },
    });
    expect(registry({ auth: { type: "basic", username: "u", password: "p" }, tls: { ca: PEM } }).success).toBe(true);
    expect(registry({ auth: { type: "bearer", token: "t" } }).success).toBe(true);
  });

  it.each([
    [{ urls: [] }, "urls", "Add at least one registry URL"],
    [{ urls: ["ftp://sr:21"] }, "urls.0", "Expected an http(s) URL, e.g. http://127.0.0.1:8081 or http://127.0.0.1:8081/apis/ccompat/v7"],
    [
      { urls: ["http://u:p@sr:8081"] },
      "urls.0",
      "Credentials do not belong in the URL: put them in auth ({ type: basic, username, password } or { type: bearer, token })",
    ],
    [{ urls: ["http://sr:8081/?x=1"] }, "urls.0", "The registry URL takes no query or fragment"],
    [{ auth: { type: "bearer", token: "" } }, "auth.token", "Token is required"],
    [{ auth: { type: "basic", username: "u" } }, "auth.password", "Invalid input: expected string, received undefined"],
    [{ tls: { ca: "not pem" } }, "tls.ca", "Expected PEM certificates (-----BEGIN CERTIFICATE----- …)"],
  ])("refuses %j, naming the field", (extra, path, message) => {
    expect(issues(extra)).toEqual([{ path, message }]);
  });

  it("refuses settings of other kinds (brokers, an API key)", () => {
    expect(registry({ brokers: ["k:9092"] }).success).toBe(false);
    expect(registry({ auth: { type: "apiKey", apiKey: "k" } }).success).toBe(false);
  });

  it("lets a Kafka connection name one by id, not by an empty id", () => {
    const k = (schemaRegistryId: string) => ConnectionInput.safeParse({ kind: "kafka", name: "k", brokers: ["127.0.0.1:9092"], schemaRegistryId });
    expect(k("c1").success).toBe(true);
    expect(k(" ").error?.issues).toEqual([expect.objectContaining({ path: ["schemaRegistryId"], message: "Pick a schema registry connection" })]);
  });
});
