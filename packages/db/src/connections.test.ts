import { ConnectionInput } from "@outflow/schemas/connection";
import { describe, expect, it } from "vitest";
import { joinSecrets, splitSecrets } from "./connections";

const kafka = ConnectionInput.parse({
  kind: "kafka",
  name: "prod kafka",
  brokers: ["k1:9092"],
  sasl: { mechanism: "scram-sha-512", username: "svc", password: "s3cret" },
  tls: { enabled: true, key: "-----BEGIN PRIVATE KEY-----" },
});
const elastic = ConnectionInput.parse({
  kind: "elasticsearch",
  name: "es",
  nodes: ["https://es:9200"],
  auth: { type: "basic", username: "elastic", password: "pw" },
});
const elasticKey = ConnectionInput.parse({ kind: "elasticsearch", name: "es", nodes: ["https://es:9200"], auth: { type: "apiKey", apiKey: "k3y" } });
const registryBasic = ConnectionInput.parse({
  kind: "schema_registry",
  name: "sr",
  urls: ["https://sr:8081"],
  auth: { type: "basic", username: "u", password: "rpw" },
});
const registryBearer = ConnectionInput.parse({
  kind: "schema_registry",
  name: "sr",
  urls: ["https://sr:8081"],
  auth: { type: "bearer", token: "t0ken" },
  tls: { key: "-----BEGIN PRIVATE KEY-----" },
});

describe("splitSecrets / joinSecrets", () => {
  it("takes every secret out of the settings and puts it back", () => {
    for (const input of [kafka, elastic, elasticKey, registryBasic, registryBearer]) {
      const { settings, secrets } = splitSecrets(input);
      const shown = JSON.stringify(settings);
      for (const secret of ["s3cret", "-----BEGIN PRIVATE KEY-----", "pw", "k3y", "rpw", "t0ken"]) {
        expect(shown).not.toContain(secret);
      }
      expect(settings).not.toHaveProperty("name");
      expect(joinSecrets(input.name, settings, secrets)).toEqual(input);
    }
    expect(splitSecrets(kafka).secrets).toEqual({ saslPassword: "s3cret", tlsKey: "-----BEGIN PRIVATE KEY-----" });
    expect(splitSecrets(elastic).secrets).toEqual({ esPassword: "pw" });
    expect(splitSecrets(elasticKey).secrets).toEqual({ esApiKey: "k3y" });
    expect(splitSecrets(registryBasic).secrets).toEqual({ registryPassword: "rpw" });
    expect(splitSecrets(registryBearer).secrets).toEqual({ registryToken: "t0ken", tlsKey: "-----BEGIN PRIVATE KEY-----" });
  });

  it("leaves the input untouched", () => {
    const before = structuredClone(kafka);
    splitSecrets(kafka);
    expect(kafka).toEqual(before);
  });
});
