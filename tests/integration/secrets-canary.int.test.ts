import { randomBytes } from "node:crypto";
import { SecretBox } from "@outflow/db/secret-box";
import { SECURED_KAFKA } from "@outflow/testing/secured-kafka";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { Stack } from "@outflow/testing/stack";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { API_ROUTES } from "../../apps/web/src/lib/http/api-routes";

/**
 * A unique password planted in every kind of connection secret, then looked for everywhere it must never be: every
 * API answer (a walk over every GET route, and the answers to the changes made here), the web and worker logs,
 * every Postgres table and column (outside the sealed `connections.secrets`) and every Redis key of the stack.
 */
const CANARY = `canary${randomBytes(9).toString("hex")}`;
const SECRET = {
  sasl: `${CANARY}-sasl`,
  tlsKey: `${CANARY}-tls-key`,
  esPassword: `${CANARY}-es-basic`,
  esApiKey: `${CANARY}-es-api-key`,
  webhook: `${CANARY}-webhook`,
  registryPassword: `${CANARY}-registry-basic`,
  registryToken: `${CANARY}-registry-bearer`,
};

let stack: Stack;
const workerLogs: string[] = [];
const answers: { what: string; body: string }[] = [];

beforeAll(async () => {
  // Debug level: the worker logs as much as it ever does.
  stack = await Stack.start({ workers: 1, workerEnv: { LOG_LEVEL: "debug" } });
  for (const w of stack.workers) {
    w.child.stdout?.on("data", (d) => workerLogs.push(String(d)));
    w.child.stderr?.on("data", (d) => workerLogs.push(String(d)));
  }
});
afterAll(async () => {
  await stack?.stop();
});

/** Any call, as the admin; the answer's body is kept for the search. */
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const res = await stack.api.send(method, path, {
    headers: { ...(method === "GET" ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? (method === "GET" ? undefined : "{}") : JSON.stringify(body),
  });
  const text = await res.text();
  answers.push({ what: `${method} ${path} → ${res.status}`, body: `${headerText(res.headers)}\n${text}` });
  const json = res.headers.get("content-type")?.includes("application/json") && text ? JSON.parse(text) : text || null;
  return { status: res.status, json };
}

function headerText(headers: Headers): string {
  const lines: string[] = [];
  headers.forEach((value, name) => {
    lines.push(`${name}: ${value}`);
  });
  return lines.join("\n");
}

const idOf = async (method: string, path: string, body: unknown) => {
  const { status, json } = await call(method, path, body);
  expect(status, JSON.stringify(json)).toBe(201);
  return (json as { id: string }).id;
};

it("never shows, logs or stores in plain text a connection secret", async () => {
  const kafkaSasl = await idOf("POST", "/api/connections", {
    kind: "kafka",
    name: uniqueName("sasl"),
    // The secured broker's SASL listener (global-setup.ts starts it): the password really goes out, and is refused.
    brokers: [SECURED_KAFKA.saslPlaintext],
    sasl: { mechanism: "plain", username: "alice", password: SECRET.sasl },
  });
  const kafkaTls = await idOf("POST", "/api/connections", {
    kind: "kafka",
    name: uniqueName("tls"),
    brokers: [SECURED_KAFKA.saslSsl],
    tls: { enabled: true, rejectUnauthorized: false, key: `-----BEGIN PRIVATE KEY-----\n${SECRET.tlsKey}\n-----END PRIVATE KEY-----\n` },
  });
  const esBasic = await idOf("POST", "/api/connections", {
    kind: "elasticsearch",
    name: uniqueName("basic"),
    nodes: [SERVICES.elasticsearchUrl],
    auth: { type: "basic", username: "canary-user", password: SECRET.esPassword },
  });
  const esApiKey = await idOf("POST", "/api/connections", {
    kind: "elasticsearch",
    name: uniqueName("apikey"),
    nodes: [SERVICES.elasticsearchUrl],
    auth: { type: "apiKey", apiKey: SECRET.esApiKey },
  });
  // Apicurio (in memory) takes no credentials: it ignores them, but they really go out with every request.
  const registryBasic = await idOf("POST", "/api/connections", {
    kind: "schema_registry",
    name: uniqueName("reg-basic"),
    urls: [SERVICES.schemaRegistryUrl],
    auth: { type: "basic", username: "canary-user", password: SECRET.registryPassword },
  });
  const registryBearer = await idOf("POST", "/api/connections", {
    kind: "schema_registry",
    name: uniqueName("reg-bearer"),
    urls: [SERVICES.schemaRegistryUrl],
    auth: { type: "bearer", token: SECRET.registryToken },
  });
  const kafkaRegistry = await idOf("POST", "/api/connections", {
    kind: "kafka",
    name: uniqueName("kafka-reg"),
    brokers: SERVICES.kafkaBrokers,
    schemaRegistryId: registryBasic,
  });
  const connections = [kafkaSasl, kafkaTls, esBasic, esApiKey, registryBasic, registryBearer, kafkaRegistry];

  // Use every secret: connection tests (stored and unsaved), a bad input that carries one, an edit, and running tasks.
  for (const id of connections) {
    await call("POST", `/api/connections/${id}/test`);
  }
  await call("POST", "/api/connections/test", {
    kind: "kafka",
    name: "unsaved",
    brokers: [SECURED_KAFKA.saslPlaintext],
    sasl: { mechanism: "plain", username: "alice", password: SECRET.sasl },
  });
  const bad = await call("POST", "/api/connections", {
    kind: "elasticsearch",
    name: uniqueName("bad"),
    nodes: ["not a url"],
    auth: { type: "apiKey", apiKey: SECRET.esApiKey },
  });
  expect(bad.status).toBe(422);
  await call("PATCH", `/api/connections/${esBasic}`, { name: uniqueName("renamed") });
  // A webhook's signing secret, used by a send test (nothing listens on port 1: refused).
  const webhook = await idOf("POST", "/api/webhooks", { name: uniqueName("hook"), url: "http://127.0.0.1:1/hook", secret: SECRET.webhook });
  await call("POST", `/api/webhooks/${webhook}/test`);
  await call("PATCH", `/api/webhooks/${webhook}`, { secret: SECRET.webhook, name: uniqueName("hook") });
  const topic = uniqueName("canary-topic");
  const tasks = [
    await idOf("POST", "/api/tasks", {
      name: uniqueName("t"),
      config: { source: { connectionId: kafkaSasl, topics: [topic] }, sink: { connectionId: esBasic, index: "canary-a" } },
    }),
    await idOf("POST", "/api/tasks", {
      name: uniqueName("t"),
      config: { source: { connectionId: kafkaTls, topics: [topic] }, sink: { connectionId: esApiKey, index: "canary-b" } },
    }),
  ];
  for (const id of tasks) {
    expect((await call("POST", `/api/tasks/${id}/start`)).status).toBe(202);
  }
  // The worker tried the brokers with each secret (and was refused).
  for (const id of tasks) {
    await waitFor(
      `task ${id} to leave "starting"`,
      async () => ((await call("GET", `/api/tasks/${id}`)).json as { status: string }).status !== "starting",
      90_000,
    );
  }

  // Every GET route, with every id this stack has.
  const { cookie } = await stack.signIn(stack.admin.email, stack.admin.password);
  const fill: Record<string, string[]> = {
    "/api/health": ["/api/health"],
    "/api/connections": ["/api/connections"],
    "/api/connections/[id]": connections.map((id) => `/api/connections/${id}`),
    "/api/connections/[id]/topics": connections.map((id) => `/api/connections/${id}/topics`),
    "/api/connections/[id]/sample": connections.map((id) => `/api/connections/${id}/sample?topics=${topic}&limit=5`),
    "/api/connections/[id]/schemas/[schemaId]": connections.map((id) => `/api/connections/${id}/schemas/1`),
    "/api/preview/sample": connections.map((id) => `/api/preview/sample?connectionId=${id}&topics=${topic}&limit=5`),
    "/api/tasks": ["/api/tasks"],
    "/api/tasks/[id]": tasks.map((id) => `/api/tasks/${id}`),
    "/api/tasks/[id]/events": tasks.map((id) => `/api/tasks/${id}/events?limit=500`),
    "/api/tasks/[id]/rules": tasks.map((id) => `/api/tasks/${id}/rules`),
    "/api/tasks/[id]/versions": tasks.map((id) => `/api/tasks/${id}/versions`),
    "/api/tasks/[id]/series": tasks.flatMap((id) => ["15m", "7d"].map((range) => `/api/tasks/${id}/series?range=${range}`)),
    "/api/tasks/[id]/dead-letters": tasks.map((id) => `/api/tasks/${id}/dead-letters`),
    "/api/tasks/[id]/dead-letters/groups": tasks.map((id) => `/api/tasks/${id}/dead-letters/groups`),
    "/api/tasks/[id]/dead-letters/letter": tasks.map((id) => `/api/tasks/${id}/dead-letters/letter?partition=0&offset=0`),
    "/api/tasks/[id]/dead-letters/replays": tasks.map((id) => `/api/tasks/${id}/dead-letters/replays`),
    "/api/tasks/[id]/dead-letters/replays/[replayId]": tasks.map((id) => `/api/tasks/${id}/dead-letters/replays/none`),
    "/api/tasks/[id]/discards": tasks.map((id) => `/api/tasks/${id}/discards`),
    "/api/tasks/[id]/held": tasks.map((id) => `/api/tasks/${id}/held`),
    "/api/tasks/[id]/indices": tasks.map((id) => `/api/tasks/${id}/indices`),
    "/api/tasks/[id]/documents": tasks.map((id) => `/api/tasks/${id}/documents`),
    "/api/tasks/[id]/documents/[index]/[docId]": tasks.map((id) => `/api/tasks/${id}/documents/none/none`),
    "/api/tasks/[id]/messages/[topic]/[partition]/[offset]": tasks.map((id) => `/api/tasks/${id}/messages/${topic}/0/0`),
    // Prometheus text, not JSON: task names and counters, never a connection's secret.
    "/api/metrics": ["/api/metrics"],
    "/api/auth/[...all]": ["/api/auth/get-session", "/api/auth/list-sessions"],
    "/api/me": ["/api/me"],
    "/api/tokens": ["/api/tokens"],
    "/api/users": ["/api/users"],
    "/api/audit": ["/api/audit?limit=500"],
    "/api/webhooks": ["/api/webhooks"],
    "/api/webhooks/[id]": [`/api/webhooks/${webhook}`],
  };
  const getRoutes = API_ROUTES.filter((r) => r.methods.includes("GET")).map((r) => r.pattern);
  expect(
    getRoutes.filter((p) => !(p in fill)),
    "GET routes this walk does not call",
  ).toEqual([]);
  for (const pattern of getRoutes) {
    for (const path of fill[pattern] ?? []) {
      const { status } = await call("GET", path, undefined, pattern.startsWith("/api/auth/") ? { cookie, authorization: "" } : {});
      // 502/504 are fine here (the brokers refuse these credentials); a 500 would be a bug of its own.
      expect(status, `GET ${path}`).not.toBe(500);
    }
  }
  for (const id of tasks) {
    await call("POST", `/api/tasks/${id}/stop`);
  }

  expect(answers.length).toBeGreaterThan(30);
  expect(answers.filter((a) => a.body.includes(CANARY)).map((a) => a.what)).toEqual([]);

  // The logs were captured (the web printed its start, the worker its work on these tasks) and hold no secret.
  const web = stack.webLogs.join("");
  const worker = workerLogs.join("") + (stack.workers[0]?.logs.join("") ?? "");
  expect(web.length).toBeGreaterThan(0);
  expect(worker).toContain(tasks[0]);
  expect(web.includes(CANARY), "web log holds the canary").toBe(false);
  expect(worker.includes(CANARY), "worker log holds the canary").toBe(false);

  // Postgres: every table, every column; the sealed secrets column only as ciphertext (and it does hold them).
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const tables = (
      await db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
    ).rows.map((r) => r.t);
    expect(tables).toEqual(expect.arrayContaining(["connections", "tasks", "task_events", "task_config_versions", "audit_log", "users"]));
    const hits = async (needle: string) => {
      const found: string[] = [];
      for (const t of tables) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" r WHERE strpos(to_jsonb(r)::text, $1) > 0`, [needle]);
        if ((rows[0]?.n ?? 0) > 0) {
          found.push(t);
        }
      }
      return found;
    };
    expect(await hits(CANARY)).toEqual([]);
    expect(await hits(tasks[0] as string), "the search finds what is there").toEqual(expect.arrayContaining(["tasks", "task_events", "task_config_versions"]));
    const box = new SecretBox(stack.env.OUTFLOW_SECRET_KEY ?? "");
    const sealed = (await db.query<{ id: string; secrets: string }>("SELECT id, secrets FROM connections WHERE id = ANY($1)", [connections])).rows;
    const opened = Object.fromEntries(sealed.map((r) => [r.id, JSON.stringify(box.open(r.secrets))]));
    expect(opened[kafkaSasl]).toContain(SECRET.sasl);
    expect(opened[kafkaTls]).toContain(SECRET.tlsKey);
    expect(opened[esBasic]).toContain(SECRET.esPassword);
    expect(opened[esApiKey]).toContain(SECRET.esApiKey);
    const [hook] = (await db.query<{ secret: string }>("SELECT secret FROM webhooks WHERE id = $1", [webhook])).rows;
    expect(box.open(hook?.secret ?? "")).toBe(SECRET.webhook);
  } finally {
    await db.end();
  }

  // Redis: every key under the stack's prefix, whatever its type.
  const redis = new Redis(SERVICES.redisUrl);
  try {
    const prefix = stack.env.QUEUE_PREFIX ?? "";
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", "500");
      cursor = next;
      keys.push(...batch);
    } while (cursor !== "0");
    expect(keys.length).toBeGreaterThan(0);
    let dump = "";
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === "string"
          ? await redis.get(key)
          : type === "hash"
            ? await redis.hgetall(key)
            : type === "list"
              ? await redis.lrange(key, 0, -1)
              : type === "set"
                ? await redis.smembers(key)
                : type === "zset"
                  ? await redis.zrange(key, "0", "-1", "WITHSCORES")
                  : type === "stream"
                    ? await redis.xrange(key, "-", "+")
                    : `(${type})`;
      dump += `${key} ${JSON.stringify(value)}\n`;
    }
    // Finished jobs are removed (removeOnComplete), but the queues' hashes and streams are read: their job names show.
    expect(dump, "the dump holds the queues' contents").toContain('"name":"task.reconcile"');
    expect(dump.includes(CANARY), "Redis holds the canary").toBe(false);
  } finally {
    redis.disconnect();
  }
});
