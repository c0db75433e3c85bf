import { deepEqual, diffMergePatch } from "@outflow/schemas/diff-merge-patch";
import type { EventActor } from "@outflow/schemas/task";
import type { TaskConfig } from "@outflow/schemas/task-config";
import { TaskConfig as TaskConfigSchema } from "@outflow/schemas/task-config";
import type { Db } from "./client";

export type ConfigVersion = {
  version: number;
  at: string;
  note: string;
  actor: EventActor | null;
  /** The whole config: only when asked for (a page of them can be large). */
  config?: TaskConfig;
  /** The JSON merge patch from the version before; null for the first. */
  diff: Record<string, unknown> | null;
};

/**
 * Keeps `config` as the task's next version, unless it equals the latest one (a rename alone is no new config).
 * Call it in the transaction that saved the task: the task row's update lock orders concurrent saves.
 */
export async function recordConfigVersion(db: Db, taskId: string, config: TaskConfig, actor: EventActor, note: string): Promise<number | null> {
  const latest = await db.taskConfigVersion.findFirst({ where: { taskId }, orderBy: { version: "desc" }, select: { version: true, config: true } });
  if (latest && deepEqual(latest.config, config)) {
    return null;
  }
  const version = (latest?.version ?? 0) + 1;
  await db.taskConfigVersion.create({
    data: {
      taskId,
      version,
      config: config as object,
      diff: latest ? (diffMergePatch(latest.config, config) as object) : undefined,
      note: note.slice(0, 200),
      actorId: actor.userId,
      actorEmail: actor.email,
    },
  });
  return version;
}

/** Newest first, a page at a time, each with its diff; the whole configs only `withConfig` (not even read otherwise). */
export async function listConfigVersions(
  db: Db,
  taskId: string,
  page: { limit: number; offset: number; withConfig: boolean },
): Promise<{ items: ConfigVersion[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.taskConfigVersion.findMany({
      where: { taskId },
      orderBy: { version: "desc" },
      take: page.limit,
      skip: page.offset,
      select: { version: true, createdAt: true, note: true, actorId: true, actorEmail: true, diff: true, config: page.withConfig },
    }),
    db.taskConfigVersion.count({ where: { taskId } }),
  ]);
  const items = rows.map((r) => ({
    version: r.version,
    at: r.createdAt.toISOString(),
    note: r.note,
    actor: r.actorId && r.actorEmail ? { userId: r.actorId, email: r.actorEmail } : null,
    ...(page.withConfig ? { config: TaskConfigSchema.parse(r.config) } : {}),
    diff: (r.diff as Record<string, unknown> | null) ?? null,
  }));
  return { items, total };
}

export async function findConfigVersion(db: Db, taskId: string, version: number): Promise<TaskConfig | null> {
  const row = await db.taskConfigVersion.findUnique({ where: { taskId_version: { taskId, version } }, select: { config: true } });
  return row ? TaskConfigSchema.parse(row.config) : null;
}
