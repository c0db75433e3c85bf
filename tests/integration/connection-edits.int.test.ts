import { countDocs } from "@outflow/testing/elastic";
import { produce } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { SERVICES, uniqueName, waitFor } from "@outflow/testing/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** An edit of a connection reaches the running tasks that use it within seconds, as a task edit does. */
describe("connection edits", () => {
  const suite = new OutflowSuite("it-conn");
  beforeAll(suite.start);
  afterAll(suite.stop);

  it("fixing the nodes of a task's Elasticsearch connection restarts its clients: the documents arrive within seconds", async () => {
    const { topic, index } = await suite.freshTopic(1);
    const conn = await suite.api.post<{ id: string }>("/api/connections", {
      kind: "elasticsearch",
      name: uniqueName("es wrong port"),
      nodes: ["http://127.0.0.1:1"],
    });
    await produce(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ value: JSON.stringify({ id: `m${i}` }) })),
    );
    const task = await suite.outflow.run({ topics: [topic], index, sink: { connectionId: conn.id }, failure: { policy: "discard" } });
    const retrying = await suite.outflow.waitForStatus(task.id, "retrying", 60_000);
    expect(retrying.statusReason).toMatch(/ECONNREFUSED|refused/);
    // Long enough for the chunk's retry backoff to grow past the time allowed below.
    await new Promise((r) => setTimeout(r, 12_000));
    const editedAt = Date.now();
    await suite.api.patch(`/api/connections/${conn.id}`, { nodes: [SERVICES.elasticsearchUrl] });
    await waitFor("the 10 documents", async () => (await countDocs(suite.es, index)) === 10, 60_000, 250);
    const tookMs = Date.now() - editedAt;
    // Before, the task kept the client it started with and retried the old address until restarted by hand.
    expect(tookMs, "from the connection edit to the documents").toBeLessThan(10_000);
    const done = await suite.outflow.waitForNoLag(task.id);
    expect(done.metrics.totals).toMatchObject({ messagesWritten: 10, discarded: 0, deadLettered: 0 });
    const events = await suite.outflow.events(task.id);
    expect(events.some((e) => e.kind === "updated" && /^Connection .* was edited/.test(e.message))).toBe(true);
  });
});
