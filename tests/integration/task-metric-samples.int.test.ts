import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { type Db, disconnectAll, getPrisma } from "@outflow/db/client";
import { insertConnection } from "@outflow/db/connections";
import { applyMigrations } from "@outflow/db/migrate";
import { SecretBox } from "@outflow/db/secret-box";
import { readRate, recordSample } from "@outflow/db/task-metric-samples";
import { addPartitionCounts } from "@outflow/db/task-metrics";
import { insertTask } from "@outflow/db/tasks";
import { TaskConfig } from "@outflow/schemas/task-config";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { ROOT } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ZERO = { messagesIn: 0, bytesIn: 0, messagesWritten: 0, documentsWritten: 0, filtered: 0, dropped: 0, discarded: 0, deadLettered: 0, failed: 0 };

describe("task metric samples (real Postgres)", () => {
  let db: Db;

  beforeAll(async () => {
    const url = new URL(SERVICES.postgresUrl);
    url.pathname = `/${uniqueName("it_samples").replace(/-/g, "_")}`;
    await applyMigrations(url.toString(), join(ROOT, "prisma/migrations"));
    db = getPrisma(url.toString());
  });
  afterAll(disconnectAll);

  async function newTask() {
    const box = new SecretBox(randomBytes(32).toString("base64"));
    const kafka = await insertConnection(db, box, { kind: "kafka", name: uniqueName("k"), brokers: ["127.0.0.1:9092"] });
    const es = await insertConnection(db, box, { kind: "elasticsearch", name: uniqueName("e"), nodes: ["http://127.0.0.1:9200"], auth: { type: "none" } });
    const config = TaskConfig.parse({ source: { connectionId: kafka.id, topics: ["t"] }, sink: { connectionId: es.id, index: "i" } });
    return insertTask(db, { name: uniqueName("task"), config }, { userId: "test-user", email: "test@outflow.test" });
  }

  it("reads the rate from the samples of the last seconds: the recent traffic, and 0 once it stopped", async () => {
    const samples = async (totals: [secondsAgo: number, messagesIn: number][]) => {
      const task = await newTask();
      const now = Date.now();
      for (const [ago, n] of totals) {
        await db.taskMetricSample.create({ data: { taskId: task.id, at: new Date(now - ago * 1000), messagesIn: BigInt(n), documentsWritten: 0n } });
      }
      return readRate(db, task.id);
    };
    // Idle for half a minute, then 100 msg/s for 2 s: 100/s, not an average since the first sample.
    expect(
      await samples([
        [30, 0],
        [2.1, 0],
        [1.1, 100],
        [0.1, 200],
      ]),
    ).toBeCloseTo(100, 0);
    // 100 msg/s that stopped 4 s ago (samples go on): 0.
    expect(
      await samples([
        [6.1, 0],
        [5.1, 100],
        [4.1, 200],
        [1.1, 200],
        [0.1, 200],
      ]),
    ).toBe(0);
    // No sample in the last window (no runner): 0.
    expect(
      await samples([
        [40, 0],
        [39, 500],
      ]),
    ).toBe(0);
    // Samples written by recordSample after metrics are added: the same figure.
    const task = await newTask();
    await addPartitionCounts(db, task.id, "t", 0, { ...ZERO, messagesIn: 500 }, "500", null);
    await recordSample(db, task.id);
    await new Promise((r) => setTimeout(r, 1000));
    await addPartitionCounts(db, task.id, "t", 0, { ...ZERO, messagesIn: 100 }, "600", null);
    await recordSample(db, task.id);
    const rate = await readRate(db, task.id);
    // 100 messages between the two samples, by their stored instants (the database's clock)
    const [a, b] = await db.taskMetricSample.findMany({ where: { taskId: task.id }, orderBy: { at: "asc" } });
    expect(rate).toBeCloseTo(100 / (((b?.at.getTime() ?? 0) - (a?.at.getTime() ?? 0)) / 1000), 0);
  });
});
