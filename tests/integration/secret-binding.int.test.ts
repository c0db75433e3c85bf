import type { ApiClient } from "@outflow/testing/api-client";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type View = { id: string; nodes?: string[]; brokers?: string[]; auth?: { type: string; hasPassword?: boolean }; sasl?: { hasPassword: boolean } };

/** Issue 20 item 2: a stored secret never follows a connection to a new destination; no credentials inside URLs. */
describe.concurrent("secrets are bound to their destination", () => {
  let stack: Stack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    api = stack.api;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const es = () =>
    api.post<View>("/api/connections", {
      kind: "elasticsearch",
      name: uniqueName("bound-es"),
      nodes: [SERVICES.elasticsearchUrl],
      auth: { type: "basic", username: "elastic", password: "s3cret" },
    });

  it("changing the nodes without the password is refused, naming auth.password; sending it again passes", async () => {
    const c = await es();
    const err = await api.expectError("PATCH", `/api/connections/${c.id}`, { nodes: ["http://127.0.0.1:9201"] });
    expect(err.status).toBe(422);
    expect(err.body.error?.field).toBe("auth.password");
    expect(err.body.error?.message).toContain("destination changed");
    expect((await api.get<View>(`/api/connections/${c.id}`)).nodes).toEqual([SERVICES.elasticsearchUrl]);
    const moved = await api.patch<View>(`/api/connections/${c.id}`, { nodes: ["http://127.0.0.1:9201"], auth: { password: "new-secret" } });
    expect(moved.nodes).toEqual(["http://127.0.0.1:9201"]);
    expect(moved.auth).toEqual({ type: "basic", username: "elastic", hasPassword: true });
  });

  it("a patch that keeps the destination keeps the secrets it leaves out", async () => {
    const c = await es();
    const renamed = await api.patch<View>(`/api/connections/${c.id}`, { name: uniqueName("renamed") });
    expect(renamed.auth?.hasPassword).toBe(true);
  });

  it("Kafka: new brokers or a new SASL mechanism ask for the SASL password again", async () => {
    const k = await api.post<View>("/api/connections", {
      kind: "kafka",
      name: uniqueName("bound-k"),
      brokers: SERVICES.kafkaBrokers,
      sasl: { mechanism: "plain", username: "u", password: "p" },
    });
    const brokers = await api.expectError("PATCH", `/api/connections/${k.id}`, { brokers: ["127.0.0.1:9093"] });
    expect(brokers.body.error?.field).toBe("sasl.password");
    const mechanism = await api.expectError("PATCH", `/api/connections/${k.id}`, { sasl: { mechanism: "scram-sha-256" } });
    expect(mechanism.body.error?.field).toBe("sasl.password");
    const tls = await api.expectError("PATCH", `/api/connections/${k.id}`, { tls: { enabled: true } });
    expect(tls.body.error?.field).toBe("sasl.password");
  });

  it("credentials inside a node URL are refused, pointing at auth", async () => {
    const err = await api.expectError("POST", "/api/connections", {
      kind: "elasticsearch",
      name: uniqueName("url-creds"),
      nodes: ["http://user:pass@127.0.0.1:9200"],
    });
    expect(err.status).toBe(422);
    expect(err.body.error?.field).toBe("nodes.0");
    expect(err.body.error?.message).toContain("put them in auth");
    const c = await es();
    const patched = await api.expectError("PATCH", `/api/connections/${c.id}`, { nodes: ["http://elastic:s3cret@127.0.0.1:9200"], auth: { password: "x" } });
    expect(patched.body.error?.field).toBe("nodes.0");
  });
});
