import { ErrorResponse, HTTP_STATUS } from "@outflow/schemas/errors";
import type { ApiClient } from "@outflow/testing/api-client";
import { createTopic, produce } from "@outflow/testing/kafka";
import { Outflow } from "@outflow/testing/outflow";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { ROOT, Stack } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AUDIT_QUERIES,
  EVENTS_QUERIES,
  HOSTILE_BODIES,
  HOSTILE_IDS,
  mutate,
  OVERSIZED_BODY,
  PREVIEW_SAMPLE_QUERIES,
  pick,
  type Random,
  SAMPLE_QUERIES,
  SERIES_QUERIES,
  seededRandom,
  TASKS_QUERIES,
} from "./api-fuzz-inputs";
import { AUTH_LIBRARY_PATHS, apiRouteFiles } from "./api-route-files";

/** npm test runs 1,200 requests from one seed; npm run test:security more, from other seeds (OUTFLOW_FUZZ_*). */
const SEED = Number(process.env.OUTFLOW_FUZZ_SEED ?? 20_201);
const REQUESTS = Number(process.env.OUTFLOW_FUZZ_REQUESTS ?? 1_200);
const CONCURRENCY = 4;

/** Selections of dead letters for the test and replay routes: each kind, and one that is not. */
const DEAD_LETTER_SELECTIONS = [
  { kind: "all" },
  { kind: "group", group: "parse-00000000" },
  { kind: "letters", letters: [{ partition: 0, offset: "0" }] },
  { kind: "x" },
];

type Outcome = { method: string; path: string; body: string | undefined; status: number; text: string };

/**
 * A seeded, bounded fuzz of every route file under apps/web/src/app/api and every method it exports (read from the
 * files, the auth library's catch-all included) on the real services: hostile ids, query values and bodies (see
 * api-fuzz-inputs.ts), and valid bodies with random parts replaced. No answer may be a 5xx; every 4xx carries the
 * error envelope with the code that belongs to its status, except the auth library's own errors, which are JSON in
 * its format (`{code, message}`).
 */
describe("HTTP API fuzz", () => {
  let stack: Stack;
  let api: ApiClient;
  let outflow: Outflow;
  const topic = uniqueName("it-fuzz-t");

  beforeAll(async () => {
    stack = await Stack.start({ workers: 0 });
    api = stack.api;
    outflow = await Outflow.connect(api);
    await createTopic(topic, 1);
    await produce(topic, [{ value: '{"a":1}' }, { value: "not json" }]);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  function checkOutcome(o: Outcome): string | undefined {
    const where = `${o.method} ${o.path.slice(0, 120)} (body ${o.body === undefined ? "none" : JSON.stringify(o.body.slice(0, 80))})`;
    if (o.status >= 500) {
      return `${where}: ${o.status} ${o.text.slice(0, 300)}`;
    }
    if (o.status >= 400) {
      let body: unknown;
      try {
        body = JSON.parse(o.text);
      } catch {
        return `${where}: ${o.status} without a JSON body: ${JSON.stringify(o.text.slice(0, 200))}`;
      }
      if (o.path.startsWith("/api/auth/") && typeof (body as { message?: unknown } | null)?.message === "string") {
        // better-auth's own error format (its routes do not go through route()); what it lacks gets the envelope below.
        return undefined;
      }
      const envelope = ErrorResponse.safeParse(body);
      if (!envelope.success) {
        return `${where}: ${o.status} with a malformed envelope: ${o.text.slice(0, 200)}`;
      }
      if (HTTP_STATUS[envelope.data.error.code] !== o.status) {
        return `${where}: ${o.status} with code ${envelope.data.error.code}`;
      }
    }
    return undefined;
  }

  async function send(method: string, path: string, body: string | undefined, contentType = "application/json"): Promise<Outcome> {
    const res = await api.send(method, path, { body, headers: body === undefined && method === "GET" ? {} : { "content-type": contentType } });
    return { method, path, body, status: res.status, text: await res.text() };
  }

  it(
    `${REQUESTS} seeded requests over every route file and method it exports answer no 5xx, and every 4xx in its error envelope`,
    async () => {
      const rnd = seededRandom(SEED);
      // Connections the fuzz may edit or delete; the stack's own (outflow.kafkaId/esId) stay intact for tasks and samples.
      const victimKafka = await api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("fz-k"), brokers: SERVICES.kafkaBrokers });
      const victimEs = await api.post<{ id: string }>("/api/connections", {
        kind: "elasticsearch",
        name: uniqueName("fz-e"),
        nodes: [SERVICES.elasticsearchUrl],
      });
      const config = outflow.config({ topics: [topic], index: uniqueName("it-fuzz-i"), rules: [{ type: "add", field: "$.x", value: 1 }] });
      const task = await outflow.createTask(config);

      // The first create with this name succeeds, the others are 409.
      const takenName = uniqueName("fz-taken");
      const kafkaConnection = { kind: "kafka", name: "fz", brokers: SERVICES.kafkaBrokers };
      const esConnection = { kind: "elasticsearch", name: "fz", nodes: [SERVICES.elasticsearchUrl], auth: { type: "basic", username: "u", password: "p" } };
      const rules = {
        outflow: "rules",
        version: 1,
        rules: [
          { type: "rename", from: "$.a", to: "$.b" },
          { type: "lowercase", field: "$.b" },
        ],
      };
      const previewBody = {
        config,
        messages: [{ value: '{"a":"X"}' }, { value: "eyJhIjoxfQ==", valueEncoding: "base64" }, { value: "%%%not base64", valueEncoding: "base64" }],
      };
      const taskIds = () => pick(rnd, [task.id, task.id, task.id, ...HOSTILE_IDS]);
      const connIds = () => pick(rnd, [victimKafka.id, victimEs.id, ...HOSTILE_IDS]);
      const readConnIds = () => pick(rnd, [outflow.kafkaId, outflow.esId, outflow.kafkaId, ...HOSTILE_IDS]);

      // Records the fuzz may edit or delete: never the stack's admin, its token or its connections.
      const victimUserEmail = `${uniqueName("fz")}@example.com`;
      const victimUser = await api.post<{ id: string }>("/api/users", {
        name: "fz",
        email: victimUserEmail,
        password: "fuzz-password-1",
        role: "viewer",
      });
      const victimToken = await api.post<{ id: string }>("/api/tokens", { name: uniqueName("fz"), expiresInDays: 1 });
      const webhookBody = { name: "fz", url: "https://hooks.example.com/outflow", secret: "fz-secret-0123456789", events: ["firing"] };
      const victimWebhook = await api.post<{ id: string }>("/api/webhooks", { ...webhookBody, name: uniqueName("fz") });
      const userIds = () => pick(rnd, [victimUser.id, ...HOSTILE_IDS]);
      const webhookIds = () => pick(rnd, [victimWebhook.id, victimWebhook.id, ...HOSTILE_IDS]);
      const versions = () => pick(rnd, ["1", "1", "2", "0", "-1", "999999", "1.5", "x", "%ff", "9223372036854775808"]);

      /** Each route file's methods: where they are sent and, for some, a valid body the fuzz mutates. */
      type Route = { path: () => string; valid?: () => unknown };
      let tasksQueries = 0;
      let previewSampleQueries = 0;
      const ROUTES: Record<string, Route> = {
        "GET /api/health": { path: () => "/api/health" },
        "GET /api/metrics": { path: () => "/api/metrics" },
        "GET /api/connections": { path: () => "/api/connections" },
        "POST /api/connections": {
          path: () => "/api/connections",
          valid: () => ({ ...pick(rnd, [kafkaConnection, esConnection]), name: pick(rnd, [uniqueName("fz"), takenName]) }),
        },
        "POST /api/connections/test": { path: () => "/api/connections/test", valid: () => pick(rnd, [kafkaConnection, esConnection]) },
        "GET /api/connections/[id]": { path: () => `/api/connections/${readConnIds()}` },
        "PATCH /api/connections/[id]": {
          path: () => `/api/connections/${connIds()}`,
          valid: () => pick(rnd, [{ name: uniqueName("fz") }, { brokers: SERVICES.kafkaBrokers }, { auth: null }]),
        },
        "DELETE /api/connections/[id]": { path: () => `/api/connections/${pick(rnd, HOSTILE_IDS)}` },
        "POST /api/connections/[id]/test": { path: () => `/api/connections/${readConnIds()}/test` },
        "GET /api/connections/[id]/topics": { path: () => `/api/connections/${readConnIds()}/topics` },
        "GET /api/connections/[id]/sample": { path: () => `/api/connections/${readConnIds()}/sample${pick(rnd, SAMPLE_QUERIES(topic))}` },
        "GET /api/connections/[id]/schemas/[schemaId]": {
          path: () => `/api/connections/${readConnIds()}/schemas/${pick(rnd, ["1", "0", "4294967295", "4294967296", "-1", "x", "1.5", "%00"])}`,
        },
        // In turn, not drawn: the seeded sequence of every other request does not depend on how many queries there are.
        "GET /api/tasks": { path: () => `/api/tasks${TASKS_QUERIES[tasksQueries++ % TASKS_QUERIES.length]}` },
        "POST /api/tasks": { path: () => "/api/tasks", valid: () => ({ name: uniqueName("fz"), config }) },
        "GET /api/tasks/[id]": { path: () => `/api/tasks/${taskIds()}` },
        "PATCH /api/tasks/[id]": {
          path: () => `/api/tasks/${taskIds()}`,
          valid: () => pick(rnd, [{ name: uniqueName("fz") }, { config: { rules: config.rules } }, { config: { sink: { index: "fz-x" } } }]),
        },
        "PUT /api/tasks/[id]": { path: () => `/api/tasks/${taskIds()}`, valid: () => ({ name: uniqueName("fz"), config }) },
        "DELETE /api/tasks/[id]": { path: () => `/api/tasks/${pick(rnd, HOSTILE_IDS)}` },
        "POST /api/tasks/[id]/start": { path: () => `/api/tasks/${taskIds()}/start` },
        "POST /api/tasks/[id]/stop": { path: () => `/api/tasks/${taskIds()}/stop` },
        "POST /api/tasks/[id]/reset-offsets": {
          path: () => `/api/tasks/${taskIds()}/reset-offsets`,
          valid: () => pick(rnd, [{ type: "earliest" }, { type: "offsets", offsets: [{ topic, partition: 0, offset: "1" }] }]),
        },
        "GET /api/tasks/[id]/events": { path: () => `/api/tasks/${taskIds()}/events${pick(rnd, EVENTS_QUERIES)}` },
        "GET /api/tasks/[id]/series": { path: () => `/api/tasks/${taskIds()}/series${pick(rnd, SERIES_QUERIES)}` },
        "GET /api/tasks/[id]/indices": { path: () => `/api/tasks/${taskIds()}/indices${pick(rnd, ["", "?limit=0", "?limit=101", "?offset=-1", "?offset=x"])}` },
        "GET /api/tasks/[id]/documents": {
          path: () =>
            `/api/tasks/${taskIds()}/documents${pick(rnd, ["", "?limit=101", "?offset=9990&limit=20", "?q=(((", "?field=a%20b", "?from=x&field=at", "?index=%ff", "?q=%00", "?field=at&from=2026-01-01T00:00:00Z"])}`,
        },
        "GET /api/tasks/[id]/documents/[index]/[docId]": {
          path: () => `/api/tasks/${taskIds()}/documents/${pick(rnd, ["fz-x", "%ff", "A", "_all"])}/${pick(rnd, HOSTILE_IDS)}`,
        },
        "GET /api/tasks/[id]/messages/[topic]/[partition]/[offset]": {
          path: () =>
            `/api/tasks/${taskIds()}/messages/${pick(rnd, [topic, "x", "%ff"])}/${pick(rnd, ["0", "-1", "x", "99999"])}/${pick(rnd, ["0", "-1", "1e3", "99999999999999999999"])}`,
        },
        "GET /api/tasks/[id]/rules": { path: () => `/api/tasks/${taskIds()}/rules` },
        "PUT /api/tasks/[id]/rules": { path: () => `/api/tasks/${taskIds()}/rules`, valid: () => rules },
        "GET /api/tasks/[id]/versions": {
          path: () => `/api/tasks/${taskIds()}/versions${pick(rnd, ["", "?limit=0", "?limit=abc", "?before=%ff", "?before=2"])}`,
        },
        "POST /api/tasks/[id]/versions/[version]/restore": { path: () => `/api/tasks/${taskIds()}/versions/${versions()}/restore` },
        "GET /api/tasks/[id]/held": { path: () => `/api/tasks/${taskIds()}/held${pick(rnd, ["", "?limit=0", "?limit=101", "?offset=-1", "?offset=x"])}` },
        "POST /api/tasks/[id]/held/skip": { path: () => `/api/tasks/${taskIds()}/held/skip`, valid: () => ({ topic, partition: 0, offset: "1" }) },
        "POST /api/tasks/[id]/held/retry": { path: () => `/api/tasks/${taskIds()}/held/retry` },
        "GET /api/tasks/[id]/dead-letters": {
          path: () =>
            `/api/tasks/${taskIds()}/dead-letters${pick(rnd, ["", "?limit=0", "?limit=201", "?offset=-1", "?group=x", "?group=parse-00000000", "?nope=1"])}`,
        },
        "GET /api/tasks/[id]/dead-letters/groups": { path: () => `/api/tasks/${taskIds()}/dead-letters/groups` },
        "GET /api/tasks/[id]/dead-letters/letter": {
          path: () =>
            `/api/tasks/${taskIds()}/dead-letters/letter${pick(rnd, ["", "?partition=0&offset=0", "?partition=-1&offset=0", "?partition=0&offset=x", "?partition=99999&offset=99999999999999999999"])}`,
        },
        "POST /api/tasks/[id]/dead-letters/test": {
          path: () => `/api/tasks/${taskIds()}/dead-letters/test`,
          valid: () => ({
            selection: pick(rnd, DEAD_LETTER_SELECTIONS),
          }),
        },
        "GET /api/tasks/[id]/dead-letters/replays": {
          path: () => `/api/tasks/${taskIds()}/dead-letters/replays${pick(rnd, ["", "?limit=0", "?limit=101", "?offset=x"])}`,
        },
        "POST /api/tasks/[id]/dead-letters/replays": {
          path: () => `/api/tasks/${taskIds()}/dead-letters/replays`,
          valid: () => ({
            selection: pick(rnd, DEAD_LETTER_SELECTIONS),
            force: pick(rnd, [true, false]),
          }),
        },
        "GET /api/tasks/[id]/dead-letters/replays/[replayId]": { path: () => `/api/tasks/${taskIds()}/dead-letters/replays/${pick(rnd, HOSTILE_IDS)}` },
        "GET /api/tasks/[id]/discards": { path: () => `/api/tasks/${taskIds()}/discards${pick(rnd, ["", "?limit=0", "?limit=101", "?offset=-1"])}` },
        "POST /api/rules/validate": { path: () => "/api/rules/validate", valid: () => rules },
        "POST /api/preview": { path: () => "/api/preview", valid: () => previewBody },
        "GET /api/preview/sample": {
          path: () =>
            `/api/preview/sample?connectionId=${outflow.kafkaId}${PREVIEW_SAMPLE_QUERIES(topic)[previewSampleQueries++ % PREVIEW_SAMPLE_QUERIES(topic).length]}`,
        },
        "POST /api/preview/index-template": {
          path: () => "/api/preview/index-template",
          valid: () => ({
            connectionId: outflow.esId,
            name: uniqueName("fz-template"),
            indexPatterns: [`${uniqueName("fz-template")}*`],
            fields: [{ name: "clientip", type: "ip" }],
          }),
        },
        "POST /api/preview/dry-run": { path: () => "/api/preview/dry-run", valid: () => ({ config, limit: pick(rnd, [1, 5]) }) },
        "POST /api/setup": {
          path: () => "/api/setup",
          valid: () => ({ token: "not-the-setup-token", name: "fz", email: `${uniqueName("fz")}@example.com`, password: "fuzz-password-1" }),
        },
        "GET /api/me": { path: () => "/api/me" },
        "PATCH /api/me": { path: () => "/api/me", valid: () => ({ locale: pick(rnd, ["en", "zh-CN", null]) }) },
        "GET /api/tokens": { path: () => "/api/tokens" },
        "POST /api/tokens": { path: () => "/api/tokens", valid: () => ({ name: uniqueName("fz"), expiresInDays: pick(rnd, [1, 30, 366]) }) },
        "DELETE /api/tokens/[id]": { path: () => `/api/tokens/${pick(rnd, [victimToken.id, ...HOSTILE_IDS])}` },
        "GET /api/users": { path: () => "/api/users" },
        "POST /api/users": {
          path: () => "/api/users",
          valid: () => ({ name: "fz", email: `${uniqueName("fz")}@example.com`, password: "fuzz-password-1", role: pick(rnd, ["viewer", "editor"]) }),
        },
        "PATCH /api/users/[id]": { path: () => `/api/users/${userIds()}`, valid: () => pick(rnd, [{ role: "editor" }, { password: "fuzz-password-2" }]) },
        "DELETE /api/users/[id]": { path: () => `/api/users/${pick(rnd, HOSTILE_IDS)}` },
        "GET /api/audit": { path: () => `/api/audit${pick(rnd, AUDIT_QUERIES)}` },
        "GET /api/webhooks": { path: () => `/api/webhooks${pick(rnd, ["", "?limit=0", "?limit=abc", "?cursor=%ff", "?cursor=x"])}` },
        "POST /api/webhooks": { path: () => "/api/webhooks", valid: () => ({ ...webhookBody, name: uniqueName("fz") }) },
        "GET /api/webhooks/[id]": { path: () => `/api/webhooks/${webhookIds()}` },
        "PATCH /api/webhooks/[id]": { path: () => `/api/webhooks/${webhookIds()}`, valid: () => pick(rnd, [{ name: uniqueName("fz") }, { enabled: false }]) },
        "DELETE /api/webhooks/[id]": { path: () => `/api/webhooks/${pick(rnd, HOSTILE_IDS)}` },
        "POST /api/webhooks/[id]/test": { path: () => `/api/webhooks/${webhookIds()}/test` },
        "GET /api/auth/[...all]": { path: () => `/api/auth/${pick(rnd, AUTH_LIBRARY_PATHS)}` },
        "POST /api/auth/[...all]": {
          path: () => `/api/auth/${pick(rnd, AUTH_LIBRARY_PATHS)}`,
          valid: () =>
            pick(rnd, [
              { email: victimUserEmail, password: "wrong-password-1" },
              { currentPassword: "x", newPassword: "fuzz-password-3" },
            ]),
        },
      };
      // Every method every route file exports has its entry, and nothing else: a new route is fuzzed or this fails.
      const fromFiles = apiRouteFiles(ROOT).flatMap((r) => r.methods.map((m) => `${m} ${r.pattern}`));
      expect(Object.keys(ROUTES).sort()).toEqual(fromFiles.sort());
      const routes = [
        ...Object.entries(ROUTES).map(([key, r]) => ({ method: key.split(" ")[0] as string, ...r })),
        // Paths and methods the API does not have.
        { method: "GET", path: () => pick(rnd, ["/api", "/api/", "/api/nope", "/api/tasks/x/nope", "/api/%ff", "/api/tasks/%ff/start"]) },
        {
          method: pick(rnd, ["DELETE", "PUT", "PATCH"]),
          path: () => pick(rnd, ["/api/health", "/api/tasks", "/api/preview", "/api/rules/validate", "/api/setup"]),
        },
      ];

      const next = (r: Random, route = pick(r, routes)): [string, string, string | undefined] => {
        const method = route.method;
        const roll = r();
        let body: string | undefined;
        if (method === "GET") {
          body = undefined;
        } else if (route.valid && roll < 0.55) {
          body = JSON.stringify(mutate(r, route.valid(), 1 + Math.floor(r() * 3)));
        } else if (route.valid && roll < 0.65) {
          body = JSON.stringify(route.valid());
        } else if (roll < 0.995) {
          body = pick(r, HOSTILE_BODIES);
        } else {
          body = OVERSIZED_BODY;
        }
        return [method, route.path(), body];
      };

      // Each route and method at least once, then at random.
      const planned = [...routes.map((route) => next(rnd, route)), ...Array.from({ length: REQUESTS }, () => next(rnd))];
      const problems: string[] = [];
      const statuses = new Map<number, number>();
      let cursor = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let i = cursor++; i < planned.length; i = cursor++) {
            const [method, path, body] = planned[i] as [string, string, string | undefined];
            const outcome = await send(method, path, body);
            statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
            const problem = checkOutcome(outcome);
            if (problem) {
              problems.push(problem);
            }
          }
        }),
      );
      console.log(
        `api fuzz: ${REQUESTS} requests in ${Math.round(performance.now() - started)} ms, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
      );
      expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
      // Not a fuzz that only ever hits the same wall: valid requests went through, and every kind of refusal showed up.
      for (const status of [200, 201, 400, 404, 405, 409, 413, 422]) {
        expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);
      }
    },
    Math.max(180_000, REQUESTS * 150),
  );

  it("two concurrent creates with the same name: one 201, one 409 (never a 500)", async () => {
    for (const [path, body] of [
      ["/api/connections", { kind: "kafka", name: uniqueName("race"), brokers: SERVICES.kafkaBrokers }],
      ["/api/tasks", { name: uniqueName("race"), config: outflow.config({ topics: [topic], index: uniqueName("it-fuzz-i") }) }],
    ] as const) {
      const answers = await Promise.all(Array.from({ length: 4 }, () => send("POST", path, JSON.stringify(body))));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses, answers.map((a) => a.text.slice(0, 200)).join("\n")).toEqual([201, 409, 409, 409]);
      for (const a of answers) {
        expect(checkOutcome(a)).toBeUndefined();
      }
    }
  });

  it("a merge patch with __proto__ changes nothing but what it names", async () => {
    const task = await outflow.createTask(outflow.config({ topics: [topic], index: uniqueName("it-fuzz-i") }));
    const res = await send("PATCH", `/api/tasks/${task.id}`, '{"config":{"__proto__":{"polluted":true},"sink":{"index":"fz-proto"}}}');
    expect(res.status, res.text).toBe(200);
    const after = JSON.parse(res.text) as { config: Record<string, unknown> & { sink: { index: string } } };
    expect(after.config.sink.index).toBe("fz-proto");
    expect(Object.keys(after.config)).not.toContain("polluted");
    expect(JSON.stringify(after.config)).not.toContain("polluted");
  });
});
