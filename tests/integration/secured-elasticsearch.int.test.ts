import type { Client } from "@elastic/elasticsearch";
import { allDocs, countDocs, deleteIndices } from "@outflow/testing/elastic";
import { createTopic, groupOffsets, produce, readAll, type TestMessage } from "@outflow/testing/kafka";
import type { TaskView } from "@outflow/testing/outflow";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { SECURED_ES, securedElasticsearch } from "@outflow/testing/secured-elasticsearch";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type TestResult = { ok: boolean; latencyMs: number; details?: Record<string, unknown>; error?: string };
type Auth = { type: "basic"; username: string; password: string } | { type: "apiKey"; apiKey: string };
type Tls = { rejectUnauthorized: boolean; ca?: string };

/** The node's certificate (the CA is not in the chain it sends) checked against a CA that did not sign it, or none. */
const UNTRUSTED = "TLS: the node's certificate is not trusted (unable to verify the first certificate); give the connection the CA certificate that signed it";
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Outflow on an Elasticsearch with security on, over HTTPS with a certificate from a self-signed CA
 * (`scripts/services/elasticsearch-secured.sh`, started by the global setup): the connection test and a task end to
 * end with basic auth (a user made with the security API) and with an API key, the CA given in the connection's TLS
 * settings; a wrong password and an untrusted certificate as clear connection-test errors and as task-level
 * conditions that discard, dead-letter and commit nothing; a fixed connection that the running task picks up.
 */
describe.concurrent("secured Elasticsearch (security on, HTTPS with a self-signed CA)", () => {
  const suite = new OutflowSuite("it-ses");
  const role = `${suite.prefix}-writer`;
  // What a sink needs: cluster health and node info (monitor), and to create, write and read its indices.
  const privileges = { cluster: ["monitor"], indices: [{ names: [`${suite.prefix}-*`], privileges: ["create_index", "write", "read"] }] };
  const user = { username: `${suite.prefix}-user`, password: "writer-secret" };
  let ca = "";
  let untrustedCa = "";
  let admin: Client;
  let apiKey = { id: "", encoded: "" };

  beforeAll(async () => {
    [ca, untrustedCa] = await Promise.all([securedElasticsearch.ca(), securedElasticsearch.untrustedCa(), suite.start()]);
    admin = securedElasticsearch.admin(ca);
    await admin.security.putRole({ name: role, ...privileges });
    await admin.security.putUser({ username: user.username, password: user.password, roles: [role] });
    const key = await admin.security.createApiKey({
      name: `${suite.prefix}-key`,
      role_descriptors: { writer: { cluster: privileges.cluster, indices: privileges.indices } },
    });
    apiKey = { id: key.id, encoded: key.encoded };
  });
  afterAll(async () => {
    await suite.stop();
    if (admin) {
      await deleteIndices(admin, `${suite.prefix}-*`);
      await admin.security.invalidateApiKey({ ids: [apiKey.id] }).catch(() => {});
      await admin.security.deleteUser({ username: user.username }).catch(() => {});
      await admin.security.deleteRole({ name: role }).catch(() => {});
      await admin.close();
    }
  });

  const basic = (password = user.password): Auth => ({ type: "basic", username: user.username, password });
  const trusted = (): Tls => ({ rejectUnauthorized: true, ca });

  function connectionInput(label: string, auth: Auth, tls: Tls | null = trusted()): Record<string, unknown> {
    return { kind: "elasticsearch", name: uniqueName(`secured es ${label}`), nodes: [SECURED_ES.url], auth, ...(tls ? { tls } : {}) };
  }

  const message = (i: number): TestMessage => ({ key: `k${i}`, value: JSON.stringify({ id: `d${i}`, n: i }) });

  /** A task from the suite's Kafka into the given search connection. */
  function createTask(esId: string, topic: string, index: string, failure: Record<string, unknown>): Promise<TaskView> {
    return suite.outflow.createTask(
      suite.outflow.config({ topics: [topic], index, sink: { connectionId: esId, documentId: { type: "fields", fields: ["$.id"] } }, failure }),
    );
  }

  it.each([
    ["basic auth (a user made with the security API)", () => basic()],
    ["an API key (POST /_security/api_key)", (): Auth => ({ type: "apiKey", apiKey: apiKey.encoded })],
  ] as const)("%s, the CA in the connection's TLS settings: connection test and a task end to end", async (label, auth) => {
    const input = connectionInput(label, auth());
    const unsaved = await suite.api.post<TestResult>("/api/connections/test", input);
    expect(unsaved, JSON.stringify(unsaved)).toMatchObject({
      ok: true,
      details: { server: "Elasticsearch 8.19.21", distribution: "elasticsearch", clusterName: "outflow-secured", nodes: 1 },
    });
    const conn = await suite.api.post<{ id: string }>("/api/connections", input);
    const stored = await suite.api.post<TestResult>(`/api/connections/${conn.id}/test`);
    expect(stored, JSON.stringify(stored)).toMatchObject({ ok: true, details: { server: "Elasticsearch 8.19.21" } });

    const { topic, index } = await suite.freshTopic(2);
    await produce(
      topic,
      Array.from({ length: 30 }, (_, i) => message(i)),
    );
    const task = await createTask(conn.id, topic, index, { policy: "discard" });
    await suite.outflow.start(task.id);
    const done = await suite.outflow.waitForMessagesIn(task.id, 30);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 30, messagesWritten: 30, discarded: 0, deadLettered: 0, failed: 0 });
    const docs = await allDocs(admin, index);
    expect(docs.map((d) => d._id).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `d${i}`).sort());
    expect(docs.find((d) => d._id === "d29")?._source).toEqual({ id: "d29", n: 29 });
    const settled = await suite.outflow.waitForNoLag(task.id);
    expect(settled.metrics.partitions.map((p) => p.committedOffset === p.endOffset)).toEqual([true, true]);
    expect(settled.status).toBe("running");
    await suite.outflow.stop(task.id);
  });

  /**
   * A connection the node refuses (credentials or certificate): the connection test says why, with the category; a
   * task on it goes `retrying` with `reason`, under the policies that would discard or dead-letter a message, and
   * writes, discards, dead-letters and commits nothing, also a few retries later.
   */
  async function expectRefused(
    input: Record<string, unknown>,
    test: { category: string; status: number | null; error: RegExp },
    reason: RegExp,
  ): Promise<void> {
    const conn = await suite.api.post<{ id: string }>("/api/connections", input);
    for (const result of [
      await suite.api.post<TestResult>("/api/connections/test", input),
      await suite.api.post<TestResult>(`/api/connections/${conn.id}/test`),
    ]) {
      expect(result.ok, JSON.stringify(result)).toBe(false);
      // The sentence's name and arguments too, for the console's language (the English `error` stays the contract).
      expect(result.details).toEqual({
        category: test.category,
        status: test.status,
        messageKey: expect.stringMatching(/^search/),
        params: expect.any(Object),
      });
      expect(result.error).toMatch(test.error);
    }
    const { topic } = await suite.freshTopic(1);
    await produce(topic, [message(0), { value: "not json" }, message(2)]);
    const dlq = uniqueName(`${suite.prefix}-dlq`);
    await createTopic(dlq, 1);
    const tasks = await Promise.all(
      [{ policy: "discard" }, { policy: "dead_letter", topic: dlq }].map(async (failure) => {
        const index = uniqueName(`${suite.prefix}-i`);
        const task = await createTask(conn.id, topic, index, failure);
        await suite.outflow.start(task.id);
        return { task, index };
      }),
    );
    for (const { task, index } of tasks) {
      const retrying = await suite.outflow.waitForStatus(task.id, "retrying", 90_000);
      expect(retrying.statusReason).toMatch(reason);
      // A few retries later: still nothing settled, nothing committed, nothing dead-lettered, no index.
      await new Promise((r) => setTimeout(r, 4_000));
      const during = await suite.outflow.task(task.id);
      expect(during.status).toBe("retrying");
      expect(during.metrics.totals).toMatchObject({ messagesIn: 0, messagesWritten: 0, discarded: 0, deadLettered: 0, failed: 0 });
      expect(await groupOffsets(task.consumerGroup, topic)).toEqual([{ partition: 0, committed: "-1", end: "3" }]);
      expect(await countDocs(admin, index)).toBe(0);
      await suite.outflow.stop(task.id);
    }
    expect(await readAll(dlq, 1, 2_000)).toEqual([]);
  }

  /** How a retrying task's reason ends: the chunk's attempt (until the runner leaves it out), the retries and since when. */
  const RETRIES = "(?:; retry \\d+)?; \\d+ retr(?:y|ies) since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC";

  it("a wrong password: the connection test says the credentials were refused, tasks retry and move nothing", async () => {
    const input = connectionInput("wrong password", basic("wrong-secret"));
    await expectRefused(
      input,
      { category: "credentials", status: 401, error: /^credentials refused \(HTTP 401\)$/ },
      new RegExp(`^Elasticsearch refused the credentials of connection ${literal(String(input.name))} \\(HTTP 401\\)${RETRIES}$`),
    );
  });

  it("an API key that was invalidated: the connection test says the credentials were refused", async () => {
    const key = await admin.security.createApiKey({ name: `${suite.prefix}-revoked` });
    await admin.security.invalidateApiKey({ ids: [key.id] });
    const r = await suite.api.post<TestResult>("/api/connections/test", connectionInput("revoked key", { type: "apiKey", apiKey: key.encoded }));
    expect(r).toMatchObject({ ok: false, error: "credentials refused (HTTP 401)", details: { category: "credentials", status: 401 } });
  });

  it("a certificate from a CA the connection does not trust: a TLS error, tasks retry and move nothing", async () => {
    const input = connectionInput("untrusted ca", basic(), { rejectUnauthorized: true, ca: untrustedCa });
    await expectRefused(
      input,
      { category: "tls", status: null, error: new RegExp(`^${literal(UNTRUSTED)}$`) },
      new RegExp(`^Elasticsearch connection "${literal(String(input.name))}": ${literal(UNTRUSTED)}${RETRIES}$`),
    );
  });

  it("no CA (the system's trust store): the self-signed certificate is a TLS error; with verification off it connects", async () => {
    const input = connectionInput("no ca", basic(), null);
    const refused = await suite.api.post<TestResult>("/api/connections/test", input);
    expect(refused).toMatchObject({ ok: false, details: { category: "tls", status: null } });
    expect(refused.error).toBe(UNTRUSTED);
    const unverified = await suite.api.post<TestResult>("/api/connections/test", { ...input, tls: { rejectUnauthorized: false } });
    expect(unverified, JSON.stringify(unverified)).toMatchObject({ ok: true, details: { server: "Elasticsearch 8.19.21" } });
  });

  /**
   * A connection edit restarts the clients of the running tasks that use it (README, Connections). `refused`: an edit
   * the API refuses first (422 naming `field`), which must leave the task retrying.
   */
  async function expectRecovery(
    input: Record<string, unknown>,
    fix: Record<string, unknown>,
    reason: RegExp,
    refused?: { edit: Record<string, unknown>; field: string },
  ): Promise<void> {
    const conn = await suite.api.post<{ id: string }>("/api/connections", input);
    const { topic, index } = await suite.freshTopic(1);
    await produce(topic, [0, 1, 2, 3, 4].map(message));
    const task = await createTask(conn.id, topic, index, { policy: "discard" });
    await suite.outflow.start(task.id);
    expect((await suite.outflow.waitForStatus(task.id, "retrying", 90_000)).statusReason).toMatch(reason);
    // Long enough for the chunk's retry backoff to grow past the time allowed below.
    await new Promise((r) => setTimeout(r, 12_000));
    if (refused) {
      const err = await suite.api.expectError("PATCH", `/api/connections/${conn.id}`, refused.edit);
      expect([err.status, err.body.error?.field]).toEqual([422, refused.field]);
      expect((await suite.outflow.task(task.id)).status).toBe("retrying");
    }
    const editedAt = Date.now();
    await suite.api.patch(`/api/connections/${conn.id}`, fix);
    await waitFor("the 5 documents", async () => (await countDocs(admin, index)) === 5, 60_000, 250);
    const tookMs = Date.now() - editedAt;
    console.info(`secured Elasticsearch, ${input.name}: the 5 documents ${tookMs} ms after the connection edit`);
    expect(tookMs, "from the connection edit to the documents").toBeLessThan(10_000);
    await suite.outflow.waitForMessagesIn(task.id, 5, 30_000);
    const done = await suite.outflow.waitForNoLag(task.id);
    expect(done.metrics.totals).toMatchObject({ messagesIn: 5, messagesWritten: 5, discarded: 0, deadLettered: 0, failed: 0 });
    expect((await allDocs(admin, index)).map((d) => d._id).sort()).toEqual(["d0", "d1", "d2", "d3", "d4"]);
    expect((await suite.outflow.waitForStatus(task.id, "running")).statusReason).toBeNull();
    await suite.outflow.stop(task.id);
  }

  it("a task retrying on a wrong password writes every message within seconds of the password being fixed", async () => {
    const input = connectionInput("password fixed", basic("wrong-secret"));
    await expectRecovery(
      input,
      { auth: { type: "basic", username: user.username, password: user.password } },
      /Elasticsearch refused the credentials of connection/,
    );
  });

  it("a task retrying on an untrusted certificate writes every message within seconds of the CA being given", async () => {
    const input = connectionInput("ca fixed", basic(), { rejectUnauthorized: true, ca: untrustedCa });
    // A new CA changes whom the password goes to, so the stored password must be sent again with it (secret binding).
    await expectRecovery(input, { tls: { ca }, auth: basic() }, new RegExp(literal(UNTRUSTED)), { edit: { tls: { ca } }, field: "auth.password" });
  });
});
