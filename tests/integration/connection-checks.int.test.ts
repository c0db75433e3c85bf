import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { insertConnection } from "@outflow/db/connections";
import { SecretBox } from "@outflow/db/secret-box";
import { migratedDb } from "@outflow/testing/db-only";
import { createTopic, produce } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TestResult = { ok: boolean; error?: string; details?: Record<string, unknown> };

/**
 * What the console checks of connections and of what tasks may reach through them: that a search connection talks
 * to a search server, brokers it can use, names unique ignoring case, and Kafka's internal topics and the search
 * server's system indices only with an admin's leave on the connection.
 */
describe("connection checks", () => {
  const suite = new OutflowSuite("it-checks");
  let impostor: Server;
  let impostorUrl = "";
  beforeAll(async () => {
    await suite.start();
    // Answers 200 with JSON on every path, as a generic service or a catch-all proxy might.
    impostor = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "green", cluster_name: "impostor", number_of_nodes: 1, version: { number: "8.19.0" } }));
    });
    await new Promise<void>((done) => impostor.listen(0, "127.0.0.1", done));
    impostorUrl = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    impostor?.close();
    await suite.stop();
  });

  it("a server that answers 200 everywhere but is no search server fails the connection test, saying so", async () => {
    const r = await suite.api.post<TestResult>("/api/connections/test", { kind: "elasticsearch", name: "impostor", nodes: [impostorUrl] });
    expect(r).toMatchObject({ ok: false, details: { category: "not_search_server" } });
    expect(r.error).toMatch(/^not Elasticsearch or OpenSearch: it answered, but neither GET \/ .* nor the node info says it is one$/);
    const real = await suite.api.post<TestResult>("/api/connections/test", { kind: "elasticsearch", name: "real", nodes: [SERVICES.elasticsearchUrl] });
    expect(real).toMatchObject({ ok: true, details: { distribution: "elasticsearch" } });
  });

  it("refuses a broker port out of 1-65535 and an IPv6 broker, naming the broker", async () => {
    for (const [broker, message, key, params] of [
      ["127.0.0.1:99999", "Port 99999 is out of range: a port is 1 to 65535", "schema.connection.brokerPortRange", { port: "99999" }],
      [
        "[::1]:9092",
        "IPv6 broker addresses are not supported (the Kafka client splits host:port at the first ':'); use a host name that resolves to it",
        "schema.connection.brokerIpv6",
        {},
      ],
    ] as const) {
      const err = await suite.api.expectError("POST", "/api/connections", { kind: "kafka", name: uniqueName("k"), brokers: [broker] });
      expect([broker, err.status, err.body.error?.issues]).toEqual([broker, 422, [{ field: "brokers.0", message, key, params }]]);
    }
  });

  it("takes connection and task names unique ignoring case, with a 409 naming the field", async () => {
    const name = uniqueName("Prod-Kafka");
    const first = await suite.api.post<{ id: string }>("/api/connections", { kind: "kafka", name, brokers: SERVICES.kafkaBrokers });
    const dup = await suite.api.expectError("POST", "/api/connections", { kind: "kafka", name: name.toLowerCase(), brokers: SERVICES.kafkaBrokers });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({
      field: "name",
      message: `A connection named "${name.toLowerCase()}" already exists (as "${name}": names are compared ignoring case)`,
    });
    // Its own name in another case is a rename, not a clash.
    await suite.api.patch(`/api/connections/${first.id}`, { name: name.toUpperCase() });

    const { topic, index } = await suite.freshTopic(1);
    const taskName = uniqueName("Orders-Task");
    const task = await suite.outflow.createTask(suite.outflow.config({ topics: [topic], index }), taskName);
    const taskDup = await suite.api.expectError("POST", "/api/tasks", {
      name: taskName.toUpperCase(),
      config: suite.outflow.config({ topics: [topic], index }),
    });
    expect(taskDup.status).toBe(409);
    expect(taskDup.body.error?.field).toBe("name");
    await suite.api.patch(`/api/tasks/${task.id}`, { name: taskName.toLowerCase() });
  });

  it("the database refuses names that differ only in case, for a save that raced past the check", async () => {
    const db = await migratedDb("it_names");
    const box = new SecretBox(randomBytes(32).toString("base64"));
    await insertConnection(db, box, { kind: "kafka", name: "Prod", brokers: ["127.0.0.1:9092"] });
    await expect(insertConnection(db, box, { kind: "kafka", name: "prod", brokers: ["127.0.0.1:9092"] })).rejects.toMatchObject({ code: "P2002" });
  });

  it("internal topics: an editor cannot read them through a task or a sample, nor give the leave; an admin can", async () => {
    const editor = await suite.stack.createUser("editor");
    const kafka = await suite.api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("k"), brokers: SERVICES.kafkaBrokers });
    const internal = uniqueName("_it-internal");
    await createTopic(internal, 1);
    await produce(internal, [{ value: JSON.stringify({ secret: 1 }) }]);
    const config = (topics: string[], failure?: Record<string, unknown>) => ({
      ...suite.outflow.config({ topics, index: uniqueName(`${suite.prefix}-i`), ...(failure ? { failure } : {}) }),
      source: { connectionId: kafka.id, topics },
    });

    const byTask = await editor.api.expectError("POST", "/api/tasks", { name: uniqueName("t"), config: config(["__consumer_offsets"]) });
    expect(byTask.status).toBe(422);
    expect(byTask.body.error?.issues).toEqual([
      {
        field: "config.source.topics.0",
        message: expect.stringMatching(/^"__consumer_offsets" is an internal topic .*allowInternalTopics on the Kafka connection/),
        key: "schema.reservedNames.internalTopic",
        params: { topic: "__consumer_offsets", connection: expect.any(String) },
      },
    ]);
    const bySample = await editor.api.expectError("GET", `/api/connections/${kafka.id}/sample?topics=${internal}`);
    expect([bySample.status, bySample.body.error?.field]).toEqual([422, "topics.0"]);
    // Dead-lettering into an internal topic, to sample it from there, is refused too.
    const dlq = await editor.api.expectError("POST", "/api/tasks", {
      name: uniqueName("t"),
      config: config(["orders"], { policy: "dead_letter", topic: "__consumer_offsets" }),
    });
    expect(dlq.body.error?.issues).toEqual([
      {
        field: "config.failure.topic",
        message: expect.stringMatching(/dead letters never go there$/),
        key: "schema.reservedNames.deadLetterTopic",
        params: { topic: "__consumer_offsets" },
      },
    ]);
    expect((await editor.api.expectError("PATCH", `/api/connections/${kafka.id}`, { allowInternalTopics: true })).status).toBe(403);

    await suite.api.patch(`/api/connections/${kafka.id}`, { allowInternalTopics: true });
    const sample = await editor.api.get<{ items: { value: string | null }[] }>(`/api/connections/${kafka.id}/sample?topics=${internal}&limit=1`);
    expect(sample.items).toHaveLength(1);
    const task = await editor.api.post<{ id: string }>("/api/tasks", { name: uniqueName("t"), config: config([internal]) });
    const stillNoDlq = await editor.api.expectError("POST", "/api/tasks", {
      name: uniqueName("t"),
      config: config([internal], { policy: "dead_letter", topic: "_dlq" }),
    });
    expect(stillNoDlq.body.error?.field).toBe("config.failure.topic");

    // The leave taken back: the worker refuses to start the task, naming the rule.
    await suite.api.patch(`/api/connections/${kafka.id}`, { allowInternalTopics: false });
    await editor.api.post(`/api/tasks/${task.id}/start`);
    const failed = await suite.outflow.waitForStatus(task.id, "failed", 60_000);
    expect(failed.statusReason).toMatch(new RegExp(`^source.topics.0: "${internal}" is an internal topic`));
  });

  it("system indices: a task writes to one only with the search connection's allowSystemIndices", async () => {
    const es = await suite.api.post<{ id: string }>("/api/connections", { kind: "elasticsearch", name: uniqueName("es"), nodes: [SERVICES.elasticsearchUrl] });
    const { topic } = await suite.freshTopic(1);
    const config = { ...suite.outflow.config({ topics: [topic], index: ".kibana" }), sink: { connectionId: es.id, index: ".kibana" } };
    const refused = await suite.api.expectError("POST", "/api/tasks", { name: uniqueName("t"), config });
    expect(refused.body.error?.issues).toEqual([
      {
        field: "config.sink.index",
        message: expect.stringMatching(/^"\.kibana" is a system index .*allowSystemIndices on the search connection/),
        key: "schema.reservedNames.systemIndex",
        params: { index: ".kibana", connection: expect.any(String) },
      },
    ]);
    await suite.api.patch(`/api/connections/${es.id}`, { allowSystemIndices: true });
    await suite.api.post("/api/tasks", { name: uniqueName("t"), config });
  });
});
