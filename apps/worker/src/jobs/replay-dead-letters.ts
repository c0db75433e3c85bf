import { createKafka } from "@outflow/connectors/kafka";
import { readMessagesAt } from "@outflow/connectors/kafka-sample";
import { openSearchSink } from "@outflow/connectors/search-sink";
import { resolveConnection } from "@outflow/db/connections";
import { finishReplay, type ReplayRecord, recordReplayStep, startReplay } from "@outflow/db/dead-letter-replays";
import { appendEvent } from "@outflow/db/task-events";
import { findTask } from "@outflow/db/tasks";
import { ChunkSettlement, type CompiledTask, compileTask, type MessageOutcome, processMessage } from "@outflow/pipeline";
import { type DeadLetter, readDeadLetter, redeadLetterHeaders } from "@outflow/pipeline/dead-letters";
import type { SchemaLookup } from "@outflow/pipeline/formats/schema-book";
import type { ElasticsearchConnectionInput, KafkaConnectionInput } from "@outflow/schemas/connection";
import { type EventWords, eventWords, wordsDetails } from "@outflow/schemas/event-words";
import { backoffMs, sleep } from "../runner/backoff";
import { BulkWriter } from "../runner/bulk-writer";
import { DeadLetterSink } from "../runner/dead-letter-sink";
import type { RunnerDeps } from "../runner/runner-deps";
import { nextReplayBatch, rateWaitMs } from "./replay-batches";
import { schemasAnswered, sourceSchemaLookup } from "./replay-schemas";

/** Letters per batch at most: each batch is read, written and recorded (its progress) as one step. */
const MAX_BATCH = 200;
/** A batch's range in one partition spans at most this many offsets of the dead-letter topic. */
const MAX_SPAN = 5_000;

/** The replay stopped before its end because the worker is stopping: its job runs again and goes on from the position. */
export class ReplayInterrupted extends Error {
  override name = "ReplayInterrupted";
}

/**
 * Replays a recorded replay's letters from its recorded position through the task's current pipeline into
 * Elasticsearch, in batches: read the letters, process them, write until every write is settled (transient failures
 * retried), send the ones failing again back to the dead-letter topic with their attempt count, then record the
 * position and counts. At-least-once: a batch cut short by a crash runs again (its documents are written again under
 * the same IDs where the task sets them; its failures may be dead-lettered twice).
 */
export async function replayDeadLetters(deps: RunnerDeps, replayId: string, signal: AbortSignal): Promise<void> {
  const { db, log } = deps;
  const replay = await startReplay(db, replayId, deps.workerId);
  if (!replay) {
    return; // finished, or its task (and so the replay) was deleted
  }
  const task = await findTask(db, replay.taskId);
  const fail = async (reason: string) => {
    await finishReplay(db, replay.id, "failed", reason);
    await note(deps, replay, "error", eventWords.replayFailed(replay.id, replay.position, replay.total, reason));
  };
  if (!task) {
    return;
  }
  const config = task.config;
  if (config.failure.policy !== "dead_letter") {
    await fail("the task no longer has the dead-letter policy, so letters that fail again would have nowhere to go");
    return;
  }
  let compiled: CompiledTask;
  try {
    compiled = compileTask(config);
  } catch (err) {
    await fail(`the task's configuration does not compile: ${(err as Error).message}`);
    return;
  }
  if (compiled.aggregation) {
    await fail("aggregation tasks cannot replay letters (each write depends on the group's stored document)");
    return;
  }
  const lookup = compiled.registry ? await sourceSchemaLookup(deps, config.source.connectionId) : undefined;
  if (lookup === null) {
    await fail("the task reads a registry format, but its Kafka connection names no schema registry");
    return;
  }
  const letterConnId = config.failure.connectionId ?? config.source.connectionId;
  const [letterConn, sinkConn] = await Promise.all([resolveConnection(db, deps.box, letterConnId), resolveConnection(db, deps.box, config.sink.connectionId)]);
  if (letterConn?.kind !== "kafka" || sinkConn?.kind !== "elasticsearch") {
    await fail("the task's dead-letter Kafka or its Elasticsearch connection no longer exists");
    return;
  }
  const kafka = createKafka(letterConn as KafkaConnectionInput, { clientId: `outflow-replay-${deps.workerId}`, log: () => undefined });
  const sink = openSearchSink(sinkConn as ElasticsearchConnectionInput);
  // Letters failing again go back to the task's dead-letter topic with their attempt counted.
  const redead = new DeadLetterSink(kafka, config.failure.topic, task.id);
  const { delivery } = config;
  const writer = new BulkWriter(sink, { maxDocs: delivery.bulkMaxDocs, maxBytes: delivery.bulkMaxBytes, maxWaitMs: 0, concurrency: delivery.bulkConcurrency });
  if (replay.position === 0) {
    await note(deps, replay, "info", eventWords.replayStarted(replay.id, replay.total, replay.actorEmail));
  } else {
    log.info("replay resumed", { replayId, position: replay.position, total: replay.total });
  }
  try {
    let position = replay.position;
    const batchSize = Math.max(1, Math.min(MAX_BATCH, replay.ratePerSecond));
    for (;;) {
      if (signal.aborted) {
        throw new ReplayInterrupted(`the worker is stopping; replay ${replay.id} goes on from letter ${position}`);
      }
      const batch = nextReplayBatch(replay.topic, replay.letters, position, batchSize, MAX_SPAN);
      if (!batch) {
        break;
      }
      const started = Date.now();
      const read = await readMessagesAt(kafka, batch.ranges, { timeoutMs: 15_000 });
      const at = new Map(read.map((m) => [`${m.partition}:${m.offset}`, m]));
      const letters: DeadLetter[] = [];
      let missing = 0;
      for (const [partition, offset] of replay.letters.slice(batch.from, batch.to)) {
        const record = at.get(`${partition}:${offset}`);
        const letter = record ? readDeadLetter(record, task.id) : null;
        if (letter) {
          letters.push(letter);
        } else {
          missing++;
        }
      }
      const outcomes = await writeLetters(writer, compiled, letters, signal, lookup);
      if (!outcomes) {
        throw new ReplayInterrupted(`the worker is stopping; replay ${replay.id} goes on from letter ${position}`);
      }
      const step = { written: 0, filtered: 0, failedAgain: 0, missing };
      const again: { letter: DeadLetter; failure: MessageOutcome & { kind: "failed" } }[] = [];
      outcomes.forEach((o, i) => {
        if (o.kind === "written") {
          step.written++;
        } else if (o.kind === "failed") {
          step.failedAgain++;
          again.push({ letter: letters[i] as DeadLetter, failure: o });
        } else {
          step.filtered++;
        }
      });
      await redead.produce(again.map(({ letter, failure }) => ({ original: letter.original, headers: redeadLetterHeaders(task.id, letter, failure) })));
      if (!(await recordReplayStep(db, replay.id, position, batch.to, step))) {
        log.warn("replay moved on elsewhere; this run stops", { replayId, position });
        return;
      }
      position = batch.to;
      await sleep(rateWaitMs(batch.to - batch.from, replay.ratePerSecond, started, Date.now()), signal);
    }
    await finishReplay(db, replay.id, "done");
    const done = await startReplayView(deps, replay.id);
    await note(deps, replay, "info", eventWords.replayDone(replay.id, replay.total, done));
  } catch (err) {
    if (err instanceof ReplayInterrupted) {
      throw err;
    }
    // Kafka or Elasticsearch out of reach: the job tries again (BullMQ backoff) from the recorded position.
    log.warn("replay step failed; it will be tried again", { replayId, err: (err as Error).message });
    throw err;
  } finally {
    await redead.close();
    await sink.close().catch(() => {});
  }
}

async function startReplayView(deps: RunnerDeps, id: string) {
  return deps.db.deadLetterReplay.findUnique({ where: { id }, select: { written: true, filtered: true, failedAgain: true, missing: true } });
}

/**
 * The letters' original messages through the pipeline and into Elasticsearch, as the runner writes a chunk: every
 * write settled, transient failures sent again after a backoff. Null when `signal` aborted first.
 */
async function writeLetters(
  writer: BulkWriter,
  compiled: CompiledTask,
  letters: DeadLetter[],
  signal: AbortSignal,
  lookup: SchemaLookup | undefined,
): Promise<MessageOutcome[] | null> {
  if (
    lookup &&
    !(await schemasAnswered(
      compiled,
      letters.map((l) => l.original),
      lookup,
      signal,
    ))
  ) {
    return null;
  }
  const now = Date.now();
  const processed = letters.map((l) => processMessage(compiled, l.original, now));
  const settlement = new ChunkSettlement(processed, compiled.config.delivery.maxDocumentBytes, true);
  let attempt = 0;
  while (!settlement.isComplete()) {
    if (signal.aborted) {
      return null;
    }
    const sent = settlement.pending();
    const results = await writer.send(sent);
    const fatal = results.find((r) => r.kind === "transient" && r.server === "fail");
    if (fatal?.kind === "transient") {
      throw new Error(fatal.reason);
    }
    if (settlement.record(sent, results) > 0) {
      attempt++;
      await sleep(backoffMs(attempt, 500, 30_000), signal);
    }
  }
  return settlement.results();
}

async function note(deps: RunnerDeps, replay: ReplayRecord, level: "info" | "error", words: EventWords): Promise<void> {
  await appendEvent(deps.db, replay.taskId, {
    level,
    kind: level === "error" ? "dead_letters_replay_failed" : "dead_letters_replayed",
    message: words.message,
    details: { replayId: replay.id, total: replay.total, ...wordsDetails(words) },
  }).catch(() => {});
}
