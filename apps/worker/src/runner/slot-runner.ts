import { createKafka } from "@outflow/connectors/kafka";
import { registrySchemaLookup } from "@outflow/connectors/registry-schema-lookup";
import { openSearchSink } from "@outflow/connectors/search-sink";
import { resolveConnection } from "@outflow/db/connections";
import { countHeldSlots, type Lease } from "@outflow/db/leases";
import { appendEvent } from "@outflow/db/task-events";
import { consumerGroupOf, findTask, type TaskRecord, transitionStatus } from "@outflow/db/tasks";
import { compileTask } from "@outflow/pipeline";
import type { ElasticsearchConnectionInput, KafkaConnectionInput, SchemaRegistryConnectionInput } from "@outflow/schemas/connection";
import { eventWords, worded } from "@outflow/schemas/event-words";
import { reservedNameIssues } from "@outflow/schemas/reserved-names";
import type { Kafka } from "kafkajs";
import type { Logger } from "../logger";
import { abandonedOnAbort, backoffMs, sleep } from "./backoff";
import { takeBatch } from "./batch-intake";
import type { BatchSchemas } from "./batch-schemas";
import { BulkWriter } from "./bulk-writer";
import { ChunkSettler } from "./chunk-settler";
import { CONSUMER_SETTINGS, RUN_SETTINGS } from "./consumer-settings";
import { DeadLetterSink } from "./dead-letter-sink";
import { LaneGaps } from "./lane-gaps";
import { LeaseKeeper } from "./lease-keeper";
import { MessageEvents } from "./message-events";
import { PaceReporter } from "./pace-reporter";
import { PartitionCounters } from "./partition-counters";
import { PartitionLanes } from "./partition-lanes";
import { reportOffsets } from "./report-offsets";
import type { RunnerDeps } from "./runner-deps";
import { SettledCounts } from "./settled-counts";
import type { Generation, Halt, LaneChunk, SlotControl } from "./slot-generation";
import { TaskStatus } from "./task-status";
import type { PaceState } from "./write-pace";

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
  private readonly status: TaskStatus;
  private readonly settler: ChunkSettler;
  private readonly pace: PaceReporter;
  /** What the fetch and write sides see of this runner. */
  private readonly control: SlotControl;
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
    this.status = new TaskStatus(deps.db, lease, deps.workerId);
    const runner = this;
    this.control = {
      get epoch() {
        return runner.epoch;
      },
      get epochSignal() {
        return runner.epochScope.signal;
      },
      get halted() {
        return runner.halted;
      },
      leaseValid: () => this.keeper.valid(),
      isAssigned: (key) => this.assigned.has(key),
      signal: (h) => this.signal(h),
    };
    this.settler = new ChunkSettler(
      this.control,
      this.status,
      new MessageEvents(deps.db, lease.taskId),
      this.counters,
      new SettledCounts(deps.db, lease.taskId),
      this.log,
      deps.stageTimes,
    );
    this.pace = new PaceReporter(deps.db, lease, (message, extra) => this.log.warn(message, extra));
    this.done = this.run();
  }

  get key(): string {
    return `${this.lease.taskId}:${this.lease.slot}`;
  }

  /** Whether this slot's lease is held now (metrics). */
  get leaseHeld(): boolean {
    return this.keeper.held;
  }

  /** How the current generation's writer paces its requests (metrics); null between generations. */
  get writePace(): PaceState | null {
    return this.current?.writer.paceState() ?? null;
  }

  /** The partitions ("topic/partition") the consumer's last group join gave this slot (metrics). */
  get assignedPartitions(): readonly string[] {
    return [...this.assigned];
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
    // The totals before this slot consumes anything: without this sample, a backlog drained within the first
    // flush interval has no earlier sample to be a rate against, and the rate reads 0 throughout.
    await this.flushMetrics();
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
          await this.status.markRetrying(`Kafka or Elasticsearch unavailable: ${reason}`);
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
      this.pace.stop();
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
          ...worded(eventWords.leaseLost(this.lease.slot, this.deps.workerId, String(this.halt?.reason)), {
            slot: this.lease.slot,
            token: this.lease.token.toString(),
            worker: this.deps.workerId,
          }),
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
            ...worded(eventWords.taskStoppedFinished()),
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
    this.settler.reset();
    const compiled = compileTask(task.config);
    const source = await resolveConnection(db, box, task.config.source.connectionId);
    const sink = await resolveConnection(db, box, task.config.sink.connectionId);
    if (source?.kind !== "kafka" || sink?.kind !== "elasticsearch") {
      await this.failTask("The task's Kafka or Elasticsearch connection no longer exists");
      return;
    }
    const reserved = reservedNameIssues(task.config, source, sink);
    if (reserved.length > 0) {
      await this.failTask(reserved.map((i) => `${i.field}: ${i.message}`).join("; "));
      return;
    }
    let schemas: BatchSchemas | undefined;
    if (compiled.registry) {
      const registryId = (source as KafkaConnectionInput).schemaRegistryId;
      const registry = registryId ? await resolveConnection(db, box, registryId) : null;
      if (registry?.kind !== "schema_registry") {
        const format = compiled.registry.value?.format.type ?? compiled.registry.key?.format.type;
        await this.failTask(
          `The task reads ${format} through a schema registry, but its Kafka connection names none (or it no longer exists): pick one on the connection`,
        );
        return;
      }
      schemas = this.batchSchemas(registry as SchemaRegistryConnectionInput);
    }
    let abandoned = false;
    const kafka = createKafka(source as KafkaConnectionInput, {
      clientId: `outflow-${workerId}`,
      // An abandoned client (see `starting` below) may go on retrying for a while: its complaints are no news.
      log: (level, message, extra) => (level === "info" || abandoned ? undefined : this.log[level](`kafkajs: ${message}`, extra)),
    });
    const searchSink = openSearchSink(sink as ElasticsearchConnectionInput);
    const deadLetters = await this.deadLetterSink(task, kafka);
    const { delivery } = task.config;
    const writer = new BulkWriter(searchSink, {
      maxDocs: delivery.bulkMaxDocs,
      maxBytes: delivery.bulkMaxBytes,
      maxWaitMs: delivery.bulkMaxWaitMs,
      concurrency: delivery.bulkConcurrency,
      onPace: (state) => this.pace.report(state),
      refreshFirst: true,
    });
    this.pace.restart(writer.paceState());
    const consumer = kafka.consumer({ groupId: consumerGroupOf(task.id), ...CONSUMER_SETTINGS });
    const lanes = new PartitionLanes<LaneChunk>(this.deps.fetchBudget, (chunk) =>
      this.settler.settle(gen, chunk).catch((err: Error) => {
        gen.broken = true;
        this.log.warn("settling a chunk failed; the consumer restarts from the committed offsets", { err: err.message });
        this.signal({ kind: "restart", reason: `settling a chunk failed: ${err.message}` });
      }),
    );
    const gen: Generation = {
      task,
      compiled,
      kafka,
      sink: searchSink,
      consumer,
      writer,
      deadLetters,
      ...(schemas ? { schemas } : {}),
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
          await consumer.run({ ...RUN_SETTINGS, eachBatch: (payload) => takeBatch(gen, payload, this.control, this.deps.stageTimes) });
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
      await searchSink.close().catch(() => {});
    }
  }

  /** The registry side of a generation: the task shows `retrying` while the registry does not answer. */
  private batchSchemas(registry: SchemaRegistryConnectionInput): BatchSchemas {
    let away = false;
    return {
      lookup: registrySchemaLookup(registry),
      unavailable: async (reason) => {
        away = true;
        this.log.warn("schema registry did not answer; the batch waits", { reason });
        await this.status.markRetrying(reason);
      },
      recovered: async () => {
        if (away) {
          away = false;
          await this.status.markRecovered();
        }
      },
    };
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

  private async onJoined(assignment: Record<string, number[]>): Promise<void> {
    this.log.info("joined consumer group", { assignment });
    if (this.lease.slot === 0) {
      setTimeout(() => void this.reportOffsets(), 1_000).unref();
    }
    await this.status.joined(assignment);
  }

  private async failTask(reason: string): Promise<void> {
    await this.status.failed(reason);
    this.signal({ kind: "failed", reason });
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
