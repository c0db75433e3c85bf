import { createServer, type Server, type Socket } from "node:net";
import { fetchSchemaById, probeRegistry, RegistryError, registryClient } from "@outflow/connectors/schema-registry-client";
import type { SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { SECURED_ES, securedElasticsearch } from "@outflow/testing/secured-elasticsearch";
import { freePort, SERVICES, uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TestResult = { ok: boolean; error?: string; details?: Record<string, unknown> };

const registry = (urls: string[], name = "sr"): SchemaRegistryConnectionInput => ({ kind: "schema_registry", name, urls, auth: { type: "none" } });

/** Registers an Avro schema under `subject` on the test registry; its id. */
async function registerAvro(subject: string, fields: { name: string; type: string }[]): Promise<number> {
  const schema = JSON.stringify({ type: "record", name: "Order", namespace: "outflow.test", fields });
  const res = await fetch(`${SERVICES.schemaRegistryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: "POST",
    headers: { "Content-Type": "application/vnd.schemaregistry.v1+json" },
    body: JSON.stringify({ schema }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: number }).id;
}

/** A Confluent-compatible registry (Apicurio, scripts/services/schema-registry.sh) and what is not one. */
describe("schema registry connections", () => {
  describe("the client, on the real registry", () => {
    let silent: Server;
    let silentUrl = "";
    const sockets: Socket[] = [];
    beforeAll(async () => {
      // Accepts connections and never answers.
      silent = createServer((s) => sockets.push(s));
      await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
      const address = silent.address();
      silentUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => {
      for (const s of sockets) {
        s.destroy();
      }
      silent?.close();
    });

    it("tests OK, saying what it found: a Confluent-compatible registry and how many subjects", async () => {
      const subject = uniqueName("it-sr-orders-value");
      await registerAvro(subject, [{ name: "id", type: "string" }]);
      const subjects = (await (await fetch(`${SERVICES.schemaRegistryUrl}/subjects`)).json()) as string[];
      const r = await probeRegistry(registry([SERVICES.schemaRegistryUrl]));
      // Other tests may register subjects meanwhile: at least the ones listed before.
      expect(r).toMatchObject({ ok: true, compatibility: "NONE" });
      expect(r.ok && r.subjects).toBeGreaterThanOrEqual(subjects.length);
      expect(r.ok && r.summary).toBe(`${r.ok && r.server} (Confluent-compatible API), ${r.ok && r.subjects} subject${r.ok && r.subjects === 1 ? "" : "s"}`);
      expect(r.ok && r.server).toMatch(/^Apicurio Registry \d+\.\d+\.\d+/);
    });

    it("fetches a schema by id (type, text), the same request for concurrent asks, and says so when the id is unknown", async () => {
      const subject = uniqueName("it-sr-fetch-value");
      const id = await registerAvro(subject, [
        { name: "id", type: "string" },
        { name: "amount", type: "double" },
      ]);
      const conn = registry([SERVICES.schemaRegistryUrl]);
      const schema = await fetchSchemaById(conn, id);
      expect(schema.schemaType).toBe("AVRO");
      expect(JSON.parse(schema.schema)).toMatchObject({ type: "record", name: "Order", fields: [{ name: "id" }, { name: "amount" }] });
      expect(registryClient(conn).schemaById(id)).toBe(registryClient({ ...conn }).schemaById(id));
      expect(await registryClient(conn).subjectVersion(subject, "latest")).toMatchObject({ subject, version: 1, id, schemaType: "AVRO" });

      const unknown = await fetchSchemaById(conn, 987_654).catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(RegistryError);
      expect(unknown).toMatchObject({
        category: "schema_not_found",
        status: 404,
        message: 'Schema registry connection "sr": the registry has no schema with id 987654',
      });
    });

    it("uses the next URL when the first refuses", async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      expect(await probeRegistry(registry([closed, SERVICES.schemaRegistryUrl]))).toMatchObject({ ok: true });
    });

    it("categorises what is not a registry there: refused, unreachable, timed out, Elasticsearch, Apicurio without its API path", async () => {
      const port = await freePort();
      const cases: [string, string, RegExp][] = [
        [
          `http://127.0.0.1:${port}`,
          "refused",
          new RegExp(`^Schema registry connection "sr": refused: nothing accepts connections at http://127.0.0.1:${port}$`),
        ],
        ["http://registry.invalid:8081", "unreachable", /^Schema registry connection "sr": unreachable: http:\/\/registry\.invalid:8081 could not be reached/],
        [silentUrl, "timed_out", /^Schema registry connection "sr": timed out: http:\/\/127\.0\.0\.1:\d+ did not answer in time$/],
        [
          SERVICES.elasticsearchUrl,
          "not_registry",
          /^Schema registry connection "sr": no Confluent-compatible schema registry API at http:\/\/127\.0\.0\.1:9200: GET \/subjects answered HTTP 404/,
        ],
        [
          SERVICES.schemaRegistryUrl.replace(/\/apis\/ccompat\/v7$/, ""),
          "not_registry",
          /answered HTTP 404 \(Apicurio Registry serves it under \/apis\/ccompat\/v7\)$/,
        ],
      ];
      for (const [url, category, message] of cases) {
        const r = await probeRegistry(registry([url]), 1_500);
        expect([url, r.ok]).toEqual([url, false]);
        if (!r.ok) {
          expect([url, r.failure.category]).toEqual([url, category]);
          expect(r.failure.message).toMatch(message);
        }
      }
    });

    it("says tls when the certificate is not trusted, and credentials when a trusted server refuses them (the secured Elasticsearch over HTTPS)", async () => {
      await securedElasticsearch.up();
      const untrusted = await probeRegistry(registry([SECURED_ES.url]));
      expect(untrusted).toMatchObject({ ok: false, failure: { category: "tls" } });
      expect(!untrusted.ok && untrusted.failure.message).toMatch(
        /^Schema registry connection "sr": the registry's TLS certificate is not trusted \(.+\); give the connection the CA certificate that signed it$/,
      );
      const wrongCa = await probeRegistry({ ...registry([SECURED_ES.url]), tls: { rejectUnauthorized: true, ca: await securedElasticsearch.untrustedCa() } });
      expect(wrongCa).toMatchObject({ ok: false, failure: { category: "tls" } });
      const refused = await probeRegistry({
        ...registry([SECURED_ES.url]),
        auth: { type: "basic", username: "elastic", password: "wrong-password" },
        tls: { rejectUnauthorized: true, ca: await securedElasticsearch.ca() },
      });
      expect(refused).toMatchObject({
        ok: false,
        failure: {
          category: "credentials",
          status: 401,
          message: 'Schema registry connection "sr": credentials refused (HTTP 401); check the username and password or the token',
        },
      });
    });
  });

  describe("through the API", () => {
    const suite = new OutflowSuite("it-sr");
    beforeAll(suite.start);
    afterAll(suite.stop);

    it("tests unsaved and saved registry settings, keeping the last test with the connection", async () => {
      const input = { kind: "schema_registry", name: uniqueName("sr"), urls: [SERVICES.schemaRegistryUrl] };
      const unsaved = await suite.api.post<TestResult>("/api/connections/test", input);
      expect(unsaved).toMatchObject({ ok: true, details: { registry: expect.stringMatching(/Confluent-compatible API\), \d+ subjects?$/) } });
      const saved = await suite.api.post<{ id: string; lastTest: unknown }>("/api/connections", input);
      expect(saved.lastTest).toBeNull();
      await suite.api.post(`/api/connections/${saved.id}/test`);
      const after = await suite.api.get<{ lastTest: TestResult }>(`/api/connections/${saved.id}`);
      expect(after.lastTest).toMatchObject({ ok: true, details: { registry: expect.any(String) } });

      const es = await suite.api.post<TestResult>("/api/connections/test", { ...input, urls: [SERVICES.elasticsearchUrl] });
      expect(es).toMatchObject({ ok: false, details: { category: "not_registry", status: 404 } });
      expect(es.error).toMatch(new RegExp(`^Schema registry connection "${input.name}": no Confluent-compatible schema registry API at`));
    });

    it("keeps the password and token write-only: never returned, flagged as set", async () => {
      const basic = await suite.api.post<Record<string, unknown>>("/api/connections", {
        kind: "schema_registry",
        name: uniqueName("sr-basic"),
        urls: [SERVICES.schemaRegistryUrl],
        auth: { type: "basic", username: "reader", password: "sr-pass-canary" },
      });
      const bearer = await suite.api.post<Record<string, unknown>>("/api/connections", {
        kind: "schema_registry",
        name: uniqueName("sr-bearer"),
        urls: [SERVICES.schemaRegistryUrl],
        auth: { type: "bearer", token: "sr-token-canary" },
      });
      expect(basic.auth).toEqual({ type: "basic", username: "reader", hasPassword: true });
      expect(bearer.auth).toEqual({ type: "bearer", hasToken: true });
      const listed = JSON.stringify(await suite.api.get("/api/connections?limit=200"));
      expect(listed).not.toContain("sr-pass-canary");
      expect(listed).not.toContain("sr-token-canary");
      // A new URL is a new destination: the stored token is not sent there unless given again.
      const moved = await suite.api.expectError("PATCH", `/api/connections/${bearer.id}`, { urls: ["http://127.0.0.1:18081"] });
      expect([moved.status, moved.body.error?.issues]).toEqual([
        422,
        [{ field: "auth.token", message: "Send the token again: the destination changed, so the stored one is not sent to it" }],
      ]);
    });

    it("lets a Kafka connection name a registry, refuses one that is not a registry (naming the field), and keeps a registry in use", async () => {
      const reg = await suite.api.post<{ id: string; name: string }>("/api/connections", {
        kind: "schema_registry",
        name: uniqueName("sr-used"),
        urls: [SERVICES.schemaRegistryUrl],
      });
      const es = await suite.api.post<{ id: string; name: string }>("/api/connections", {
        kind: "elasticsearch",
        name: uniqueName("es-not-sr"),
        nodes: [SERVICES.elasticsearchUrl],
      });
      const kafka = { kind: "kafka", name: uniqueName("k-sr"), brokers: SERVICES.kafkaBrokers };

      const notRegistry = await suite.api.expectError("POST", "/api/connections", { ...kafka, schemaRegistryId: es.id });
      expect([notRegistry.status, notRegistry.body.error?.issues]).toEqual([
        422,
        [
          {
            field: "schemaRegistryId",
            message: `Connection "${es.name}" is an Elasticsearch connection, not a schema registry`,
            key: "server.notARegistry",
            params: { name: es.name, kind: "elasticsearch" },
          },
        ],
      ]);
      const missing = await suite.api.expectError("POST", "/api/connections", { ...kafka, schemaRegistryId: "no-such-id" });
      expect([missing.status, missing.body.error?.issues]).toEqual([
        422,
        [{ field: "schemaRegistryId", message: 'No connection with id "no-such-id"', key: "server.connectionNotFound", params: { id: "no-such-id" } }],
      ]);

      const k = await suite.api.post<{ id: string; schemaRegistryId?: string }>("/api/connections", { ...kafka, schemaRegistryId: reg.id });
      expect(k.schemaRegistryId).toBe(reg.id);
      const patched = await suite.api.expectError("PATCH", `/api/connections/${k.id}`, { schemaRegistryId: es.id });
      expect(patched.body.error?.issues).toEqual([expect.objectContaining({ field: "schemaRegistryId" })]);

      const inUse = await suite.api.expectError("DELETE", `/api/connections/${reg.id}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.error?.message).toBe(`Schema registry is used by 1 Kafka connection(s): ${kafka.name}; pick another registry for them first`);
      await suite.api.patch(`/api/connections/${k.id}`, { schemaRegistryId: null });
      await suite.api.delete(`/api/connections/${reg.id}`);
    });

    it("an edit of a registry restarts the tasks on the Kafka connections that name it", async () => {
      const reg = await suite.api.post<{ id: string; name: string }>("/api/connections", {
        kind: "schema_registry",
        name: uniqueName("sr-edited"),
        urls: [SERVICES.schemaRegistryUrl],
      });
      const k = await suite.api.post<{ id: string }>("/api/connections", {
        kind: "kafka",
        name: uniqueName("k-named-sr"),
        brokers: SERVICES.kafkaBrokers,
        schemaRegistryId: reg.id,
      });
      const es = await suite.api.post<{ id: string }>("/api/connections", {
        kind: "elasticsearch",
        name: uniqueName("es-sr"),
        nodes: [SERVICES.elasticsearchUrl],
      });
      const task = await suite.api.post<{ id: string }>("/api/tasks", {
        name: uniqueName("task on k-named-sr"),
        config: { source: { connectionId: k.id, topics: [uniqueName("t")] }, sink: { connectionId: es.id, index: uniqueName("i") } },
      });
      await suite.api.patch(`/api/connections/${reg.id}`, {
        urls: [`${SERVICES.schemaRegistryUrl}/`, SERVICES.schemaRegistryUrl.replace("127.0.0.1", "localhost")],
      });
      const events = await suite.outflow.events(task.id);
      expect(events.filter((e) => e.kind === "updated").map((e) => e.message)).toEqual([
        expect.stringMatching(new RegExp(`^Connection ${reg.name} was edited: consumers restart with it`)),
      ]);
    });
  });
});
