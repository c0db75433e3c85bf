import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic } from "@outflow/testing/kafka";
import { Outflow, type TaskView } from "@outflow/testing/outflow";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type ConnectionView = Record<string, unknown> & { id: string; name: string; kind: string };
type TestResult = { ok: boolean; latencyMs: number; details?: Record<string, unknown>; error?: string };

/** The HTTP API's validation and error answers, connection secrets, and connection tests, on the real services. */
describe.concurrent("HTTP API validation", () => {
  let stack: Stack;
  let api: ApiClient;
  let outflow: Outflow;
  const topic = uniqueName("it-api-t");

  beforeAll(async () => {
    // No worker: nothing here runs a task.
    stack = await Stack.start({ workers: 0 });
    api = stack.api;
    outflow = await Outflow.connect(api);
    await createTopic(topic, 3);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A minimal valid task config with `patch` merged into it (objects merged one level deep). */
  function config(patch: { source?: Record<string, unknown>; sink?: Record<string, unknown>; [k: string]: unknown } = {}): Record<string, unknown> {
    const base = outflow.config({ topics: [topic], index: uniqueName("it-api-i") });
    const { source, sink, ...rest } = patch;
    return { ...base, ...rest, source: { ...(base.source as object), ...source }, sink: { ...(base.sink as object), ...sink } };
  }

  /** Expects the request to fail with this status and, for 422, this first field. */
  async function expectRejected(method: string, path: string, body: unknown, status: number, field?: string) {
    const err = await api.expectError(method, path, body);
    expect(err.status, JSON.stringify(err.body)).toBe(status);
    if (field !== undefined) {
      expect(err.body.error?.field, JSON.stringify(err.body)).toBe(field);
      expect(err.body.error?.issues?.map((i) => i.field)).toContain(field);
    }
    return err.body.error;
  }

  const newTask = (cfg: Record<string, unknown>) => ({ name: uniqueName("task"), config: cfg });

  it("a registry format on a Kafka connection without a registry, and a registry connection as the sink: 422 at the field, in words", async () => {
    const kafkaName = (await api.get<ConnectionView>(`/api/connections/${outflow.kafkaId}`)).name;
    const avro = await expectRejected("POST", "/api/tasks", newTask(config({ parse: { format: { type: "avro" } } })), 422, "config.parse.format");
    expect(avro?.issues?.find((i) => i.field === "config.parse.format")?.message).toBe(
      `avro is read through a schema registry: Kafka connection "${kafkaName}" names none (pick one on the connection, or another format)`,
    );
    await expectRejected("POST", "/api/tasks", newTask(config({ parse: { keyFormat: { type: "protobuf" } } })), 422, "config.parse.keyFormat");
    const registry = await api.post<ConnectionView>("/api/connections", {
      kind: "schema_registry",
      name: uniqueName("it-api-reg"),
      urls: [SERVICES.schemaRegistryUrl],
      auth: { type: "none" },
    });
    const sink = await expectRejected("POST", "/api/tasks", newTask(config({ sink: { connectionId: registry.id } })), 422, "config.sink.connectionId");
    expect(sink?.issues?.[0]?.message).toBe(`Connection "${registry.name}" is a schema registry connection; expected Elasticsearch`);
  });

  it("a body that is not JSON: 400 bad_request", async () => {
    const e1 = await expectRejected("POST", "/api/tasks", "{not json", 400);
    expect(e1?.code).toBe("bad_request");
    const e2 = await expectRejected("POST", "/api/connections", "", 400);
    expect(e2?.code).toBe("bad_request");
  });

  it("an unknown field: 422 naming it", async () => {
    const e = await expectRejected("POST", "/api/tasks", newTask(config({ sink: { foo: 1 } })), 422, "config.sink.foo");
    expect(e?.code).toBe("unprocessable_entity");
    expect(e?.message).toContain("config.sink.foo");
    await expectRejected("POST", "/api/tasks", { ...newTask(config()), extra: true }, 422, "extra");
    await expectRejected("POST", "/api/tasks", newTask(config({ source: { startPostion: { type: "earliest" } } })), 422, "config.source.startPostion");
    await expectRejected("POST", "/api/connections", { kind: "kafka", name: uniqueName("k"), brokers: SERVICES.kafkaBrokers, broker: "x" }, 422, "broker");
  });

  it("missing required fields: 422 naming each", async () => {
    const e = await expectRejected(
      "POST",
      "/api/tasks",
      { name: uniqueName("t"), config: { source: { connectionId: outflow.kafkaId }, sink: { connectionId: outflow.esId } } },
      422,
    );
    expect(e?.issues?.map((i) => i.field)).toEqual(expect.arrayContaining(["config.source.topics", "config.sink.index"]));
    await expectRejected("POST", "/api/tasks", { config: config() }, 422, "name");
    await expectRejected("POST", "/api/tasks", { name: uniqueName("t") }, 422, "config");
    await expectRejected("POST", "/api/connections", { kind: "elasticsearch", name: uniqueName("e") }, 422, "nodes");
  });

  it("option values are checked: topics (1 to 5), regex, index name, write mode, tombstones, CDC, dead-letter topic", async () => {
    const six = Array.from({ length: 6 }, (_, i) => `${topic}-${i}`);
    await expectRejected("POST", "/api/tasks", newTask(config({ source: { topics: six } })), 422, "config.source.topics");
    await expectRejected("POST", "/api/tasks", newTask(config({ source: { topics: [] } })), 422, "config.source.topics");
    await expectRejected(
      "POST",
      "/api/tasks",
      newTask(
        config({
          rules: [
            { type: "add", field: "$.a", value: 1 },
            { type: "replace", field: "$.msg", pattern: "([a-z", regex: true },
          ],
        }),
      ),
      422,
      "config.rules.1.pattern",
    );
    await expectRejected("POST", "/api/tasks", newTask(config({ sink: { index: "Logs" } })), 422, "config.sink.index");
    await expectRejected("POST", "/api/tasks", newTask(config({ sink: { index: "Logs-{$.app}" } })), 422, "config.sink.index");
    await expectRejected("POST", "/api/tasks", newTask(config({ sink: { writeMode: "incremental" } })), 422, "config.sink.writeMode");
    await expectRejected("POST", "/api/tasks", newTask(config({ parse: { tombstones: "delete" } })), 422, "config.parse.tombstones");
    await expectRejected(
      "POST",
      "/api/tasks",
      newTask(config({ sink: { cdc: { format: "debezium", primaryKey: ["$.id"] }, documentId: { type: "kafka_key" } } })),
      422,
      "config.sink.documentId",
    );
    await expectRejected("POST", "/api/tasks", newTask(config({ failure: { policy: "dead_letter", topic } })), 422, "config.failure.topic");
    await expectRejected(
      "POST",
      "/api/tasks",
      newTask(config({ sink: { dateSplit: { format: "yyyyMMdd", source: { type: "kafka_timestamp" }, timeZone: "Mars/Olympus" } } })),
      422,
      "config.sink.dateSplit.timeZone",
    );
    await expectRejected("POST", "/api/tasks", newTask(config({ source: { consumers: 33 } })), 422, "config.source.consumers");
  });

  it("aggregation: output names, functions and windows are checked, naming the field", async () => {
    const agg = (aggregation: Record<string, unknown>) => newTask(config({ sink: { aggregation } }));
    const named = await expectRejected(
      "POST",
      "/api/tasks",
      agg({ groupBy: [{ field: "$.svc", as: "service" }], metrics: [{ fn: "sum", field: "$.ms", as: "service" }] }),
      422,
      "config.sink.aggregation.metrics.0.as",
    );
    expect(named?.message).toContain('"service" is already used by a group field');
    await expectRejected("POST", "/api/tasks", agg({ groupBy: ["$.a"], metrics: [{ fn: "avg" }] }), 422, "config.sink.aggregation.metrics.0.field");
    await expectRejected(
      "POST",
      "/api/tasks",
      agg({ groupBy: ["$.a"], metrics: [{ fn: "median", field: "$.x" }] }),
      422,
      "config.sink.aggregation.metrics.0.fn",
    );
    await expectRejected(
      "POST",
      "/api/tasks",
      agg({ groupBy: ["$.a"], window: { size: "2d", time: { type: "kafka_timestamp" } } }),
      422,
      "config.sink.aggregation.window.size",
    );
    await expectRejected(
      "POST",
      "/api/tasks",
      agg({ groupBy: ["$.a"], window: { size: "1m", time: { type: "kafka_timestamp" }, timeZone: "Mars/Olympus" } }),
      422,
      "config.sink.aggregation.window.timeZone",
    );
  });

  it("connection references: unknown id and wrong kind name the field", async () => {
    await expectRejected("POST", "/api/tasks", newTask(config({ source: { connectionId: "no-such-connection" } })), 422, "config.source.connectionId");
    await expectRejected("POST", "/api/tasks", newTask(config({ sink: { connectionId: "no-such-connection" } })), 422, "config.sink.connectionId");
    await expectRejected("POST", "/api/tasks", newTask(config({ source: { connectionId: outflow.esId } })), 422, "config.source.connectionId");
    await expectRejected("POST", "/api/tasks", newTask(config({ sink: { connectionId: outflow.kafkaId } })), 422, "config.sink.connectionId");
    await expectRejected(
      "POST",
      "/api/tasks",
      newTask(config({ failure: { policy: "dead_letter", topic: `${topic}-dlq`, connectionId: outflow.esId } })),
      422,
      "config.failure.connectionId",
    );
  });

  it("duplicate names: 409 for tasks and connections", async () => {
    const name = uniqueName("same task");
    const task = await api.post<TaskView>("/api/tasks", { name, config: config() });
    expect(task.status).toBe("created");
    const e = await expectRejected("POST", "/api/tasks", { name, config: config() }, 409);
    expect(e?.code).toBe("conflict");
    const other = await api.post<TaskView>("/api/tasks", { name: uniqueName("other"), config: config() });
    await expectRejected("PATCH", `/api/tasks/${other.id}`, { name }, 409);

    const connName = uniqueName("same conn");
    await api.post("/api/connections", { kind: "kafka", name: connName, brokers: SERVICES.kafkaBrokers });
    await expectRejected("POST", "/api/connections", { kind: "elasticsearch", name: connName, nodes: [SERVICES.elasticsearchUrl] }, 409);
  });

  it("unknown ids: 404; PATCH merges the config and validates the result", async () => {
    const e = await expectRejected("GET", "/api/tasks/does-not-exist", undefined, 404);
    expect(e?.code).toBe("not_found");
    await expectRejected("POST", "/api/tasks/does-not-exist/start", {}, 404);
    await expectRejected("GET", "/api/connections/does-not-exist", undefined, 404);

    const task = await api.post<TaskView>("/api/tasks", newTask(config({ rules: [{ type: "add", field: "a", value: 1 }] })));
    await expectRejected("PATCH", `/api/tasks/${task.id}`, { config: { sink: { index: "UPPER" } } }, 422, "config.sink.index");
    await expectRejected("PATCH", `/api/tasks/${task.id}`, { config: { sink: { bogus: true } } }, 422, "config.sink.bogus");
    const patched = await api.patch<TaskView>(`/api/tasks/${task.id}`, { config: { sink: { writeMode: null, documentId: { type: "kafka_key" } } } });
    expect(patched.config.sink).toMatchObject({ documentId: { type: "kafka_key" }, writeMode: "full", index: (task.config.sink as { index: string }).index });
    expect(patched.config.rules).toEqual([{ type: "add", field: "a", value: 1 }]);
    expect(patched.configVersion).toBeGreaterThan(task.configVersion);
    await expectRejected(
      "POST",
      `/api/tasks/${task.id}/reset-offsets`,
      { type: "offsets", offsets: [{ topic: "other-topic", partition: 0, offset: "1" }] },
      422,
      "offsets.0.topic",
    );
  });

  it("connection secrets are never returned; PATCH keeps secrets it leaves out", async () => {
    const secrets = {
      sasl: uniqueName("sasl-SECRET"),
      basic: uniqueName("basic-SECRET"),
      apiKey: uniqueName("apikey-SECRET"),
      tlsKey: uniqueName("tls-key-SECRET"),
    };
    const noSecret = (body: unknown) => {
      const text = JSON.stringify(body);
      for (const s of Object.values(secrets)) {
        expect(text).not.toContain(s);
      }
    };
    const kafka = await api.post<ConnectionView>("/api/connections", {
      kind: "kafka",
      name: uniqueName("sasl kafka"),
      brokers: SERVICES.kafkaBrokers,
      sasl: { mechanism: "scram-sha-512", username: "outflow", password: secrets.sasl },
      tls: { enabled: true, rejectUnauthorized: false, key: secrets.tlsKey },
    });
    const basic = await api.post<ConnectionView>("/api/connections", {
      kind: "elasticsearch",
      name: uniqueName("basic es"),
      nodes: [SERVICES.elasticsearchUrl],
      auth: { type: "basic", username: "elastic", password: secrets.basic },
    });
    const apiKey = await api.post<ConnectionView>("/api/connections", {
      kind: "elasticsearch",
      name: uniqueName("apikey es"),
      nodes: [SERVICES.elasticsearchUrl],
      auth: { type: "apiKey", apiKey: secrets.apiKey },
    });
    for (const c of [kafka, basic, apiKey]) {
      noSecret(c);
      noSecret(await api.get(`/api/connections/${c.id}`));
    }
    noSecret(await api.get("/api/connections"));
    expect(kafka.sasl).toEqual({ mechanism: "scram-sha-512", username: "outflow", hasPassword: true });
    expect(kafka.tls).toMatchObject({ enabled: true, rejectUnauthorized: false, hasKey: true });
    expect(basic.auth).toEqual({ type: "basic", username: "elastic", hasPassword: true });
    expect(apiKey.auth).toEqual({ type: "apiKey", hasApiKey: true });

    const renamed = await api.patch<ConnectionView>(`/api/connections/${kafka.id}`, { name: uniqueName("renamed kafka") });
    noSecret(renamed);
    expect(renamed.sasl).toEqual({ mechanism: "scram-sha-512", username: "outflow", hasPassword: true });
    expect(renamed.tls).toMatchObject({ hasKey: true });
    const basicPatched = await api.patch<ConnectionView>(`/api/connections/${basic.id}`, { auth: { username: "admin" } });
    noSecret(basicPatched);
    expect(basicPatched.auth).toEqual({ type: "basic", username: "admin", hasPassword: true });
    const apiKeyPatched = await api.patch<ConnectionView>(`/api/connections/${apiKey.id}`, { name: uniqueName("renamed es") });
    noSecret(apiKeyPatched);
    expect(apiKeyPatched.auth).toEqual({ type: "apiKey", hasApiKey: true });
    // New nodes are a new destination: the stored key is not sent there unless given again (secret-binding.int.test.ts).
    await expectRejected("PATCH", `/api/connections/${apiKey.id}`, { nodes: [SERVICES.elasticsearchUrl, "http://127.0.0.1:9201"] }, 422, "auth.apiKey");
    noSecret(await api.get(`/api/connections/${basic.id}`));
    noSecret(await api.get("/api/connections"));

    await expectRejected("PATCH", `/api/connections/${basic.id}`, { kind: "kafka" }, 422, "kind");
  });

  it("deleting a connection a task uses: 409; an unused one: 204 and then 404", async () => {
    const kafka = await api.post<ConnectionView>("/api/connections", { kind: "kafka", name: uniqueName("used kafka"), brokers: SERVICES.kafkaBrokers });
    const task = await api.post<TaskView>("/api/tasks", newTask(config({ source: { connectionId: kafka.id } })));
    const e = await expectRejected("DELETE", `/api/connections/${kafka.id}`, undefined, 409);
    expect(e?.message).toContain(task.name);
    await api.delete(`/api/tasks/${task.id}`);
    await expectRejected("GET", `/api/tasks/${task.id}`, undefined, 404);
    await api.delete(`/api/connections/${kafka.id}`);
    await expectRejected("GET", `/api/connections/${kafka.id}`, undefined, 404);
  });

  it("GET /api/connections/:id/topics lists a created topic with its partitions", async () => {
    const { items } = await api.get<{ items: { name: string; partitions: number }[] }>(`/api/connections/${outflow.kafkaId}/topics`);
    expect(items).toContainEqual({ name: topic, partitions: 3 });
    await expectRejected("GET", `/api/connections/${outflow.esId}/topics`, undefined, 422);
  });

  it("POST /api/connections/:id/test: ok for the real services, ok:false with an error for a dead port", async () => {
    const kafka = await api.post<TestResult>(`/api/connections/${outflow.kafkaId}/test`);
    expect(kafka.ok).toBe(true);
    expect(kafka.error).toBeUndefined();
    expect(kafka.details?.brokers).toBeGreaterThanOrEqual(1);
    expect(kafka.details?.topics).toBeGreaterThanOrEqual(1);
    const es = await api.post<TestResult>(`/api/connections/${outflow.esId}/test`);
    expect(es.ok).toBe(true);
    expect(["green", "yellow"]).toContain(es.details?.status);
    expect(typeof es.latencyMs).toBe("number");
    // The shared server has no `GET /` (Elastic's integ-test distribution): found out from the node info. (ES_URL may
    // point at OpenSearch: npm run test:compat.)
    expect(es.details?.server).toMatch(/^(Elasticsearch|OpenSearch) \d+\.\d+\.\d+$/);
    expect(String(es.details?.server).toLowerCase()).toContain(String(es.details?.distribution));

    const deadKafka = await api.post<ConnectionView>("/api/connections", { kind: "kafka", name: uniqueName("dead kafka"), brokers: ["127.0.0.1:1"] });
    const deadEs = await api.post<ConnectionView>("/api/connections", { kind: "elasticsearch", name: uniqueName("dead es"), nodes: ["http://127.0.0.1:1"] });
    const [kafkaDead, esDead, unsavedDead] = await Promise.all([
      api.post<TestResult>(`/api/connections/${deadKafka.id}/test`),
      api.post<TestResult>(`/api/connections/${deadEs.id}/test`),
      api.post<TestResult>("/api/connections/test", { kind: "kafka", name: "unsaved", brokers: ["127.0.0.1:1"] }),
    ]);
    for (const r of [kafkaDead, esDead, unsavedDead]) {
      expect(r.ok, JSON.stringify(r)).toBe(false);
      expect(r.error).toEqual(expect.any(String));
      expect(r.error?.length).toBeGreaterThan(0);
    }
    // The last test is kept with the connection.
    const kept = await api.get<ConnectionView & { lastTest: TestResult & { at: string } }>(`/api/connections/${outflow.esId}`);
    expect(kept.lastTest).toMatchObject({ ok: true, details: { server: es.details?.server } });
    expect(Date.now() - Date.parse(kept.lastTest.at)).toBeLessThan(60_000);
    expect((await api.get<ConnectionView & { lastTest: TestResult }>(`/api/connections/${deadEs.id}`)).lastTest).toMatchObject({
      ok: false,
      details: { category: "refused" },
    });
    // A category of our own, never the remote body.
    expect(esDead).toMatchObject({ error: "refused: nothing accepts connections at the node address", details: { category: "refused", status: null } });
    const unsaved = await api.post<TestResult>("/api/connections/test", { kind: "elasticsearch", name: "unsaved", nodes: [SERVICES.elasticsearchUrl] });
    expect(unsaved.ok).toBe(true);
  });
});
