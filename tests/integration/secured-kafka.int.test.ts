import { allDocs } from "@outflow/testing/elastic";
import { createTopic, groupOffsets, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import type { TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { type SaslMechanism, SECURED_KAFKA, SECURED_KAFKA_USERS, securedKafka } from "@outflow/testing/secured-kafka";
import { uniqueName } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TestResult = { ok: boolean; latencyMs: number; details?: Record<string, unknown>; error?: string };
type Listener = "SASL_PLAINTEXT" | "SASL_SSL";

/**
 * Outflow on a broker that asks for SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), over plain TCP and over TLS with a
 * self-signed CA (`scripts/services/kafka-secured.sh`, started by the global setup): the connection test, topic
 * listing, sample, a task end to end and the dead-letter producer over each; a wrong password and an untrusted
 * certificate as clear connection-test errors and as task-level conditions that move no message and no offset.
 */
describe.concurrent("secured Kafka (SASL_PLAINTEXT and SASL_SSL)", () => {
  const suite = new OutflowSuite("it-sec");
  const setup = securedKafka.setupClient();
  let ca = "";
  let untrustedCa = "";
  beforeAll(async () => {
    [ca, untrustedCa] = await Promise.all([securedKafka.ca(), securedKafka.untrustedCa(), suite.start()]);
  });
  afterAll(suite.stop);

  function connectionInput(listener: Listener, mechanism: SaslMechanism, over: { password?: string; ca?: string | null } = {}): Record<string, unknown> {
    const user = SECURED_KAFKA_USERS[mechanism];
    const tlsCa = over.ca === undefined ? ca : over.ca;
    return {
      kind: "kafka",
      name: uniqueName(`secured ${listener} ${mechanism}`),
      brokers: [listener === "SASL_SSL" ? SECURED_KAFKA.saslSsl : SECURED_KAFKA.saslPlaintext],
      sasl: { mechanism, username: user.username, password: over.password ?? user.password },
      ...(listener === "SASL_SSL" ? { tls: { enabled: true, rejectUnauthorized: true, ...(tlsCa ? { ca: tlsCa } : {}) } } : {}),
    };
  }

  async function freshTopic(): Promise<string> {
    const topic = uniqueName(`${suite.prefix}-t`);
    await createTopic(topic, 1, setup);
    return topic;
  }

  const message = (i: number): TestMessage => ({ key: `k${i}`, value: JSON.stringify({ id: `d${i}`, n: i }) });

  /** A task from the secured connection into the suite's Elasticsearch. */
  function createTask(kafkaId: string, topic: string, index: string, failure: Record<string, unknown>): Promise<TaskView> {
    return suite.outflow.createTask(
      suite.outflow.config({
        topics: [topic],
        index,
        source: { connectionId: kafkaId },
        sink: { documentId: { type: "fields", fields: ["$.id"] } },
        failure,
      }),
    );
  }

  const cases: [Listener, SaslMechanism][] = (["SASL_PLAINTEXT", "SASL_SSL"] as const).flatMap((l) =>
    (["plain", "scram-sha-256", "scram-sha-512"] as const).map((m): [Listener, SaslMechanism] => [l, m]),
  );

  it.each(cases)("%s %s: connection test, topic list, sample, a task end to end and its dead-letter producer", async (listener, mechanism) => {
    const topic = await freshTopic();
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1, setup);
    const index = uniqueName(`${suite.prefix}-i`);
    // 40 documents, two of them not JSON (offsets 10 and 30): dead-lettered through the secured connection
    const messages = Array.from({ length: 40 }, (_, i) => (i === 10 || i === 30 ? { key: `bad${i}`, value: `not json ${i}` } : message(i)));
    await produce(topic, messages, setup);

    const conn = await suite.api.post<{ id: string }>("/api/connections", connectionInput(listener, mechanism));
    const tested = await suite.api.post<TestResult>(`/api/connections/${conn.id}/test`);
    expect(tested, JSON.stringify(tested)).toMatchObject({ ok: true, details: { brokers: 1, controller: 1 } });

    const { items: topics } = await suite.api.get<{ items: { name: string; partitions: number }[] }>(`/api/connections/${conn.id}/topics`);
    expect(topics).toContainEqual({ name: topic, partitions: 1 });

    const sample = await suite.api.get<{ items: { offset: string; key: string | null; value: string }[] }>(
      `/api/connections/${conn.id}/sample?topics=${topic}&limit=3`,
    );
    expect(sample.items.map((m) => [m.offset, m.key, m.value])).toEqual([0, 1, 2].map((i) => [String(i), `k${i}`, JSON.stringify({ id: `d${i}`, n: i })]));

    const task = await createTask(conn.id, topic, index, { policy: "dead_letter", topic: dlq });
    await suite.outflow.start(task.id);
    const done = await suite.outflow.waitForMessagesIn(task.id, 40);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 40, messagesWritten: 38, deadLettered: 2, discarded: 0, failed: 0 });
    expect(done.status).toBe("running");
    const docs = await allDocs(suite.es, index);
    expect(docs).toHaveLength(38);
    expect(docs.find((d) => d._id === "d39")?._source).toEqual({ id: "d39", n: 39 });

    const dead = await readAll(dlq, 2, 30_000, setup);
    expect(dead.map((d) => [d.key?.toString(), d.value?.toString()])).toEqual([
      ["bad10", "not json 10"],
      ["bad30", "not json 30"],
    ]);
    expect((await suite.outflow.waitForNoLag(task.id)).metrics.partitions[0]?.committedOffset).toBe("40");
    await suite.outflow.stop(task.id);
  });

  /**
   * A connection the broker refuses: the connection test, topic list and sample say why; a task on it goes `retrying` with that reason,
   * under the policies that would discard or dead-letter a message, and takes in, discards, dead-letters and
   * commits nothing.
   */
  async function expectRefused(input: Record<string, unknown>, reason: RegExp): Promise<void> {
    const named = `Kafka connection "${input.name}": `;
    const unsaved = await suite.api.post<TestResult>("/api/connections/test", input);
    expect(unsaved.ok, JSON.stringify(unsaved)).toBe(false);
    expect(unsaved.error).toContain(named);
    expect(unsaved.error).toMatch(reason);

    const conn = await suite.api.post<{ id: string }>("/api/connections", input);
    const stored = await suite.api.post<TestResult>(`/api/connections/${conn.id}/test`);
    expect(stored.error).toContain(named);
    expect(stored.error).toMatch(reason);
    const topics = await suite.api.expectError("GET", `/api/connections/${conn.id}/topics`);
    expect(topics.status).toBe(502);
    expect(topics.body.error?.message).toContain(named);

    const topic = await freshTopic();
    await produce(topic, [message(0), { value: "not json" }, message(2)], setup);
    const sample = await suite.api.expectError("GET", `/api/connections/${conn.id}/sample?topics=${topic}&limit=1`);
    expect(sample.status).toBe(502);
    expect(sample.body.error?.message).toContain(named);
    expect(sample.body.error?.message).toMatch(reason);
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    for (const failure of [{ policy: "discard" }, { policy: "dead_letter", topic: dlq }]) {
      const task = await createTask(conn.id, topic, uniqueName(`${suite.prefix}-i`), failure);
      await suite.outflow.start(task.id);
      const retrying = await suite.outflow.waitForStatus(task.id, "retrying", 90_000);
      expect(retrying.statusReason).toContain(named);
      expect(retrying.statusReason).toMatch(reason);
      expect(retrying.metrics.totals).toMatchObject({ messagesIn: 0, messagesWritten: 0, discarded: 0, deadLettered: 0 });
      expect(await groupOffsets(retrying.consumerGroup, topic, setup)).toEqual([{ partition: 0, committed: "-1", end: "3" }]);
      await suite.outflow.stop(task.id);
    }
    expect(await readAll(dlq, 1, 2_000, setup)).toEqual([]);
  }

  it("a wrong SCRAM password over SASL_SSL: a clear connection-test error, the task retries, nothing moves", async () => {
    await expectRefused(
      connectionInput("SASL_SSL", "scram-sha-512", { password: "wrong-secret" }),
      /refused the credentials \(SASL SCRAM SHA512 authentication failed: .*invalid credentials/,
    );
  });

  it("a wrong PLAIN password over SASL_PLAINTEXT: a clear connection-test error, the task retries, nothing moves", async () => {
    await expectRefused(
      connectionInput("SASL_PLAINTEXT", "plain", { password: "wrong-secret" }),
      /refused the credentials \(SASL PLAIN authentication failed: .*Invalid username or password/,
    );
  });

  it("a task retrying on a wrong password catches up once the connection's password is fixed: every message written", async () => {
    const input = connectionInput("SASL_SSL", "scram-sha-256", { password: "wrong-secret" });
    const conn = await suite.api.post<{ id: string }>("/api/connections", input);
    const topic = await freshTopic();
    await produce(topic, [0, 1, 2, 3].map(message), setup);
    const index = uniqueName(`${suite.prefix}-i`);
    const task = await createTask(conn.id, topic, index, { policy: "discard" });
    await suite.outflow.start(task.id);
    expect((await suite.outflow.waitForStatus(task.id, "retrying", 90_000)).statusReason).toContain(`Kafka connection "${input.name}"`);
    await suite.api.patch(`/api/connections/${conn.id}`, { sasl: { password: SECURED_KAFKA_USERS["scram-sha-256"].password } });
    const done = await suite.outflow.waitForMessagesIn(task.id, 4, 90_000);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 4, messagesWritten: 4, discarded: 0, deadLettered: 0 });
    expect((await allDocs(suite.es, index)).map((d) => d._id).sort()).toEqual(["d0", "d1", "d2", "d3"]);
    expect((await suite.outflow.waitForStatus(task.id, "running")).statusReason).toBeNull();
    await suite.outflow.stop(task.id);
  });

  it("a broker certificate from a CA the connection does not trust: a clear error, the task retries, nothing moves", async () => {
    await expectRefused(
      connectionInput("SASL_SSL", "scram-sha-256", { ca: untrustedCa }),
      /TLS certificate is not trusted \(Connection error: self-signed certificate in certificate chain\); give the connection the CA certificate/,
    );
  });

  it("SASL_SSL without a CA (the system's trust store): the self-signed broker certificate is refused; with verification off it connects", async () => {
    const input = connectionInput("SASL_SSL", "plain", { ca: null });
    const refused = await suite.api.post<TestResult>("/api/connections/test", input);
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/TLS certificate is not trusted \(Connection error: self-signed certificate in certificate chain\)/);
    const unverified = await suite.api.post<TestResult>("/api/connections/test", { ...input, tls: { enabled: true, rejectUnauthorized: false } });
    expect(unverified, JSON.stringify(unverified)).toMatchObject({ ok: true, details: { brokers: 1 } });
  });

  it("a CA that is not PEM is refused with the field and the reason (Node's TLS would silently ignore it)", async () => {
    const bad = await suite.api.expectError("POST", "/api/connections/test", connectionInput("SASL_SSL", "plain", { ca: "MIIBszCCAVmgAwIBAgIU" }));
    expect(bad.status).toBe(422);
    expect(bad.body.error?.field).toBe("tls.ca");
    expect(bad.body.error?.message).toMatch(/Expected PEM certificates/);
  });

  it("SASL_SSL reached by host name (sent as SNI, checked against the certificate's names): connects", async () => {
    const input = { ...connectionInput("SASL_SSL", "scram-sha-256"), brokers: [SECURED_KAFKA.saslSsl.replace("127.0.0.1", "localhost")] };
    const r = await suite.api.post<TestResult>("/api/connections/test", input);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, details: { brokers: 1 } });
  });

  it("Kafka connection tests carry details.category: a wrong password credentials, TLS without the CA tls, a port with nothing refused, no SASL not_kafka", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        connectionInput("SASL_PLAINTEXT", "scram-sha-512", { password: "wrong" }),
        "credentials",
        /the broker refused the credentials \(SASL SCRAM SHA512 authentication failed/,
      ],
      [connectionInput("SASL_SSL", "plain", { ca: null }), "tls", /the broker's TLS certificate is not trusted .*give the connection the CA certificate/],
      [
        { ...connectionInput("SASL_PLAINTEXT", "plain"), brokers: ["127.0.0.1:1"] },
        "refused",
        /nothing accepts connections at the broker address \(.*ECONNREFUSED/,
      ],
      [
        { kind: "kafka", name: uniqueName("secured no SASL"), brokers: [SECURED_KAFKA.saslPlaintext] },
        "not_kafka",
        /closed the connection without a Kafka answer: .*wants TLS or SASL \(this connection uses no TLS and no SASL\)$/,
      ],
    ];
    for (const [input, category, words] of cases) {
      const r = await suite.api.post<TestResult>("/api/connections/test", input);
      expect(r, JSON.stringify(r)).toMatchObject({ ok: false, details: { category } });
      expect(r.error).toContain(`Kafka connection "${input.name}": `);
      expect(r.error).toMatch(words);
    }
    // A SASL refusal is a refusal everywhere, never "Kafka did not answer".
    const conn = await suite.api.post<{ id: string }>("/api/connections", connectionInput("SASL_PLAINTEXT", "plain", { password: "wrong" }));
    const topics = await suite.api.expectError("GET", `/api/connections/${conn.id}/topics`);
    expect(topics.status).toBe(502);
    expect(topics.body.error?.message).toMatch(/^Kafka connection ".*": the broker refused the credentials/);
  });

  it("TLS on the SASL_PLAINTEXT listener: the connection test says the broker did not answer the TLS handshake", async () => {
    const input = { ...connectionInput("SASL_PLAINTEXT", "plain"), tls: { enabled: true, rejectUnauthorized: true, ca } };
    const r = await suite.api.post<TestResult>("/api/connections/test", input);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/did not answer the TLS handshake .*is TLS on for this listener\?$/);
  });
});
