import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { type Db, disconnectAll, getPrisma } from "@outflow/db/client";
import { insertConnection } from "@outflow/db/connections";
import { applyMigrations } from "@outflow/db/migrate";
import { SecretBox } from "@outflow/db/secret-box";
import { addPartitionCounts, readPartitionMetrics } from "@outflow/db/task-metrics";
import { deleteTask, insertTask } from "@outflow/db/tasks";
import { TaskConfig } from "@outflow/schemas/task-config";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { ROOT } from "@outflow/testing/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ZERO = { messagesIn: 0, bytesIn: 0, messagesWritten: 0, documentsWritten: 0, filtered: 0, dropped: 0, discarded: 0, deadLettered: 0, failed: 0 };

describe("addPartitionCounts (real Postgres)", () => {
  let db: Db;

  beforeAll(async () => {
    const url = new URL(SERVICES.postgresUrl);
    url.pathname = `/${uniqueName("it_metrics").replace(/-/g, "_")}`;
    await applyMigrations(url.toString(), join(ROOT, "prisma/migrations"));
    db = getPrisma(url.toString());
  });
  afterAll(disconnectAll);

  async function newTask() {
    const box = new SecretBox(randomBytes(32).toString("base64"));
    const kafka = await insertConnection(db, box, { kind: "kafka", name: uniqueName("k"), brokers: ["127.0.0.1:9092"] });
    const es = await insertConnection(db, box, { kind: "elasticsearch", name: uniqueName("e"), nodes: ["http://127.0.0.1:9200"], auth: { type: "none" } });
    const config = TaskConfig.parse({ source: { connectionId: kafka.id, topics: ["t"] }, sink: { connectionId: es.id, index: "i" } });
    return insertTask(db, { name: uniqueName("task"), config });
  }

  it("adds counts per partition and keeps the last committed offset", async () => {
    const task = await newTask();
    await addPartitionCounts(db, task.id, "t", 0, { ...ZERO, messagesIn: 3, documentsWritten: 3 }, "3", null);
    await addPartitionCounts(db, task.id, "t", 0, { ...ZERO, messagesIn: 2, filtered: 2 }, null, "boom");
    const m = await readPartitionMetrics(db, task.id);
    expect(m.partitions).toHaveLength(1);
    expect(m.totals).toMatchObject({ messagesIn: 5, documentsWritten: 3, filtered: 2 });
    expect(m.partitions[0]?.committedOffset).toBe("3");
    expect(m.lastError).toBe("boom");
  });

  it("adds nothing, and raises nothing, once the task is deleted", async () => {
    const task = await newTask();
    await deleteTask(db, task.id);
    await expect(addPartitionCounts(db, task.id, "t", 0, { ...ZERO, messagesIn: 1 }, "1", null)).resolves.toBeUndefined();
    expect(await db.taskPartitionMetric.count({ where: { taskId: task.id } })).toBe(0);
  });
});
