import type { Connection } from "@outflow/schemas/connection";
import { describe, expect, it } from "vitest";
import { emptyForm, formFromConnection, hasKeptSecrets, toInput, toPatch, validateForm } from "./connection-form-model";

const base = { id: "c1", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", lastTest: null };
const es: Connection = {
  ...base,
  kind: "elasticsearch",
  name: "logs",
  nodes: ["http://es:9200"],
  auth: { type: "basic", username: "elastic", hasPassword: true },
};
const kafka: Connection = {
  ...base,
  kind: "kafka",
  name: "k",
  brokers: ["a:9092", "b:9092"],
  sasl: { mechanism: "scram-sha-512", username: "u", hasPassword: true },
};

describe("connection form", () => {
  it("creates the API's input from the form", () => {
    const form = {
      ...emptyForm("kafka"),
      name: "prod",
      endpoints: "a:9092\nb:9092, c:9092",
      saslMechanism: "plain" as const,
      saslUsername: "u",
      saslPassword: "p",
    };
    expect(toInput(form)).toEqual({
      kind: "kafka",
      name: "prod",
      brokers: ["a:9092", "b:9092", "c:9092"],
      sasl: { mechanism: "plain", username: "u", password: "p" },
    });
  });

  it("leaves an unchanged stored secret out of the patch (the server keeps it)", () => {
    const { form } = formFromConnection(es);
    expect(toPatch(es, { ...form, name: "renamed" })).toEqual({ name: "renamed" });
    expect(toPatch(es, { ...form, esPassword: "new" })).toEqual({ auth: { password: "new" } });
  });

  it("sets and takes back the admin's leave for reserved names, and keeps it when the form leaves it alone", () => {
    const { form } = formFromConnection(kafka);
    expect(toPatch(kafka, { ...form, reservedNames: true })).toEqual({ allowInternalTopics: true });
    const allowed: Connection = { ...kafka, allowInternalTopics: true };
    expect(formFromConnection(allowed).form.reservedNames).toBe(true);
    expect(toPatch(allowed, { ...formFromConnection(allowed).form, name: "renamed" })).toEqual({ name: "renamed" });
    expect(toPatch(allowed, { ...formFromConnection(allowed).form, reservedNames: false })).toEqual({ allowInternalTopics: null });
    expect(toPatch(es, { ...formFromConnection(es).form, reservedNames: true })).toEqual({ allowSystemIndices: true });
    expect(validateForm({ ...formFromConnection(es).form, reservedNames: true }, { esPassword: true })).toEqual({});
  });

  it("sends null for what a switched auth type no longer has", () => {
    const { form } = formFromConnection(es);
    expect(toPatch(es, { ...form, authType: "apiKey", apiKey: "k" })).toEqual({ auth: { type: "apiKey", apiKey: "k", username: null, password: null } });
    expect(toPatch(es, { ...form, authType: "none" })).toEqual({ auth: { type: "none", username: null, password: null } });
  });

  it("removes SASL with null", () => {
    const { form } = formFromConnection(kafka);
    expect(toPatch(kafka, { ...form, saslMechanism: "" })).toEqual({ sasl: null });
  });

  it("validates with a kept secret as present, and knows the test must use the saved settings", () => {
    const { form, stored } = formFromConnection(es);
    expect(validateForm(form, stored)).toEqual({});
    expect(hasKeptSecrets(form, stored)).toBe(true);
    expect(hasKeptSecrets({ ...form, esPassword: "typed" }, stored)).toBe(false);
    expect(validateForm({ ...form, endpoints: "not a url" }, stored).endpoints?.[0]?.message).toMatch(/http/);
  });
});

describe("schema registry connection form", () => {
  const registry: Connection = {
    ...base,
    kind: "schema_registry",
    name: "sr",
    urls: ["https://sr:8081"],
    auth: { type: "bearer", hasToken: true },
  };

  it("creates the registry's input (URLs, bearer token) and a Kafka connection's registry", () => {
    const form = { ...emptyForm("schema_registry"), name: "sr", endpoints: "https://a:8081\nhttps://b:8081", authType: "bearer" as const, token: "t" };
    expect(toInput(form)).toEqual({ kind: "schema_registry", name: "sr", urls: ["https://a:8081", "https://b:8081"], auth: { type: "bearer", token: "t" } });
    expect(toInput({ ...emptyForm("kafka"), name: "k", schemaRegistryId: "sr1" })).toMatchObject({ schemaRegistryId: "sr1" });
    expect(toInput({ ...emptyForm("kafka"), name: "k" })).not.toHaveProperty("schemaRegistryId");
  });

  it("keeps a stored token out of the patch, and sends a new one; removing the registry of a Kafka connection sends null", () => {
    const { form, stored } = formFromConnection(registry);
    expect(stored).toEqual({ key: false, esPassword: false, token: true });
    expect(hasKeptSecrets(form, stored)).toBe(true);
    expect(toPatch(registry, { ...form, name: "sr2" })).toEqual({ name: "sr2" });
    expect(toPatch(registry, { ...form, token: "new" })).toEqual({ auth: { token: "new" } });
    const withRegistry: Connection = { ...kafka, schemaRegistryId: "sr1" };
    expect(toPatch(withRegistry, { ...formFromConnection(withRegistry).form, schemaRegistryId: "" })).toEqual({ schemaRegistryId: null });
  });

  it("shows the API's issues on the registry's fields", () => {
    const errors = validateForm({ ...emptyForm("schema_registry"), name: "sr", endpoints: "ftp://x", authType: "bearer" }, {});
    expect(Object.keys(errors).sort()).toEqual(["endpoints", "token"]);
  });
});
