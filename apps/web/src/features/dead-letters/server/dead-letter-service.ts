import "server-only";
import { createReplay, findReplay, listReplays, type ReplayRecord, replayedLetters } from "@outflow/db/dead-letter-replays";
import { readPartitionMetrics } from "@outflow/db/task-metrics";
import { findTask, type TaskRecord } from "@outflow/db/tasks";
import { safeCompileTask } from "@outflow/pipeline";
import { type DeadLetter, groupLetters } from "@outflow/pipeline/dead-letters";
import { createReplayQueue, type ReplayQueue } from "@outflow/queue/replay-queue";
import {
  DeadLetterTestResult,
  type DeadLetterView,
  type LetterSelection,
  MAX_TEST_LETTERS,
  type ReplayRequest,
  type ReplayView,
} from "@outflow/schemas/api/dead-letters";
import { PreviewResult } from "@outflow/schemas/api/responses";
import { AppError } from "@outflow/schemas/errors";
import { preview } from "@/features/preview/server/preview-service";
import { toWire } from "@/features/preview/server/wire-messages";
import { serverError, serverIssue } from "@/lib/http/server-error";
import type { Actor } from "@/server/auth";
import { ctx } from "@/server/context";
import { env } from "@/server/env";
import { readOneLetter, type Scan, scanDeadLetters } from "./dead-letter-scan";

async function mustFind(taskId: string): Promise<TaskRecord> {
  const task = await findTask(ctx().db, taskId);
  if (!task) {
    throw serverError("not_found", "taskNotFound", { id: taskId });
  }
  return task;
}

/**
 * Letters' contents are for editors and admins; viewers see where letters are, their stage and their reason (whose
 * marked values route() hides from them).
 */
export function seesContents(actor: Actor): boolean {
  return actor.role !== "viewer";
}

function scanView(scan: Scan) {
  const { letters, ...rest } = scan;
  return { ...rest, letters: letters.length };
}

const place = (l: { partition: number; offset: string }) => `${l.partition}:${l.offset}`;

function letterView(l: DeadLetter, replayedBy: string | undefined, contents: boolean): DeadLetterView {
  return {
    partition: l.partition,
    offset: l.offset,
    at: l.at,
    source: l.source,
    stage: l.stage,
    reason: l.reason,
    errorStatus: l.errorStatus,
    errorType: l.errorType,
    attempt: l.attempt,
    group: l.group,
    replayedBy: replayedBy ?? null,
    message: contents ? toWire(l.original) : null,
  };
}

async function replayedIn(task: TaskRecord, scan: Scan, letters: DeadLetter[]): Promise<Map<string, string>> {
  return replayedLetters(
    ctx().db,
    task.id,
    scan.topic,
    letters.map((l) => [l.partition, l.offset]),
  );
}

export async function listDeadLetters(taskId: string, q: { group?: string; offset: number; limit: number }, actor: Actor) {
  const task = await mustFind(taskId);
  const scan = await scanDeadLetters(task);
  const matching = q.group ? scan.letters.filter((l) => l.group === q.group) : scan.letters;
  const page = matching.slice(q.offset, q.offset + q.limit);
  const replayed = await replayedIn(task, scan, page);
  const contents = seesContents(actor);
  return {
    scan: scanView(scan),
    items: page.map((l) => letterView(l, replayed.get(place(l)), contents)),
    total: matching.length,
    offset: q.offset,
    limit: q.limit,
    contents,
  };
}

/** Groups of the scanned letters (their reasons leave through route(), which hides values from viewers). */
export async function deadLetterGroups(taskId: string) {
  const task = await mustFind(taskId);
  const scan = await scanDeadLetters(task);
  const replayed = await replayedIn(task, scan, scan.letters);
  const replayedPerGroup = new Map<string, number>();
  for (const l of scan.letters) {
    if (replayed.has(place(l))) {
      replayedPerGroup.set(l.group, (replayedPerGroup.get(l.group) ?? 0) + 1);
    }
  }
  return {
    scan: scanView(scan),
    groups: groupLetters(scan.letters).map((g) => ({
      ...g,
      replayed: replayedPerGroup.get(g.id) ?? 0,
    })),
  };
}

export async function getDeadLetter(taskId: string, partition: number, offset: string, actor: Actor): Promise<DeadLetterView> {
  const task = await mustFind(taskId);
  const letter = await readOneLetter(task, partition, offset);
  if (!letter) {
    throw serverError("not_found", "deadLetterNotFound", { partition, offset });
  }
  const { topic } = task.config.failure as { topic: string };
  const replayed = await replayedLetters(ctx().db, task.id, topic, [[partition, offset]]);
  return letterView(letter, replayed.get(place(letter)), seesContents(actor));
}

/** The letters a selection names, in the scan (newest first); a named letter the scan does not hold is an error. */
function selected(scan: Scan, selection: LetterSelection): DeadLetter[] {
  if (selection.kind === "all") {
    return scan.letters;
  }
  if (selection.kind === "group") {
    const letters = scan.letters.filter((l) => l.group === selection.group);
    if (letters.length === 0) {
      throw AppError.invalid([
        serverIssue("selection.group", scan.complete ? "groupNoLetters" : "groupNoLettersNewest", { group: selection.group, ...scanWords(scan) }),
      ]);
    }
    return letters;
  }
  const byPlace = new Map(scan.letters.map((l) => [place(l), l]));
  const seen = new Set<string>();
  return selection.letters.map((ref, i) => {
    const l = byPlace.get(place(ref));
    if (!l) {
      const words = { partition: ref.partition, offset: ref.offset, ...scanWords(scan) };
      throw AppError.invalid([serverIssue(`selection.letters.${i}`, scan.complete ? "letterNotFound" : "letterNotFoundNewest", words)]);
    }
    if (seen.has(place(ref))) {
      throw AppError.invalid([serverIssue(`selection.letters.${i}`, "letterNamedTwice")]);
    }
    seen.add(place(ref));
    return l;
  });
}

/** The records a scan read, for a sentence about them: all of the topic's, or its newest (the `…Newest` sentences). */
function scanWords(scan: Scan): { records: number; topic: string; scanned?: number } {
  return { records: scan.records, topic: scan.topic, ...(scan.complete ? {} : { scanned: scan.scanned }) };
}

/**
 * Runs the selected letters' original messages through the task's current configuration, in the preview (the same
 * compile and processMessage the worker runs), without writing anything: the newest {@link MAX_TEST_LETTERS} of a
 * larger selection. The answer's JSON is built as text around the preview's own (its exact numbers stay exact).
 */
export async function testDeadLetters(taskId: string, selection: LetterSelection): Promise<string> {
  const task = await mustFind(taskId);
  const scan = await scanDeadLetters(task);
  const all = selected(scan, selection);
  const letters = all.slice(0, MAX_TEST_LETTERS);
  const json = await preview({ config: task.config, messages: letters.map((l) => toWire(l.original)), limit: letters.length });
  // The rows only: the messages' contents carry the answer's stand-ins for U+2068 and U+2069 (message-contents.ts).
  const result = PreviewResult.pick({ rows: true }).parse(JSON.parse(json));
  const outcomes = result.rows.map((row, i) => {
    const l = letters[i] as DeadLetter;
    const failure = row.failure ?? (row.result.kind === "failed" ? row.result : undefined);
    const where = { partition: l.partition, offset: l.offset, passes: !failure };
    if (failure) {
      const params = { stage: failure.stage ?? "index", reason: failure.reason ?? "" };
      return { ...where, outcome: `fails at ${params.stage}: ${params.reason}`, outcomeKey: "failsAt" as const, params };
    }
    if (row.result.kind === "write") {
      const actions = row.result.actions.length;
      const outcome = `would be written (${actions} action${actions === 1 ? "" : "s"}; the index's mapping is checked only by a replay)`;
      return { ...where, outcome, outcomeKey: "wouldWrite" as const, params: { actions } };
    }
    return { ...where, outcome: `${row.result.kind}: ${row.result.reason}` };
  });
  const head = JSON.stringify(
    DeadLetterTestResult.omit({ preview: true }).parse({ scan: scanView(scan), tested: letters.length, selected: all.length, letters: outcomes }),
  );
  return `${head.slice(0, -1)},"preview":${json}}`;
}

const q = globalThis as unknown as { __outflowReplayQueue?: ReplayQueue };
function replayQueue(): ReplayQueue {
  if (!q.__outflowReplayQueue) {
    const e = env();
    q.__outflowReplayQueue = createReplayQueue(e.REDIS_URL, e.QUEUE_PREFIX);
  }
  return q.__outflowReplayQueue;
}

/**
 * Records a replay of the selected letters and queues it for a worker. A group or "all" takes the letters no replay
 * took yet (409 when none is left, unless `force`); letters named one by one are refused (409) when any was
 * replayed before, unless `force`.
 */
export async function startReplay(taskId: string, req: ReplayRequest, actor: Actor): Promise<ReplayView> {
  const task = await mustFind(taskId);
  const compiled = safeCompileTask(task.config);
  if (compiled.ok && compiled.task.aggregation) {
    throw serverError("conflict", "aggregationCannotReplay");
  }
  const scan = await scanDeadLetters(task);
  let letters = selected(scan, req.selection);
  const before = await replayedIn(task, scan, letters);
  if (req.selection.kind !== "letters" && !req.force) {
    letters = letters.filter((l) => !before.has(place(l)));
    if (letters.length === 0) {
      const replays = [...new Set(before.values())].join(", ");
      throw serverError("conflict", "allReplayedBefore", { replays }, [serverIssue("force", "lettersReplayedBefore")]);
    }
  }
  // Oldest first, as they were dead-lettered: writes to one document land in their original order.
  const ordered = [...letters].sort((a, b) => Number(a.at) - Number(b.at) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  const made = await createReplay(ctx().db, {
    taskId,
    actor: { userId: actor.userId, email: actor.email },
    selection: req.selection.kind === "letters" ? { kind: "letters", count: req.selection.letters.length } : req.selection,
    topic: scan.topic,
    letters: ordered.map((l) => [l.partition, l.offset]),
    force: req.force,
    ratePerSecond: req.ratePerSecond,
  });
  if ("replayedBefore" in made) {
    const ids = [...new Set(made.replayedBefore.values())];
    throw serverError("conflict", "someReplayedBefore", { count: made.replayedBefore.size, replays: ids.join(", ") }, [
      serverIssue("force", "someLettersReplayedBefore"),
    ]);
  }
  await replayQueue().enqueue(made.replay.id);
  return replayView(made.replay);
}

export async function getReplay(taskId: string, replayId: string): Promise<ReplayView> {
  const r = await findReplay(ctx().db, replayId);
  if (!r || r.taskId !== taskId) {
    throw serverError("not_found", "replayNotFound", { replay: replayId, task: taskId });
  }
  return replayView(r);
}

export async function getReplays(taskId: string, page: { offset: number; limit: number }) {
  await mustFind(taskId);
  const { items, total } = await listReplays(ctx().db, taskId, page);
  return { items: items.map(replayView), total, ...page };
}

export function replayView(r: ReplayRecord): ReplayView {
  const ranges = new Map<number, { from: bigint; to: bigint; letters: number }>();
  for (const [partition, offset] of r.letters) {
    const o = BigInt(offset);
    const x = ranges.get(partition);
    ranges.set(partition, x ? { from: o < x.from ? o : x.from, to: o > x.to ? o : x.to, letters: x.letters + 1 } : { from: o, to: o, letters: 1 });
  }
  return {
    id: r.id,
    taskId: r.taskId,
    createdAt: r.createdAt.toISOString(),
    actor: r.actorEmail,
    selection: r.selection,
    topic: r.topic,
    total: r.total,
    force: r.force,
    ratePerSecond: r.ratePerSecond,
    status: r.status,
    position: r.position,
    written: r.written,
    filtered: r.filtered,
    failedAgain: r.failedAgain,
    missing: r.missing,
    error: r.error,
    workerId: r.workerId,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    ranges: [...ranges].sort(([a], [b]) => a - b).map(([partition, x]) => ({ partition, from: x.from.toString(), to: x.to.toString(), letters: x.letters })),
  };
}

/** Discard-policy tasks: the sampled discards (task events, one per 5 s at most) and how many were not sampled. */
export async function listDiscards(taskId: string, page: { offset: number; limit: number }) {
  const task = await mustFind(taskId);
  const { db } = ctx();
  const where = { taskId, kind: "message_discarded" };
  const [rows, sampled, partitions] = await Promise.all([
    db.taskEvent.findMany({ where, orderBy: { id: "desc" }, skip: page.offset, take: page.limit, select: { at: true, details: true } }),
    db.taskEvent.count({ where }),
    readPartitionMetrics(db, task.id),
  ]);
  const discarded = partitions.totals.discarded;
  return {
    items: rows.map((r) => {
      const d = (r.details ?? {}) as { topic?: string; partition?: number; offset?: string; stage?: string; reason?: string };
      return {
        at: r.at.toISOString(),
        topic: d.topic ?? "",
        partition: d.partition ?? 0,
        offset: d.offset ?? "",
        stage: d.stage ?? "",
        reason: d.reason ?? "",
      };
    }),
    total: sampled,
    ...page,
    discarded,
    sampled: Math.min(sampled, discarded),
    notSampled: Math.max(0, discarded - sampled),
    countedAt: partitions.updatedAt,
  };
}
