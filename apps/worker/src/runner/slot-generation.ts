import type { SearchSink } from "@outflow/connectors/search-sink";
import type { TaskRecord } from "@outflow/db/tasks";
import type { AggregationSpec, ChunkSettlement, CompiledTask, KafkaMessage, Processed } from "@outflow/pipeline";
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { BatchSchemas } from "./batch-schemas";
import type { BulkWriter } from "./bulk-writer";
import type { DeadLetterSink } from "./dead-letter-sink";
import type { LaneGaps } from "./lane-gaps";
import type { PartitionLanes } from "./partition-lanes";

/** Why a slot runner ends its current generation: a restart starts the next one, any other kind ends the runner. */
export type Halt = { kind: "stop" | "restart" | "lost" | "failed"; reason: string };

/** A processed chunk waiting on its lane: serialised bulk actions, or (aggregation) the processed messages. */
export type ChunkWork = { kind: "write"; settlement: ChunkSettlement } | { kind: "aggregate"; spec: AggregationSpec; processed: Processed[] };

/** A chunk on its partition's lane: consecutive messages of one partition, fetched in one `epoch`. */
export type LaneChunk = {
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
export type Generation = {
  task: TaskRecord;
  compiled: CompiledTask;
  kafka: Kafka;
  sink: SearchSink;
  consumer: Consumer;
  writer: BulkWriter;
  deadLetters: DeadLetterSink | null;
  /** Set when the task reads registry formats (avro, protobuf, json_schema): its Kafka connection's registry. */
  schemas?: BatchSchemas;
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

/** What the fetch and write sides see of their slot runner: its epoch, halt and lease. */
export interface SlotControl {
  /** Counts the consumer's group joins (see SlotRunner.nextEpoch). */
  readonly epoch: number;
  /** Aborted when the epoch ends. */
  readonly epochSignal: AbortSignal;
  readonly halted: boolean;
  leaseValid(): boolean;
  /** The last group join assigned this `topic/partition`. */
  isAssigned(key: string): boolean;
  signal(h: Halt): void;
}
