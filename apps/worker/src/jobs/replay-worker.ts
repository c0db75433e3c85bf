import { unfinishedReplays } from "@outflow/db/dead-letter-replays";
import { createWorkerRedis } from "@outflow/queue/control-queue";
import { createReplayQueue, REPLAY_QUEUE, type ReplayJob } from "@outflow/queue/replay-queue";
import { type Job, Worker } from "bullmq";
import type { RunnerDeps } from "../runner/runner-deps";
import { ReplayInterrupted, replayDeadLetters } from "./replay-dead-letters";

/**
 * A killed worker's lock on its replay lapses after this; another worker (or this one, started again) then takes the
 * job up from the position recorded in Postgres. Renewed every half of it while the replay runs.
 */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

/**
 * Runs dead-letter replays (one at a time per worker) from their own queue. On start it queues again every replay
 * Postgres has as unfinished, in case its job was lost with Redis (a job still there is not added twice).
 */
export async function startReplayWorker(deps: RunnerDeps): Promise<{ close(): Promise<void> }> {
  const { env, log } = deps;
  const stopping = new AbortController();
  const connection = createWorkerRedis(env.REDIS_URL);
  const worker = new Worker<ReplayJob>(
    REPLAY_QUEUE,
    async (job: Job<ReplayJob>) => {
      const replayId = typeof job.data?.replayId === "string" ? job.data.replayId : null;
      if (!replayId) {
        return;
      }
      await replayDeadLetters(deps, replayId, stopping.signal);
    },
    {
      connection,
      prefix: env.QUEUE_PREFIX,
      concurrency: 1,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      // A replay whose worker was killed is stalled once per kill: never give up on it for that.
      maxStalledCount: 1_000,
    },
  );
  worker.on("failed", (job, err) => {
    if (!(err instanceof ReplayInterrupted) && err.name !== "ReplayInterrupted") {
      log.warn("replay job failed", { replayId: job?.data?.replayId, attempt: job?.attemptsMade, err: err.message });
    }
  });
  worker.on("error", (err) => log.error("replay worker error", { err: err.message }));
  const queue = createReplayQueue(env.REDIS_URL, env.QUEUE_PREFIX);
  try {
    for (const r of await unfinishedReplays(deps.db)) {
      await queue.enqueue(r.id);
    }
  } catch (err) {
    log.warn("could not queue unfinished replays again", { err: (err as Error).message });
  }
  return {
    async close() {
      stopping.abort();
      await worker.close();
      await queue.close();
      await connection.quit().catch(() => {});
    },
  };
}
