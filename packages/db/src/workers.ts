import type { Db } from "./client";

export async function heartbeatWorker(db: Db, w: { id: string; host: string; pid: number }): Promise<void> {
  await db.worker.upsert({ where: { id: w.id }, create: { ...w }, update: { heartbeatAt: new Date() } });
}

export async function removeWorker(db: Db, id: string): Promise<void> {
  await db.worker.deleteMany({ where: { id } });
}

export async function listLiveWorkers(db: Db, withinMs: number) {
  return db.worker.findMany({ where: { heartbeatAt: { gt: new Date(Date.now() - withinMs) } }, orderBy: { startedAt: "asc" } });
}
