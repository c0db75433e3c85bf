import type { PartitionMetricRow } from "@outflow/schemas/prometheus";
import type { TaskStatus } from "@outflow/schemas/task";
import { type Db, Prisma } from "./client";

const NOT_COUNTERS = new Set(["taskId", "topic", "partition", "committedOffset", "endOffset", "lastError", "updatedAt", "offsetsReadAt", "taskName"]);

/**
 * Every row of task_partition_metrics with its task's name, for a Prometheus scrape: of the given tasks, or of all
 * tasks (`null`). Numeric columns are read by name (`m.*`), so a counter column added later is exposed as soon as it
 * exists.
 */
export async function readPartitionMetricRows(db: Db, taskIds: readonly string[] | null): Promise<PartitionMetricRow[]> {
  if (taskIds !== null && taskIds.length === 0) {
    return [];
  }
  const where = taskIds === null ? Prisma.empty : Prisma.sql`WHERE m."taskId" IN (${Prisma.join(taskIds)})`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT m.*, t.name AS "taskName" FROM task_partition_metrics m JOIN tasks t ON t.id = m."taskId" ${where}
     ORDER BY t.name, m.topic, m.partition`;
  return rows.map((r) => {
    const columns: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) {
      if (!NOT_COUNTERS.has(k) && (typeof v === "bigint" || typeof v === "number")) {
        columns[k] = Number(v);
      }
    }
    return {
      taskId: String(r.taskId),
      taskName: String(r.taskName),
      topic: String(r.topic),
      partition: Number(r.partition),
      columns,
      committedOffset: (r.committedOffset as string | null) ?? null,
      endOffset: (r.endOffset as string | null) ?? null,
      updatedAt: r.updatedAt as Date,
      offsetsReadAt: r.offsetsReadAt instanceof Date ? r.offsetsReadAt : null,
    };
  });
}

/** Every task's id, name and status (for `outflow_task_status`). */
export async function readTaskStatuses(db: Db): Promise<{ id: string; name: string; status: TaskStatus }[]> {
  return db.task.findMany({ select: { id: true, name: true, status: true }, orderBy: { name: "asc" } });
}
