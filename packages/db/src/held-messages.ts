import type { HeldPoint } from "@outflow/schemas/task";
import type { Db } from "./client";

/**
 * The messages the retain policy holds now, one per partition (the task stopped at each). A runner writes one when
 * it stops at a message; a skip removes it; a start removes all of them (the runners write again what still fails).
 */
export async function recordHeld(db: Db, taskId: string, p: Omit<HeldPoint, "at">): Promise<void> {
  const row = { offset: p.offset, stage: p.stage, reason: p.reason, at: new Date() };
  await db.taskHeldMessage.upsert({
    where: { taskId_topic_partition: { taskId, topic: p.topic, partition: p.partition } },
    create: { taskId, topic: p.topic, partition: p.partition, ...row },
    update: row,
  });
}

/** One page of the held messages, by topic and partition, and how many there are. */
export async function listHeld(db: Db, taskId: string, page: { limit: number; offset: number }): Promise<{ items: HeldPoint[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.taskHeldMessage.findMany({ where: { taskId }, orderBy: [{ topic: "asc" }, { partition: "asc" }], skip: page.offset, take: page.limit }),
    db.taskHeldMessage.count({ where: { taskId } }),
  ]);
  return { items: rows.map(toPoint), total };
}

export async function findHeld(db: Db, taskId: string, topic: string, partition: number): Promise<HeldPoint | null> {
  const row = await db.taskHeldMessage.findUnique({ where: { taskId_topic_partition: { taskId, topic, partition } } });
  return row ? toPoint(row) : null;
}

/** Removes the held message of a partition, only if it is still the one at `offset`. True when removed. */
export async function removeHeld(db: Db, taskId: string, topic: string, partition: number, offset: string): Promise<boolean> {
  const res = await db.taskHeldMessage.deleteMany({ where: { taskId, topic, partition, offset } });
  return res.count > 0;
}

function toPoint(r: { topic: string; partition: number; offset: string; stage: string; reason: string; at: Date }): HeldPoint {
  return { topic: r.topic, partition: r.partition, offset: r.offset, stage: r.stage, reason: r.reason, at: r.at.toISOString() };
}
