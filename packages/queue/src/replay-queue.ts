import { Queue } from "bullmq";
import { Redis } from "ioredis";

/**
 * Dead-letter replays have a queue of their own: a replay runs for as long as its letters take, and its worker keeps
 * a short lock (a killed worker's replay is taken up again by another within seconds), neither of which suits the
 * control queue's short jobs.
 */
export const REPLAY_QUEUE = "outflow-replays";

export type ReplayJob = { replayId: string };

export type ReplayQueue = {
  /** Queues a replay (once per replay id: a replay queued again while its job exists is not run twice). */
  enqueue(replayId: string): Promise<void>;
  close(): Promise<void>;
};

export function createReplayQueue(redisUrl: string, prefix: string): ReplayQueue {
  const connection = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  connection.on("error", () => {});
  const queue = new Queue<ReplayJob>(REPLAY_QUEUE, { connection, prefix });
  return {
    async enqueue(replayId) {
      await queue.add(
        "dead-letters.replay",
        { replayId },
        {
          jobId: `replay-${replayId}`,
          // A try ends early only when its worker stops (the replay's position is in Postgres): the next try goes on.
          attempts: 1_000,
          backoff: { type: "fixed", delay: 1_000 },
          removeOnComplete: true,
          removeOnFail: { count: 1_000 },
        },
      );
    },
    async close() {
      await queue.close();
      await connection.quit().catch(() => {});
    },
  };
}
