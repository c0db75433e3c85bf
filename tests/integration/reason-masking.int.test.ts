import { HIDDEN_VALUE } from "@outflow/schemas/reason-values";
import { deleteIndices, testElastic } from "@outflow/testing/elastic";
import { createTopic, produce } from "@outflow/testing/kafka";
import { Outflow } from "@outflow/testing/outflow";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { Stack, type StackUser } from "@outflow/testing/stack";
import { onlyFailedAlert, startWebhookReceiver } from "@outflow/testing/webhook-receiver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ONLY_FAILED = onlyFailedAlert(false);

/**
 * Failure reasons quote the failing value (a cast's input, Elasticsearch's "Preview of field's value", a document ID,
 * the text of a message that is not JSON): message contents. A viewer reads every route that returns a reason and
 * finds none of those values, only the placeholder; an editor reads them; a webhook's payload has them hidden.
 */
describe("failure reasons hide message contents from viewers", () => {
  let stack: Stack;
  let outflow: Outflow;
  let viewer: StackUser;
  let editor: StackUser;
  const es = testElastic();
  const canary = {
    cast: uniqueName("cnrycast"),
    preview: uniqueName("cnrypreview"),
    docId: uniqueName("cnrydoc"),
    json: `j${Math.random().toString(36).slice(2, 9)}`,
  };
  const taskIds: string[] = [];
  /** The cast task's held message: contents with U+2068 and U+2069 of their own, which an editor reads exactly. */
  let castValue: string;
  let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    stack = await Stack.start({ workers: 1, workerEnv: { ALERTS_EVERY_MS: "300", WEBHOOK_BACKOFF_MS: "200" } });
    outflow = await Outflow.connect(stack.api);
    viewer = await stack.createUser("viewer");
    editor = await stack.createUser("editor");
    hook = await startWebhookReceiver("/hook", []);
    const webhook = await stack.api.post<{ id: string }>("/api/webhooks", { name: uniqueName("hook"), url: hook.url, secret: "whsec-masking-test-0123456789" });

    // A cast that fails on the canary (stage rule, retained: status reason, failure point, failed event, alert).
    const castTopic = uniqueName("it-mask-cast");
    await createTopic(castTopic, 1);
    castValue = JSON.stringify({ id: "a", note: "\u2068x\u2069 \u2069stray\u2068", n: canary.cast });
    await produce(castTopic, [{ value: castValue }]);
    const cast = await outflow.createTask({
      ...outflow.config({
        topics: [castTopic],
        index: uniqueName("it-mask-i"),
        rules: [{ type: "cast", field: "n", as: "number" }],
        failure: { policy: "retain" },
      }),
      alerts: { ...ONLY_FAILED, webhookIds: [webhook.id] },
    });
    // Elasticsearch refuses the document: its reason quotes the document's ID and the field's value.
    const esTopic = uniqueName("it-mask-es");
    const esIndex = uniqueName("it-mask-i");
    await createTopic(esTopic, 1);
    await es.indices.create({ index: esIndex, mappings: { properties: { amount: { type: "long" } } } });
    await produce(esTopic, [{ value: JSON.stringify({ id: canary.docId, amount: canary.preview }) }]);
    const rejected = await outflow.createTask(
      outflow.config({ topics: [esTopic], index: esIndex, sink: { documentId: { type: "fields", fields: ["$.id"] } }, failure: { policy: "retain" } }),
    );
    // A message that is not JSON, discarded: the discard event and the last error quote it.
    const jsonTopic = uniqueName("it-mask-json");
    await createTopic(jsonTopic, 1);
    // Node quotes the first 10 characters of what JSON.parse refused: the canary is all of them.
    await produce(jsonTopic, [{ value: canary.json }]);
    const discarded = await outflow.createTask(outflow.config({ topics: [jsonTopic], index: uniqueName("it-mask-i"), failure: { policy: "discard" } }));

    for (const t of [cast, rejected, discarded]) {
      taskIds.push(t.id);
      await outflow.start(t.id);
    }
    await outflow.waitForStatus(cast.id, "failed");
    await outflow.waitForStatus(rejected.id, "failed");
    await outflow.waitForEvent(discarded.id, "message_discarded");
    await outflow.waitForEvent(cast.id, "alert_firing");
    await waitFor("the alert's webhook delivery", async () => hook.received[0], 30_000);
  }, 180_000);

  afterAll(async () => {
    hook?.server.close();
    await stack?.stop();
    await deleteIndices(es, "it-mask-i*");
  });

  /** Every GET a viewer may call that can quote a task's reasons, for each task (and the lists that span tasks). */
  function viewerRoutes(): string[] {
    return [
      "/api/tasks",
      "/api/tasks?status=failed",
      ...taskIds.flatMap((id) => [
        `/api/tasks/${id}`,
        `/api/tasks/${id}/events`,
        `/api/tasks/${id}/events?limit=500`,
        `/api/tasks/${id}/held`,
        `/api/tasks/${id}/series`,
        `/api/tasks/${id}/versions`,
      ]),
    ];
  }

  async function read(user: StackUser, path: string): Promise<{ status: number; text: string }> {
    const res = await user.api.send("GET", path);
    return { status: res.status, text: await res.text() };
  }

  it("an editor reads every failing value, without the marks around them", async () => {
    const seen = (await Promise.all(viewerRoutes().map((p) => read(editor, p)))).map((r) => r.text).join("\n");
    for (const [what, value] of Object.entries(canary)) {
      expect(seen, `the editor reads the ${what} value`).toContain(value);
    }
    expect(seen).not.toMatch(/[\u2068\u2069]/);
    const task = JSON.parse((await read(editor, `/api/tasks/${taskIds[0]}`)).text);
    expect(task.statusReason).toContain(`cannot cast string "${canary.cast}" to number`);
    expect(task.failurePoint.reason).toContain(canary.cast);
  });

  it("a viewer reads the reasons with each value hidden, on every route", async () => {
    let hidden = 0;
    for (const path of viewerRoutes()) {
      const { status, text } = await read(viewer, path);
      for (const [what, value] of Object.entries(canary)) {
        expect(text, `GET ${path} (${status}) shows the ${what} value to a viewer`).not.toContain(value);
      }
      hidden += text.split(HIDDEN_VALUE).length - 1;
    }
    expect(hidden).toBeGreaterThan(0);
    const [cast, rejected] = await Promise.all(taskIds.slice(0, 2).map(async (id) => JSON.parse((await read(viewer, `/api/tasks/${id}`)).text)));
    expect(cast.statusReason).toBe(`rule: rule 1 (cast): n: cannot cast string ${HIDDEN_VALUE} to number`);
    expect(cast.failurePoint).toMatchObject({ stage: "rule", reason: `rule 1 (cast): n: cannot cast string ${HIDDEN_VALUE} to number` });
    expect(rejected.statusReason).toMatch(/failed to parse field \[amount\] of type \[long\]/);
    expect(rejected.statusReason).toContain(`Preview of field's value: '${HIDDEN_VALUE}'`);
  });

  it("message contents with marks of their own: exact for an editor, beside the reason shown plain", async () => {
    const edited = await read(editor, `/api/tasks/${taskIds[0]}/held`);
    const [item] = JSON.parse(edited.text).items;
    expect(item.message.value).toBe(castValue);
    expect(item.reason).toContain(`cannot cast string "${canary.cast}" to number`);
    const viewed = await read(viewer, `/api/tasks/${taskIds[0]}/held`);
    expect(JSON.parse(viewed.text).items[0]).toMatchObject({ message: null, reason: expect.stringContaining(HIDDEN_VALUE) });
    expect(`${edited.text}${viewed.text}`).not.toMatch(/[\uE000\uE001]/);
  });

  it("the alert's webhook payload hides the values too", () => {
    const body = hook.received.map((r) => r.body).join("\n");
    expect(body).toContain("cannot cast string");
    expect(body).not.toContain(canary.cast);
    expect(body).toContain(HIDDEN_VALUE);
  });
});
