import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { type Db, getPrisma } from "@outflow/db/client";
import { insertConnection } from "@outflow/db/connections";
import { applyMigrations } from "@outflow/db/migrate";
import { SecretBox } from "@outflow/db/secret-box";
import { insertTask, type TaskRecord } from "@outflow/db/tasks";
import { TaskConfig } from "@outflow/schemas/task-config";
import { SERVICES, uniqueName } from "./services";
import { ROOT } from "./stack";

/** A fresh Postgres database with every migration applied, for tests of the db layer alone (no web app, no worker). */
export async function migratedDb(prefix: string): Promise<Db> {
  const url = new URL(SERVICES.postgresUrl);
  url.pathname = `/${uniqueName(prefix).replace(/-/g, "_")}`;
  await applyMigrations(url.toString(), join(ROOT, "prisma/migrations"));
  return getPrisma(url.toString());
}

/** A task of topic `t` into index `i`, with a Kafka and an Elasticsearch connection of its own. */
export async function insertPlainTask(db: Db): Promise<TaskRecord> {
  const box = new SecretBox(randomBytes(32).toString("base64"));
  const kafka = await insertConnection(db, box, { kind: "kafka", name: uniqueName("k"), brokers: ["127.0.0.1:9092"] });
  const es = await insertConnection(db, box, { kind: "elasticsearch", name: uniqueName("e"), nodes: ["http://127.0.0.1:9200"], auth: { type: "none" } });
  const config = TaskConfig.parse({ source: { connectionId: kafka.id, topics: ["t"] }, sink: { connectionId: es.id, index: "i" } });
  return insertTask(db, { name: uniqueName("task"), config }, { userId: "test-user", email: "test@outflow.test" });
}
