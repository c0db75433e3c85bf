import { type FailedMessage, planDisposition } from "@outflow/pipeline";
import type { Logger } from "../logger";
import { aggregateChunk } from "./aggregate-chunk";
import { backoffMs, sleep } from "./backoff";
import { countsPast } from "./commit-counts";
import type { MessageEvents } from "./message-events";
import type { PartitionCounters } from "./partition-counters";
import type { SettleHooks } from "./settle-hooks";
import type { SettledCounts } from "./settled-counts";
import type { Generation, LaneChunk, SlotControl } from "./slot-generation";
import type { StageTimes } from "./stage-times";
import type { TaskStatus } from "./task-status";
import { writeChunk } from "./write-chunk";

/**
 * Write side of a slot, one chunk of one partition after the other: writes until every message is settled,
 * dead-letters, counts and commits what may be committed. Leaves without writing or committing once it is no longer
 * `settling`.
 */
export class ChunkSettler {
  /** The task shows `retrying` while any chunk of this runner is failing, and recovers when none is. */
  private failingChunks = 0;

  constructor(
    private readonly slot: SlotControl,
    private readonly status: TaskStatus,
    private readonly events: MessageEvents,
    private readonly counters: PartitionCounters,
    private readonly settled: SettledCounts,
    private readonly log: Logger,
    private readonly stageTimes: StageTimes | null,
  ) {}

  /** A new generation: no chunk of it is failing yet. */
  reset(): void {
    this.failingChunks = 0;
  }

  async settle(gen: Generation, chunk: LaneChunk): Promise<void> {
    const { epoch, messages, work } = chunk;
    const { commitOffsetsIfNecessary: commit } = chunk.payload;
    const first = messages[0];
    if (!first) {
      return;
    }
    const { topic, partition } = first;
    const key = `${topic}/${partition}`;
    if (!this.settling(gen, epoch)) {
      this.leaveUnsettled(gen, epoch, chunk, `a chunk of ${topic}[${partition}] could not be written`);
      return;
    }
    if (!gen.gaps.mayFollow(key, first.offset)) {
      // Fetched before a rejoin but handled after it, past a chunk that was skipped: this epoch's own chunk, so the
      // generation restarts from the commits.
      this.leaveUnsettled(gen, epoch, chunk, `a chunk of ${topic}[${partition}] from offset ${first.offset} follows a skipped one`);
      return;
    }
    const policy = gen.task.config.failure.policy;
    const times = this.stageTimes;
    const writeStart = Date.now();
    times?.record("queue", writeStart - chunk.queuedAt);
    // Settling, so `epoch` is the current epoch: a halt or a rejoin ends this chunk's retry sleeps.
    const hooks = this.settleHooks(topic, partition, () => this.settling(gen, epoch), [gen.ending.signal, this.slot.epochSignal]);
    const outcomes =
      work.kind === "write"
        ? await writeChunk(gen.writer, work.settlement, hooks)
        : await aggregateChunk(
            gen.sink,
            gen.writer,
            work.spec,
            key,
            messages.map((m) => m.offset),
            work.processed,
            hooks,
          );
    if (!outcomes) {
      this.leaveUnsettled(gen, epoch, chunk, `writing a chunk of ${topic}[${partition}] was interrupted`);
      return;
    }
    const writeEnd = Date.now();
    times?.record("write", writeEnd - writeStart);
    const d = planDisposition(messages, outcomes, policy);
    if (d.deadLetters.length > 0 && !(await this.sendDeadLetters(gen, epoch, d.deadLetters, topic, partition))) {
      this.leaveUnsettled(gen, epoch, chunk, `dead-lettering from ${topic}[${partition}] was interrupted`);
      return;
    }
    this.events.failed(d.discarded, "discarded", topic, partition);
    const commitOffset = d.commitOffset ?? d.retained?.message.offset ?? null;
    // After a rejoin a chunk that was in flight still commits what Elasticsearch acknowledged, if the partition stayed.
    const mayCommit = this.slot.leaseValid() && this.slot.isAssigned(key) && !gen.broken;
    const committedBefore = gen.committed.get(key) ?? -1n;
    if (commitOffset !== null && mayCommit && BigInt(commitOffset) > committedBefore) {
      // Counted before the commit, and only once (see SettledCounts): a crash between the two loses no count, and
      // whoever settles these messages again counts nothing of them. A chunk that cannot be counted is not
      // committed: the generation restarts from the commits and settles it again.
      const past = (countedTo: bigint) => countsPast(messages, outcomes, policy, d.counts, countedTo);
      const span = past(committedBefore);
      const counted = span
        ? await this.settled.record(topic, partition, span, commitOffset, past).then(
            () => true,
            (err: Error) => {
              this.log.warn("counting a settled chunk failed", { topic, partition, offset: commitOffset, err: err.message });
              return false;
            },
          )
        : true;
      if (!counted) {
        this.leaveUnsettled(gen, epoch, chunk, `counting a chunk of ${topic}[${partition}] failed`);
        return;
      }
      this.log.debug("committing", { topic, partition, offset: commitOffset });
      // Elasticsearch has acknowledged this chunk, so a failed commit loses nothing: the next chunk's commit covers
      // it, and a rebalance that caused it makes kafkajs rejoin and fetch again from the last commit.
      await commit({ topics: [{ topic, partitions: [{ partition, offset: commitOffset }] }] }).then(
        () => gen.committed.set(key, BigInt(commitOffset)),
        (err: Error) => this.log.warn("commit failed", { topic, partition, offset: commitOffset, err: err.message }),
      );
      times?.record("commit", Date.now() - writeEnd);
    }
    if (d.retained) {
      this.counters.held(topic, partition);
    }
    if (d.counts.dropped > 0) {
      this.events.dropped(messages, outcomes, topic, partition);
    }
    if (d.retained) {
      await this.status.retained(d.retained);
      this.slot.signal({ kind: "failed", reason: "retain policy stopped the task" });
    }
  }

  /** Still the one to settle chunks fetched in `epoch`: not halted, lease valid, no rejoin or failure since. */
  private settling(gen: Generation, epoch: number): boolean {
    return !this.slot.halted && !gen.broken && epoch === this.slot.epoch && this.slot.leaseValid();
  }

  /**
   * A chunk of `epoch` is left unsettled. kafkajs has fetched past it, so unless a halt or a rejoin (which fetches
   * again from the commits) explains it, no later chunk may commit: the generation restarts from the commits. Either
   * way the chunk is marked in `gen.gaps`, so that no later chunk of its partition commits past it.
   */
  private leaveUnsettled(gen: Generation, epoch: number, chunk: LaneChunk, why: string): void {
    const first = chunk.messages[0];
    if (first) {
      gen.gaps.skipped(`${first.topic}/${first.partition}`, first.offset);
    }
    if (!this.slot.halted && epoch === this.slot.epoch && !gen.broken) {
      gen.broken = true;
      this.slot.signal({ kind: "restart", reason: why });
    }
  }

  /** Per chunk; the task shows `retrying` while any chunk of this runner is failing, and recovers when none is. */
  private settleHooks(topic: string, partition: number, canContinue: () => boolean, endings: AbortSignal[]): SettleHooks {
    let failing = false;
    return {
      canContinue,
      transient: async (reason, attempt) => {
        if (!failing) {
          failing = true;
          this.failingChunks++;
        }
        this.counters.error(topic, partition, reason);
        // Server-level reasons say who refused ("Elasticsearch refused the credentials of connection …").
        // TaskStatus adds how many retries and since when.
        await this.status.markRetrying(reason.startsWith("Elasticsearch ") ? reason : `Elasticsearch: ${reason}`);
        // No heartbeat here: while this chunk waits, the consumer either keeps fetching (and heartbeats) or waits in
        // PartitionLanes.reserve, which keeps it alive; a heartbeat failing here (a rebalance) is not this chunk's.
        await sleep(backoffMs(attempt), AbortSignal.any(endings));
      },
      fatal: async (reason) => {
        const message = `Stopped: ${reason}. Nothing was discarded or committed because of it; fix the connection or the server, then start the task again.`;
        await this.status.failed(message);
        this.slot.signal({ kind: "failed", reason });
      },
      recovered: async () => {
        if (failing) {
          failing = false;
          this.failingChunks--;
        }
        if (this.failingChunks === 0) {
          await this.status.markRecovered();
        }
      },
    };
  }

  private async sendDeadLetters(gen: Generation, epoch: number, failed: FailedMessage[], topic: string, partition: number): Promise<boolean> {
    let attempt = 0;
    for (;;) {
      if (!this.settling(gen, epoch)) {
        return false;
      }
      try {
        await gen.deadLetters?.send(failed);
        this.events.failed(failed, "dead_lettered", topic, partition);
        return true;
      } catch (err) {
        attempt++;
        await this.status.markRetrying(`dead-letter topic unavailable: ${(err as Error).message}`);
        await sleep(backoffMs(attempt), gen.ending.signal);
      }
    }
  }
}
