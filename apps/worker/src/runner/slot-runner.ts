import { createElastic, type ElasticClient } from "@outflow/connectors/elasticsearch";
import { createKafka } from "@outflow/connectors/kafka";
import { resolveConnection } from "@outflow/db/connections";
import { countHeldSlots, type Lease } from "@outflow/db/leases";
import { appendEvent } from "@outflow/db/task-events";
import { consumerGroupOf, findTask, setStatus, type TaskRecord, transitionStatus } from "@outflow/db/tasks";
import {
  type AggregationSpec,
  ChunkSettlement,
  type CompiledTask,
  compileTask,
  type FailedMessage,
  type KafkaMessage,
  type MessageOutcome,
  type Processed,
  planDisposition,
  processMessage,
} from "@outflow/pipeline";
import type { ElasticsearchConnectionInput, KafkaConnectionInput } from "@outflow/schemas/connection";
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { Logger } from "../logger";
import { aggregateChunk } from "./aggregate-chunk";
import { abandonedOnAbort, backoffMs, sleep } from "./backoff";
import { BulkWriter } from "./bulk-writer";
import { CONSUMER_SETTINGS, RUN_SETTINGS } from "./consumer-settings";
import { DeadLetterSink } from "./dead-letter-sink";
import { EventSampler } from "./event-sampler";
import { LaneGaps } from "./lane-gaps";
import { LeaseKeeper } from "./lease-keeper";
import { PartitionCounters } from "./partition-counters";
import { PartitionLanes } from "./partition-lanes";
import { reportOffsets } from "./report-offsets";
import type { RunnerDeps } from "./runner-deps";
import type { SettleHooks } from "./settle-hooks";
import { writeChunk } from "./write-chunk";

type Halt = { kind: "stop" | "restart" | "lost" | "failed"; reason: string };

/** A processed chunk waiting on its lane: serialised bulk actions, or (aggregation) the processed messages. */
type ChunkWork = { kind: "write"; settlement: ChunkSettlement } | { kind: "aggregate"; spec: AggregationSpec; processed: Processed[] };

/** A chunk on its partition's lane: consecutive messages of one partition, fetched in one `epoch`. */
type LaneChunk = {
  epoch: number;
  /** When it was queued on its lane (stage times). */
  queuedAt: number;
  messages: KafkaMessage[];
  work: ChunkWork;
  bytes: number;
  /** Retain policy: the chunk ends with a failing message; nothing may join it. */
  closed: boolean;
  payload: Pick<EachBatchPayload, "commitOffsetsIfNecessary">;
};

/** Everything one consumer generation (one config version) works with. */
type Generation = {
  task: TaskRecord;
  compiled: CompiledTask;
  kafka: Kafka;
  es: ElasticClient;
  consumer: Consumer;
  writer: BulkWriter;
  deadLetters: DeadLetterSink | null;
  lanes: PartitionLanes<LaneChunk>;
  /** Per partition, the highest offset this generation committed: commits never move back. */
  committed: Map<string, bigint>;
  /** A chunk failed to settle: nothing more is written or committed, and the generation restarts from the commits. */
  broken: boolean;
  /** Chunks skipped unsettled, per partition: a later chunk must not commit past them. */
  gaps: LaneGaps;
  /**
   * Aborted once the generation is over (any halt, a restart included, or a crash): its backoff sleeps and budget
   * waits end at once instead of running out first (up to 30 s), so a saved configuration takes effect promptly.
   */
  ending: AbortController;
};

/**
 * Runs one consumer slot of one task under a lease: a kafkajs consumer in the task's group whose batches go
 * through the pure pipeline into Elasticsearch; offsets are committed only for settled messages, and only while
 * the lease is valid. Ends on stop (graceful: the current chunk is finished and committed), on lease loss
 * (nothing more is written or committed), or when the retain policy stops the task.
 */
export class SlotRunner {
  private halt: Halt | null = null;
  /**
   * What the next halt (any, a restart included) aborts: the current generation's `ending`, or the backoff between
   * two generations (a saved configuration may be the fix). See {@link haltScope}.
   */
  private scope: AbortController | null = null;
  private wake: (() => void) | null = null;
  private readonly keeper: LeaseKeeper;
  private readonly counters = new PartitionCounters();
  private readonly log: Logger;
  private readonly samplers = { discarded: new EventSampler(5_000), dead_lettered: new EventSampler(5_000), dropped: new EventSampler(5_000) };
  private retrying = false;
  private failingChunks = 0;
  private configVersion: number;
  private current: Generation | null = null;
  /**
   * Counts the consumer's group joins. After a rejoin kafkajs fetches every partition again from its committed
   * offset, so chunks fetched before it are not settled any more; `assigned` is what the last join gave us.
   */
  private epoch = 0;
  /** Aborted when the epoch ends: a chunk of an earlier epoch must not sleep in a retry backoff ahead of this one's. */
  private epochScope = new AbortController();
  private assigned = new Set<string>();
  readonly done: Promise<void>;

  constructor(
    private readonly deps: RunnerDeps,
    readonly lease: Lease,
    claimedAt: number,
  ) {
    this.log = deps.log.child({ taskId: lease.taskId, slot: lease.slot, token: lease.token.toString() });
    this.configVersion = lease.configVersion;
    this.keeper = new LeaseKeeper(
      deps.db,
      lease,
      deps.env.LEASE_MS,
      this.log,
      (r) => {
        if (r.desiredState !== "running") {
          this.stop("the task was stopped");
        } else if (this.lease.slot >= r.consumers) {
          this.stop(`the task now has ${r.consumers} consumer(s); slot ${this.lease.slot} is no longer needed`);
        } else if (r.configVersion !== this.configVersion) {
          this.signal({ kind: "restart", reason: `configuration version ${r.configVersion} was saved` });
        }
      },
      (reason) => this.signal({ kind: "lost", reason }),
      claimedAt,
    );
    this.done = this.run();
  }

  get key(): string {
    return `${this.lease.taskId}:${this.lease.slot}`;
  }

  /** Graceful stop: finish and commit the chunk in hand, then leave. */
  stop(reason: string): void {
    this.signal({ kind: "stop", reason });
  }

  /** Look at the task now (its wanted state or config changed). */
  nudge(): void {
    void this.keeper.renewNow();
  }

  private signal(h: Halt): void {
    if (this.halt && this.halt.kind !== "restart") {
      return;
    }
    this.halt = h;
    this.scope?.abort();
    this.wake?.();
  }

  /** A controller the next halt aborts; already aborted when a halt came first. */
  private haltScope(): AbortController {
    const scope = new AbortController();
    this.scope = scope;
    if (this.halt) {
      scope.abort();
    }
    return scope;
  }

  private nextEpoch(): void {
    this.epoch++;
    this.epochScope.abort();
    this.epochScope = new AbortController();
  }

  private get halted(): boolean {
    return this.halt !== null;
  }

  private async run(): Promise<void> {
    const { db } = this.deps;
    const taskId = this.lease.taskId;
    this.keeper.start();
    this.log.info("slot claimed", { worker: this.deps.workerId });
    const metricsTimer = setInterval(() => void this.flushMetrics(), this.deps.env.METRICS_EVERY_MS);
    const offsetsTimer = this.lease.slot === 0 ? setInterval(() => void this.reportOffsets(), 5_000) : null;
    let attempt = 0;
    try {
      while (!this.halt || this.halt.kind === "restart") {
        this.halt = null;
        const outcome = await this.runGeneration().catch((err: Error) => ({ error: err }));
        if (outcome && "error" in outcome) {
          attempt++;
          const reason = outcome.error.message;
          this.log.warn("consumer generation failed; retrying", { err: reason, attempt });
          await this.markRetrying(`Kafka or Elasticsearch unavailable: ${reason}`);
          await sleep(backoffMs(attempt, 1_000, 30_000), this.haltScope().signal);
          // (a cast: the compiler cannot see that a signal may have set the halt during the awaits)
          if ((this.halt as Halt | null)?.kind === "restart") {
            attempt = 0; // a new configuration: its first failure waits the least
          }
          continue;
        }
        attempt = 0;
      }
    } finally {
      clearInterval(metricsTimer);
      if (offsetsTimer) {
        clearInterval(offsetsTimer);
      }
      await this.flushMetrics();
      const lost = this.halt?.kind === "lost";
      await this.keeper.stop(!lost);
      this.log.info("slot ended", { how: this.halt?.kind, reason: this.halt?.reason });
      if (lost) {
        await appendEvent(db, taskId, {
          level: "warn",
          kind: "lease_lost",
          message: `Consumer slot ${this.lease.slot} stopped on worker ${this.deps.workerId}: ${this.halt?.reason}`,
          details: { slot: this.lease.slot, token: this.lease.token.toString(), worker: this.deps.workerId },
        }).catch(() => {});
      } else if ((await countHeldSlots(db, taskId).catch(() => 1)) === 0) {
        await transitionStatus(
          db,
          taskId,
          ["starting", "running", "retrying", "stopping"],
          "stopped",
          {
            level: "info",
            kind: "stopped",
            message: "Task stopped: every consumer finished and committed",
          },
          { desired: "stopped" },
        ).catch(() => {});
      }
    }
  }

  /** One consumer for one config version; resolves when halted. */
  private async runGeneration(): Promise<void> {
    const { db, box, workerId } = this.deps;
    const task = await findTask(db, this.lease.taskId);
    if (task?.desiredState !== "running") {
      this.stop("the task no longer wants to run");
      return;
    }
    this.configVersion = task.configVersion;
    this.failingChunks = 0;
    const compiled = compileTask(task.config);
    const source = await resolveConnection(db, box, task.config.source.connectionId);
    const sink = await resolveConnection(db, box, task.config.sink.connectionId);
    if (source?.kind !== "kafka" || sink?.kind !== "elasticsearch") {
      await this.failTask("The task's Kafka or Elasticsearch connection no longer exists");
      return;
    }
    let abandoned = false;
    const kafka = createKafka(source as KafkaConnectionInput, {
      clientId: `outflow-${workerId}`,
      // An abandoned client (see `starting` below) may go on retrying for a while: its complaints are no news.
      log: (level, message, extra) => (level === "info" || abandoned ? undefined : this.log[level](`kafkajs: ${message}`, extra)),
    });
    const es = createElastic(sink as ElasticsearchConnectionInput);
    const deadLetters = await this.deadLetterSink(task, kafka);
    const { delivery } = task.config;
    const writer = new BulkWriter(es, {
      maxDocs: delivery.bulkMaxDocs,
      maxBytes: delivery.bulkMaxBytes,
      maxWaitMs: delivery.bulkMaxWaitMs,
      concurrency: delivery.bulkConcurrency,
    });
    const consumer = kafka.consumer({ groupId: consumerGroupOf(task.id), ...CONSUMER_SETTINGS });
    const lanes = new PartitionLanes<LaneChunk>(this.deps.fetchBudget, (chunk) =>
      this.settleChunk(gen, chunk).catch((err: Error) => {
        gen.broken = true;
        this.log.warn("settling a chunk failed; the consumer restarts from the committed offsets", { err: err.message });
        this.signal({ kind: "restart", reason: `settling a chunk failed: ${err.message}` });
      }),
    );
    const gen: Generation = {
      task,
      compiled,
      kafka,
      es,
      consumer,
      writer,
      deadLetters,
      lanes,
      committed: new Map(),
      broken: false,
      gaps: new LaneGaps(),
      ending: this.haltScope(),
    };
    this.current = gen;
    this.nextEpoch();
    this.assigned = new Set();
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.nextEpoch();
      this.assigned = new Set(Object.entries(e.payload.memberAssignment).flatMap(([t, ps]) => ps.map((p) => `${t}/${p}`)));
      gen.gaps.keepOnly(this.assigned);
      void this.onJoined(e.payload.memberAssignment);
    });
    const crashed = new Promise<Error>((resolve) => {
      consumer.on(consumer.events.CRASH, (e) => {
        if (!e.payload.restart) {
          resolve(e.payload.error);
        }
      });
    });
    try {
      // The client retries an unreachable broker for about 40 s: a halt (an edit that fixes the connection, a stop)
      // does not wait for that. Abandoned, the start-up goes no further than the step it is in.
      const starting = (async () => {
        await consumer.connect();
        if (!gen.ending.signal.aborted) {
          await consumer.subscribe({ topics: task.config.source.topics, fromBeginning: task.config.source.startPosition.type !== "latest" });
        }
        if (!gen.ending.signal.aborted) {
          await consumer.run({ ...RUN_SETTINGS, eachBatch: (payload) => this.handleBatch(gen, payload) });
        }
      })();
      if (await abandonedOnAbort(starting, gen.ending.signal)) {
        abandoned = true;
        void starting.catch(() => {}).finally(() => consumer.disconnect().catch(() => {}));
        return;
      }
      const halted = new Promise<void>((resolve) => {
        this.wake = resolve;
        if (this.halt) {
          resolve();
        }
      });
      const crash = await Promise.race([halted.then(() => null), crashed]);
      if (crash) {
        throw crash;
      }
    } finally {
      this.wake = null;
      if (!this.halt) {
        gen.broken = true; // the consumer crashed: its chunks stop retrying, the next generation fetches them again
      }
      gen.ending.abort();
      // Chunks in flight finish (and commit, on a graceful stop); queued ones see the halt and leave. Paused, the
      // consumer does not fetch again meanwhile what its handlers would no longer take.
      try {
        consumer.pause(task.config.source.topics.map((topic) => ({ topic })));
      } catch {
        // not running (it never joined, or it crashed): nothing to pause
      }
      await lanes.idle();
      this.current = null;
      await consumer.disconnect().catch((err) => this.log.warn("consumer disconnect failed", { err }));
      await deadLetters?.close();
      await es.close().catch(() => {});
    }
  }

  private async deadLetterSink(task: TaskRecord, sourceKafka: Kafka): Promise<DeadLetterSink | null> {
    const f = task.config.failure;
    if (f.policy !== "dead_letter") {
      return null;
    }
    if (!f.connectionId || f.connectionId === task.config.source.connectionId) {
      return new DeadLetterSink(sourceKafka, f.topic, task.id);
    }
    const conn = await resolveConnection(this.deps.db, this.deps.box, f.connectionId);
    if (conn?.kind !== "kafka") {
      throw new Error("the dead-letter Kafka connection no longer exists");
    }
    return new DeadLetterSink(createKafka(conn as KafkaConnectionInput, { clientId: `outflow-dlq-${this.deps.workerId}` }), f.topic, task.id);
  }

  /**
   * Fetch side: processes each chunk of a batch (the pure pipeline), queues it on its partition's lane and returns,
   * so kafkajs fetches the next batch while Elasticsearch writes this one. Waits first while the worker's fetch
   * budget is full.
   */
  private async handleBatch(gen: Generation, p: EachBatchPayload): Promise<void> {
    const { batch } = p;
    const { topic, partition } = batch;
    const lane = `${topic}/${partition}`;
    const epoch = this.epoch;
    const policy = gen.task.config.failure.policy;
    const chunkSize = gen.task.config.delivery.bulkMaxDocs;
    for (let from = 0; from < batch.messages.length; from += chunkSize) {
      const slice = batch.messages.slice(from, from + chunkSize);
      let bytes = 0;
      for (const m of slice) {
        bytes += (m.value?.length ?? 0) + (m.key?.length ?? 0);
      }
      await gen.lanes.reserve(lane, bytes, gen.ending.signal, p.heartbeat, CONSUMER_SETTINGS.heartbeatInterval);
      if (!p.isRunning() || p.isStale() || this.halted || gen.ending.signal.aborted || gen.broken || epoch !== this.epoch || !this.keeper.valid()) {
        return;
      }
      const messages: KafkaMessage[] = slice.map((m) => ({
        topic,
        partition,
        offset: m.offset,
        timestamp: m.timestamp,
        key: m.key,
        value: m.value,
        headers: m.headers,
      }));
      const now = Date.now();
      let processed = messages.map((m) => processMessage(gen.compiled, m, now));
      // Retain: nothing after a failing message may be committed; don't even send it, nor let anything join it.
      const failedAt = policy === "retain" ? processed.findIndex((r) => r.kind === "failed") : -1;
      if (failedAt >= 0) {
        processed = processed.slice(0, failedAt + 1);
      }
      const closed = failedAt >= 0;
      const settled = messages.slice(0, processed.length);
      // Resolving moves kafkajs's fetch position only; commits follow Elasticsearch's acknowledgement (settleChunk).
      p.resolveOffset((settled[settled.length - 1] as KafkaMessage).offset);
      this.deps.stageTimes?.record("fetch", Date.now() - Number((settled[0] as KafkaMessage).timestamp));
      const open = gen.lanes.waiting(lane);
      const { bulkMaxDocs, bulkMaxBytes, maxDocumentBytes } = gen.task.config.delivery;
      if (open && open.epoch === epoch && !open.closed && open.messages.length + settled.length <= bulkMaxDocs && open.bytes + bytes <= bulkMaxBytes) {
        open.messages.push(...settled);
        if (open.work.kind === "write") {
          open.work.settlement.append(processed);
        } else {
          open.work.processed.push(...processed);
        }
        open.bytes += bytes;
        open.closed = closed;
        gen.lanes.grow(lane, bytes);
      } else {
        // Serialised now, so that a queued chunk holds each document once, as NDJSON (aggregation needs the objects).
        const spec = gen.compiled.aggregation;
        const work: ChunkWork = spec
          ? { kind: "aggregate", spec, processed }
          : { kind: "write", settlement: new ChunkSettlement(processed, maxDocumentBytes, true) };
        gen.lanes.enqueue(lane, bytes, { epoch, queuedAt: Date.now(), messages: settled, work, bytes, closed, payload: p });
      }
      if (closed) {
        return;
      }
    }
  }

  /** Still the one to settle chunks fetched in `epoch`: not halted, lease valid, no rejoin or failure since. */
  private settling(gen: Generation, epoch: number): boolean {
    return !this.halted && !gen.broken && epoch === this.epoch && this.keeper.valid();
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
    if (!this.halted && epoch === this.epoch && !gen.broken) {
      gen.broken = true;
      this.signal({ kind: "restart", reason: why });
    }
  }

  /**
   * Write side, one chunk of one partition after the other: writes until every message is settled, dead-letters,
   * commits what may be committed, counts. Leaves without writing or committing once it is no longer `settling`.
   */
  private async settleChunk(gen: Generation, chunk: LaneChunk): Promise<void> {
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
    const times = this.deps.stageTimes;
    const writeStart = Date.now();
    times?.record("queue", writeStart - chunk.queuedAt);
    // Settling, so `epoch` is the current epoch: a halt or a rejoin ends this chunk's retry sleeps.
    const hooks = this.settleHooks(topic, partition, () => this.settling(gen, epoch), [gen.ending.signal, this.epochScope.signal]);
    const outcomes =
      work.kind === "write"
        ? await writeChunk(gen.writer, work.settlement, hooks)
        : await aggregateChunk(
            gen.es,
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
    this.sampleEvents(d.discarded, "discarded", topic, partition);
    const commitOffset = d.commitOffset ?? d.retained?.message.offset ?? null;
    // After a rejoin a chunk that was in flight still commits what Elasticsearch acknowledged, if the partition stayed.
    const mayCommit = this.keeper.valid() && this.assigned.has(key) && !gen.broken;
    if (commitOffset !== null && mayCommit && BigInt(commitOffset) > (gen.committed.get(key) ?? -1n)) {
      this.log.debug("committing", { topic, partition, offset: commitOffset });
      // Elasticsearch has acknowledged this chunk, so a failed commit loses nothing: the next chunk's commit covers
      // it, and a rebalance that caused it makes kafkajs rejoin and fetch again from the last commit.
      await commit({ topics: [{ topic, partitions: [{ partition, offset: commitOffset }] }] }).then(
        () => gen.committed.set(key, BigInt(commitOffset)),
        (err: Error) => this.log.warn("commit failed", { topic, partition, offset: commitOffset, err: err.message }),
      );
      times?.record("commit", Date.now() - writeEnd);
    }
    this.counters.add(topic, partition, { ...d.counts, failed: d.retained ? 1 : 0 }, commitOffset);
    if (d.counts.dropped > 0) {
      this.sampleDropped(messages, outcomes, topic, partition);
    }
    if (d.retained) {
      await this.retain(d.retained);
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
        await this.markRetrying(`Elasticsearch: ${reason}; retry ${attempt}`);
        // No heartbeat here: while this chunk waits, the consumer either keeps fetching (and heartbeats) or waits in
        // PartitionLanes.reserve, which keeps it alive; a heartbeat failing here (a rebalance) is not this chunk's.
        await sleep(backoffMs(attempt), AbortSignal.any(endings));
      },
      recovered: async () => {
        if (failing) {
          failing = false;
          this.failingChunks--;
        }
        if (this.failingChunks === 0) {
          await this.markRecovered();
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
        this.sampleEvents(failed, "dead_lettered", topic, partition);
        return true;
      } catch (err) {
        attempt++;
        await this.markRetrying(`dead-letter topic unavailable: ${(err as Error).message}`);
        await sleep(backoffMs(attempt), gen.ending.signal);
      }
    }
  }

  private sampleEvents(failed: FailedMessage[], what: "discarded" | "dead_lettered", topic: string, partition: number): void {
    const first = failed[0];
    if (!first) {
      return;
    }
    const sampler = this.samplers[what];
    const suppressed = sampler.take();
    if (suppressed === null) {
      return;
    }
    const f = first.failure;
    const more = failed.length - 1 + suppressed;
    void appendEvent(this.deps.db, this.lease.taskId, {
      level: "warn",
      kind: what === "discarded" ? "message_discarded" : "message_dead_lettered",
      message: `${what === "discarded" ? "Discarded" : "Dead-lettered"} ${topic}[${partition}]@${first.message.offset} at ${f.stage}: ${f.reason}${more > 0 ? ` (and ${more} more since the last such event)` : ""}`,
      details: { topic, partition, offset: first.message.offset, stage: f.stage, reason: f.reason, status: f.status, errorType: f.errorType },
    }).catch(() => {});
  }

  private sampleDropped(messages: KafkaMessage[], outcomes: MessageOutcome[], topic: string, partition: number): void {
    const i = outcomes.findIndex((o) => o.kind === "dropped");
    const o = outcomes[i];
    const suppressed = this.samplers.dropped.take();
    if (o?.kind !== "dropped" || suppressed === null) {
      return;
    }
    void appendEvent(this.deps.db, this.lease.taskId, {
      level: "info",
      kind: "message_dropped",
      message: `Dropped non-JSON ${topic}[${partition}]@${messages[i]?.offset}: ${o.reason}${suppressed > 0 ? ` (and ${suppressed} more)` : ""}`,
      details: { topic, partition, offset: messages[i]?.offset, reason: o.reason },
    }).catch(() => {});
  }

  /** Retain policy: the task stops at this message; it resumes from it after an edit or a restart. */
  private async retain(f: FailedMessage): Promise<void> {
    const point = { topic: f.message.topic, partition: f.message.partition, offset: f.message.offset, stage: f.failure.stage, reason: f.failure.reason };
    await setStatus(
      this.deps.db,
      this.lease.taskId,
      "failed",
      {
        level: "error",
        kind: "failed",
        message: `Stopped at ${point.topic}[${point.partition}]@${point.offset} (${point.stage}): ${point.reason}. Nothing from this message on was committed; fix the cause or switch the failure policy, then start the task again.`,
        details: point,
      },
      { reason: `${point.stage}: ${point.reason}`, failurePoint: point, desiredState: "stopped" },
    );
    this.signal({ kind: "failed", reason: "retain policy stopped the task" });
  }

  private async failTask(reason: string): Promise<void> {
    await setStatus(this.deps.db, this.lease.taskId, "failed", { level: "error", kind: "failed", message: reason }, { reason, desiredState: "stopped" });
    this.signal({ kind: "failed", reason });
  }

  private async onJoined(assignment: Record<string, number[]>): Promise<void> {
    const parts =
      Object.entries(assignment)
        .map(([t, ps]) => `${t}[${ps.join(",")}]`)
        .join(" ") || "no partitions";
    this.log.info("joined consumer group", { assignment });
    if (this.lease.slot === 0) {
      setTimeout(() => void this.reportOffsets(), 1_000).unref();
    }
    const changed = await transitionStatus(
      this.deps.db,
      this.lease.taskId,
      ["starting", "retrying"],
      "running",
      {
        level: "info",
        kind: "running",
        message: `Running: consumer slot ${this.lease.slot} on worker ${this.deps.workerId} joined the group (lease token ${this.lease.token})`,
        details: { slot: this.lease.slot, worker: this.deps.workerId, token: this.lease.token.toString(), assignment },
      },
      { desired: "running", reason: null },
    ).catch(() => false);
    if (!changed) {
      await appendEvent(this.deps.db, this.lease.taskId, {
        level: "info",
        kind: "rebalanced",
        message: `Consumer slot ${this.lease.slot} (worker ${this.deps.workerId}, lease token ${this.lease.token}) has ${parts}`,
        details: { slot: this.lease.slot, worker: this.deps.workerId, token: this.lease.token.toString(), assignment },
      }).catch(() => {});
    }
    this.retrying = false;
  }

  private async markRetrying(reason: string): Promise<void> {
    if (this.retrying) {
      return;
    }
    this.retrying = true;
    await transitionStatus(
      this.deps.db,
      this.lease.taskId,
      ["running", "starting"],
      "retrying",
      { level: "warn", kind: "retrying", message: reason },
      { desired: "running", reason },
    ).catch(() => {});
  }

  private async markRecovered(): Promise<void> {
    this.retrying = false;
    await transitionStatus(
      this.deps.db,
      this.lease.taskId,
      ["retrying"],
      "running",
      { level: "info", kind: "recovered", message: "Recovered: writes succeed again" },
      { desired: "running", reason: null },
    ).catch(() => {});
  }

  private async flushMetrics(): Promise<void> {
    await this.counters.flush(this.deps.db, this.lease.taskId).catch((err) => this.log.warn("metrics flush failed", { err }));
  }

  private async reportOffsets(): Promise<void> {
    const gen = this.current;
    if (gen) {
      await reportOffsets(this.deps.db, gen.kafka, gen.task.id, gen.task.config.source.topics).catch((err) => this.log.debug("offset report failed", { err }));
    }
  }
}
