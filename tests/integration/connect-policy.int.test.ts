import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic, groupOffsets, produce } from "@outflow/testing/kafka";
import { Outflow, type TaskView } from "@outflow/testing/outflow";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TestResult = { ok: boolean; error?: string; details?: { category?: string } };

/**
 * Issue 20 item 3: where the server may connect, on every address a test can own (127.0.0.0/8). The web app and
 * the worker run with the policy below; Postgres and Redis are not connections, so the stack itself runs.
 */
describe.concurrent("connect policy (OUTFLOW_CONNECT_ALLOW / OUTFLOW_CONNECT_DENY)", () => {
  const KAFKA_PORT = SERVICES.kafkaBrokers[0]?.split(":").at(-1) ?? "9092";
  const ES_PORT = new URL(SERVICES.elasticsearchUrl).port || "9200";
  let stack: Stack;
  let outflow: Outflow;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await Stack.start({ env: { OUTFLOW_CONNECT_ALLOW: "127.0.0.1/32", OUTFLOW_CONNECT_DENY: "127.0.0.2/32, *.denied.localhost" } });
    api = stack.api;
    outflow = await Outflow.connect(api);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const kafkaTest = (broker: string, name = uniqueName("k")) => api.post<TestResult>("/api/connections/test", { kind: "kafka", name, brokers: [broker] });
  const esTest = (node: string, name = uniqueName("es")) => api.post<TestResult>("/api/connections/test", { kind: "elasticsearch", name, nodes: [node] });

  it("allowed destinations still work: the stack's own Kafka and Elasticsearch on 127.0.0.1", async () => {
    expect((await kafkaTest(`127.0.0.1:${KAFKA_PORT}`)).ok).toBe(true);
    expect((await esTest(SERVICES.elasticsearchUrl)).ok).toBe(true);
  });

  it("a denied CIDR, in dotted and decimal form, is refused naming the connection, host and rule", async () => {
    const name = uniqueName("denied-k");
    const r = await kafkaTest(`127.0.0.2:${KAFKA_PORT}`, name);
    expect(r.ok).toBe(false);
    expect(r.error).toBe(`Kafka connection "${name}": 127.0.0.2 is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32; not connecting`);
    const decimal = await kafkaTest(`2130706434:${KAFKA_PORT}`, name);
    expect(decimal.error).toBe(`Kafka connection "${name}": 2130706434 (127.0.0.2) is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32; not connecting`);
    const es = await esTest(`http://0x7f000002:${ES_PORT}`, name);
    expect(es).toMatchObject({ ok: false, details: { category: "denied" } });
    expect(es.error).toContain(`Elasticsearch connection "${name}": 127.0.0.2 is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32`);
  });

  it("an allow list excludes every other host; a host pattern is refused before DNS", async () => {
    const k = await kafkaTest(`127.0.0.3:${KAFKA_PORT}`);
    expect(k.error).toMatch(/: 127\.0\.0\.3 is not allowed by OUTFLOW_CONNECT_ALLOW 127\.0\.0\.1\/32; not connecting$/);
    const pattern = await esTest(`http://es.denied.localhost:${ES_PORT}`);
    expect(pattern).toMatchObject({ ok: false, details: { category: "denied" } });
    expect(pattern.error).toContain("es.denied.localhost is denied by OUTFLOW_CONNECT_DENY *.denied.localhost");
  });

  it("topics and samples of a stored denied connection answer 422 with the reason, not a gateway error", async () => {
    const conn = await api.post<{ id: string; name: string }>("/api/connections", {
      kind: "kafka",
      name: uniqueName("stored-denied"),
      brokers: [`127.0.0.2:${KAFKA_PORT}`],
    });
    const topics = await api.expectError("GET", `/api/connections/${conn.id}/topics`);
    expect(topics.status).toBe(422);
    expect(topics.body.error?.message).toBe(`Kafka connection "${conn.name}": 127.0.0.2 is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32; not connecting`);
    const sample = await api.expectError("GET", `/api/connections/${conn.id}/sample?topics=t&limit=1`);
    expect(sample.status).toBe(422);
    expect(sample.body.error?.message).toContain("denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32");
  });

  it("in the worker, a denied sink is a task-level retry: no message is discarded and no offset moves", async () => {
    const topic = uniqueName("it-policy-t");
    await createTopic(topic, 1);
    await produce(topic, [{ value: '{"n":1}' }, { value: '{"n":2}' }]);
    const sink = await api.post<{ id: string }>("/api/connections", {
      kind: "elasticsearch",
      name: uniqueName("denied-es"),
      nodes: [`http://127.0.0.2:${ES_PORT}`],
    });
    const task = await outflow.run({ topics: [topic], index: uniqueName("it-policy-i"), sink: { connectionId: sink.id }, failure: { policy: "discard" } });
    const retrying = await outflow.waitForStatus(task.id, "retrying", 60_000);
    expect(retrying.statusReason).toContain("127.0.0.2 is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32");
    const t = await outflow.task(task.id);
    expect(t.metrics.totals).toMatchObject({ discarded: 0, deadLettered: 0, messagesWritten: 0 });
    expect((await groupOffsets(task.consumerGroup, topic)).map((o) => o.committed)).toEqual(["-1"]);
  });

  it("in the worker, a denied source is a task-level retry naming the rule", async () => {
    const source = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("denied-src"), brokers: [`127.0.0.2:${KAFKA_PORT}`] });
    const task = await outflow.run({ topics: [uniqueName("it-policy-none")], index: uniqueName("it-policy-i"), source: { connectionId: source.id } });
    const retrying: TaskView = await outflow.waitForStatus(task.id, "retrying", 60_000);
    expect(retrying.statusReason).toContain("127.0.0.2 is denied by OUTFLOW_CONNECT_DENY 127.0.0.2/32");
  });
});

/** A name is judged by what it resolves to: `localhost` is 127.0.0.1 here, denied for this stack. */
describe("connect policy after DNS resolution", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({ workers: 0, env: { OUTFLOW_CONNECT_DENY: "127.0.0.1/32" } });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses a name whose address is denied, for Kafka and Elasticsearch", async () => {
    const port = SERVICES.kafkaBrokers[0]?.split(":").at(-1) ?? "9092";
    const k = await stack.api.post<TestResult>("/api/connections/test", { kind: "kafka", name: "by-name", brokers: [`localhost:${port}`] });
    expect(k.error).toBe('Kafka connection "by-name": localhost (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.1/32; not connecting');
    const es = await stack.api.post<TestResult>("/api/connections/test", { kind: "elasticsearch", name: "by-name", nodes: ["http://localhost:9200"] });
    expect(es).toMatchObject({ ok: false, details: { category: "denied" } });
    expect(es.error).toContain('Elasticsearch connection "by-name": localhost (127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.1/32');
  });

  it("judges the unspecified address as this host: 0.0.0.0 and [::] reach the denied loopback", async () => {
    const port = SERVICES.kafkaBrokers[0]?.split(":").at(-1) ?? "9092";
    const k = await stack.api.post<TestResult>("/api/connections/test", { kind: "kafka", name: "unspecified", brokers: [`0.0.0.0:${port}`] });
    expect(k.error).toBe('Kafka connection "unspecified": 0.0.0.0 (this host, 127.0.0.1) is denied by OUTFLOW_CONNECT_DENY 127.0.0.1/32; not connecting');
    for (const node of ["http://0.0.0.0:9200", "http://[::]:9200"]) {
      const es = await stack.api.post<TestResult>("/api/connections/test", { kind: "elasticsearch", name: "unspecified", nodes: [node] });
      expect(es, node).toMatchObject({ ok: false, details: { category: "denied" } });
      expect(es.error, node).toMatch(/\(this host, 127\.0\.0\.1\) is denied by OUTFLOW_CONNECT_DENY 127\.0\.0\.1\/32/);
    }
  });

  it("denies link-local and cloud metadata addresses by default (no allow list here)", async () => {
    const ipv6Spellings = ["http://[::a9fe:a9fe]", "http://[64:ff9b::a9fe:a9fe]", "http://[2002:a9fe:a9fe::]", "http://[2001:0:4136:e378:8000:63bf:5601:5601]"];
    for (const node of ["http://169.254.169.254", "http://[fd00:ec2::254]", "http://metadata.google.internal", "http://2852039166", ...ipv6Spellings]) {
      const r = await stack.api.post<TestResult>("/api/connections/test", { kind: "elasticsearch", name: "metadata", nodes: [node] });
      expect(r, node).toMatchObject({ ok: false, details: { category: "denied" } });
      expect(r.error, node).toMatch(/is denied by default \(link-local and cloud metadata addresses: .*\); OUTFLOW_CONNECT_ALLOW can allow it/);
    }
  });
});
