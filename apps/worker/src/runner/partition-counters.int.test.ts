import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { type Db, disconnectAll, getPrisma } from "@outflow/db/client";
import { insertConnection } from "@outflow/db/connections";
import { applyMigrations } from "@outflow/db/migrate";
import { SecretBox } from "@outflow/db/secret-box";
import { readPartitionMetrics } from "@outflow/db/task-metrics";
import { insertTask } from "@outflow/db/tasks";
import { TaskConfig } from "@outflow/schemas/task-config";
import { SERVICES, uniqueName } from "@outflow/testing/services";
import { ROOT } from "@outflow/testing/stack";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PartitionCounters } from "./partition-counters";

let db: Db;

beforeAll(async () => {
  const url = new URL(SERVICES.postgresUrl);
  url.pathname = `/${uniqueName("it_counters").replace(/-/g, "_")}`;
  await applyMigrations(url.toString(), join(ROOT, "prisma/migrations"));
  db = getPrisma(url.toString());
  // Postgres itself refuses the counter writes of a partition while it is listed in refuse_partitions.
  await db.$executeRawUnsafe(`CREATE TABLE refuse_partitions (partition int PRIMARY KEY)`);
  await db.$executeRawUnsafe(`
    CREATE FUNCTION refuse_listed() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM refuse_partitions WHERE partition = NEW.partition) THEN
        RAISE EXCEPTION 'counter write of partition % refused', NEW.partition;
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TRIGGER refuse_listed BEFORE INSERT OR UPDATE ON task_partition_metrics FOR EACH ROW EXECUTE FUNCTION refuse_listed()`);
});
afterAll(disconnectAll);

it("a Postgres write failing for one partition's counters loses no partition's counts (real Postgres)", async () => {
  const box = new SecretBox(randomBytes(32).toString("base64"));
  const kafka = await insertConnection(db, box, { kind: "kafka", name: uniqueName("k"), brokers: ["127.0.0.1:9092"] });
  const es = await insertConnection(db, box, { kind: "elasticsearch", name: uniqueName("e"), nodes: ["http://127.0.0.1:9200"], auth: { type: "none" } });
  const config = TaskConfig.parse({ source: { connectionId: kafka.id, topics: ["t"] }, sink: { connectionId: es.id, index: "i" } });
  const task = await insertTask(db, { name: uniqueName("task"), config }, { userId: "u", email: "u@outflow.test" });

  const counters = new PartitionCounters();
  const expected = [0, 0, 0, 0];
  const count = (p: number, n: number) => {
    expected[p] = (expected[p] ?? 0) + n;
    counters.add("t", p, { messagesIn: n, messagesWritten: n }, String(expected[p]), "0");
  };
  for (const p of [0, 1, 2, 3]) {
    count(p, 5 + p);
  }
  await counters.flush(db, task.id);
  await db.$executeRawUnsafe(`INSERT INTO refuse_partitions VALUES (1)`);
  for (const p of [1, 0, 2, 3]) {
    count(p, 10);
  }
  await expect(counters.flush(db, task.id)).rejects.toThrow(/partition 1 refused/);
  count(3, 4);
  await expect(counters.flush(db, task.id)).rejects.toThrow(/partition 1 refused/);
  await db.$executeRawUnsafe(`DELETE FROM refuse_partitions`);
  await counters.flush(db, task.id);

  const m = await readPartitionMetrics(db, task.id);
  expect(m.partitions.map((p) => p.messagesIn)).toEqual(expected);
  expect(m.partitions.map((p) => p.committedOffset)).toEqual(expected.map(String));
});
