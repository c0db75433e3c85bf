import type { Db } from "./client";

/** A letter by its place in the dead-letter topic: [partition, offset]. */
export type LetterPlace = [number, string];

export type ReplayStatus = "queued" | "running" | "done" | "failed";

export type ReplayRecord = {
  id: string;
  taskId: string;
  createdAt: Date;
  actorEmail: string;
  selection: unknown;
  topic: string;
  letters: LetterPlace[];
  total: number;
  force: boolean;
  ratePerSecond: number;
  status: ReplayStatus;
  position: number;
  written: number;
  filtered: number;
  failedAgain: number;
  missing: number;
  error: string | null;
  workerId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
};

export type NewReplay = {
  taskId: string;
  actor: { userId: string | null; email: string };
  selection: unknown;
  topic: string;
  letters: LetterPlace[];
  force: boolean;
  ratePerSecond: number;
};

/** Which of these letters earlier replays took: "partition:offset" → the newest such replay's id. */
export async function replayedLetters(db: Db, taskId: string, topic: string, letters: LetterPlace[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (letters.length === 0) {
    return out;
  }
  const byPartition = new Map<number, bigint[]>();
  for (const [p, o] of letters) {
    const list = byPartition.get(p) ?? [];
    list.push(BigInt(o));
    byPartition.set(p, list);
  }
  const rows = await db.deadLetterReplayedLetter.findMany({
    where: { taskId, topic, OR: [...byPartition].map(([partition, offsets]) => ({ partition, offset: { in: offsets } })) },
    select: { partition: true, offset: true, replayId: true, replay: { select: { createdAt: true } } },
    orderBy: { replay: { createdAt: "asc" } },
  });
  for (const r of rows) {
    out.set(`${r.partition}:${r.offset}`, r.replayId);
  }
  return out;
}

/**
 * Records a replay and the letters it takes, unless some were replayed before and `force` is not set: then nothing
 * is written and the letters already replayed are returned. One replay per task is recorded at a time (a
 * transaction-scoped advisory lock), so two at once cannot both take the same letters.
 */
export async function createReplay(db: Db, r: NewReplay): Promise<{ replay: ReplayRecord } | { replayedBefore: Map<string, string> }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`dead-letter-replay:${r.taskId}`}))`;
      const before = await replayedLetters(tx as unknown as Db, r.taskId, r.topic, r.letters);
      if (before.size > 0 && !r.force) {
        return { replayedBefore: before };
      }
      const row = await tx.deadLetterReplay.create({
        data: {
          taskId: r.taskId,
          actorId: r.actor.userId,
          actorEmail: r.actor.email,
          selection: r.selection as object,
          topic: r.topic,
          letters: r.letters,
          total: r.letters.length,
          force: r.force,
          ratePerSecond: r.ratePerSecond,
        },
      });
      await tx.deadLetterReplayedLetter.createMany({
        data: r.letters.map(([partition, offset]) => ({ replayId: row.id, taskId: r.taskId, topic: r.topic, partition, offset: BigInt(offset) })),
      });
      return { replay: toRecord(row) };
    },
    { timeout: 30_000 },
  );
}

export async function findReplay(db: Db, id: string): Promise<ReplayRecord | null> {
  const row = await db.deadLetterReplay.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

export async function listReplays(db: Db, taskId: string, page: { offset: number; limit: number }): Promise<{ items: ReplayRecord[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.deadLetterReplay.findMany({ where: { taskId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: page.offset, take: page.limit }),
    db.deadLetterReplay.count({ where: { taskId } }),
  ]);
  return { items: rows.map(toRecord), total };
}

/** A worker takes the replay up (again, after a restart: its recorded position stays). */
export async function startReplay(db: Db, id: string, workerId: string): Promise<ReplayRecord | null> {
  const rows = await db.deadLetterReplay.updateManyAndReturn({
    where: { id, status: { in: ["queued", "running"] } },
    data: { status: "running", workerId },
  });
  const row = rows[0];
  if (!row) {
    return null;
  }
  if (!row.startedAt) {
    await db.deadLetterReplay.update({ where: { id }, data: { startedAt: new Date() } });
  }
  return toRecord(row);
}

export type ReplayStep = { written: number; filtered: number; failedAgain: number; missing: number };

/**
 * Moves the recorded position from `from` to `to` with what those letters did; false (nothing written) when the
 * position is no longer `from` (another worker moved it: this one must stop).
 */
export async function recordReplayStep(db: Db, id: string, from: number, to: number, step: ReplayStep): Promise<boolean> {
  const n = await db.deadLetterReplay.updateMany({
    where: { id, position: from, status: "running" },
    data: {
      position: to,
      written: { increment: step.written },
      filtered: { increment: step.filtered },
      failedAgain: { increment: step.failedAgain },
      missing: { increment: step.missing },
    },
  });
  return n.count === 1;
}

export async function finishReplay(db: Db, id: string, status: "done" | "failed", error?: string): Promise<void> {
  await db.deadLetterReplay.update({ where: { id }, data: { status, error: error?.slice(0, 2_000) ?? null, finishedAt: new Date() } });
}

/** Replays left queued or running (a worker that starts looks for these: their jobs may be gone with Redis). */
export async function unfinishedReplays(db: Db): Promise<{ id: string; taskId: string }[]> {
  return db.deadLetterReplay.findMany({ where: { status: { in: ["queued", "running"] } }, select: { id: true, taskId: true }, take: 1_000 });
}

type Row = Awaited<ReturnType<Db["deadLetterReplay"]["findUniqueOrThrow"]>>;

function toRecord(row: Row): ReplayRecord {
  return {
    id: row.id,
    taskId: row.taskId,
    createdAt: row.createdAt,
    actorEmail: row.actorEmail,
    selection: row.selection,
    topic: row.topic,
    letters: row.letters as LetterPlace[],
    total: row.total,
    force: row.force,
    ratePerSecond: row.ratePerSecond,
    status: row.status as ReplayStatus,
    position: row.position,
    written: row.written,
    filtered: row.filtered,
    failedAgain: row.failedAgain,
    missing: row.missing,
    error: row.error,
    workerId: row.workerId,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    updatedAt: row.updatedAt,
  };
}
