import { countDocs } from "@outflow/testing/elastic";
import { produce, type TestMessage } from "@outflow/testing/kafka";
import { OutflowSuite } from "@outflow/testing/outflow-suite";
import { uniqueName, waitFor } from "@outflow/testing/services";
import { startSilentBroker } from "@outflow/testing/silent-broker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The all-tasks reconcile pass (every second with the test timings): what one slow task may hold up. */
describe("reconcile", () => {
  const suite = new OutflowSuite("it-rec");
  beforeAll(suite.start);
  afterAll(suite.stop);

  const batch = (from: number, n: number): TestMessage[] => Array.from({ length: n }, (_, i) => ({ partition: 0, value: JSON.stringify({ n: from + i }) }));

  it("a stopped worker's task is claimed again at once while other tasks' start positions wait on a broker that never answers", async () => {
    // Tasks whose start position a silent broker holds for the reset client's 5 s request timeout: more of them than
    // the control queue runs jobs at once (4), and listed before the healthy task.
    const broker = await startSilentBroker();
    try {
      const silent = await suite.api.post<{ id: string }>("/api/connections", { kind: "kafka", name: uniqueName("silent"), brokers: [broker.address] });
      for (let i = 0; i < 6; i++) {
        const t = await suite.outflow.run({
          topics: [uniqueName(`${suite.prefix}-none`)],
          index: uniqueName(`${suite.prefix}-x`),
          source: { connectionId: silent.id },
        });
        await suite.outflow.waitForStatus(t.id, "retrying", 60_000);
      }
      const { topic, index } = await suite.freshTopic(1);
      await produce(topic, batch(0, 5));
      const healthy = await suite.outflow.run({ topics: [topic], index });
      await waitFor("the first 5 documents", async () => (await countDocs(suite.es, index)) === 5, 60_000);

      const { stack } = suite;
      const [first] = stack.workers;
      if (!first) {
        throw new Error("no worker");
      }
      const second = stack.startWorker();
      await stack.waitStarted(second);
      // A clean stop releases the slot (after its running jobs end) and asks for a pass over all tasks, which places
      // the slot's claim on the other worker.
      await stack.stopWorker(first);
      const stoppedAt = Date.now();
      await produce(topic, batch(5, 5));
      await waitFor("the next 5 documents", async () => (await countDocs(suite.es, index)) === 10, 120_000);
      const tookMs = Date.now() - stoppedAt;
      // 0.3-0.8 s; 2.9-4.0 s when a pass applied start positions in the order of its tasks, and the other worker's
      // passes each met a silent broker before they reached this task.
      expect(tookMs, "from the stopped worker's exit to the other worker writing the new messages").toBeLessThan(2_000);
      await suite.outflow.waitForNoLag(healthy.id);
    } finally {
      await broker.close();
    }
  });
});
