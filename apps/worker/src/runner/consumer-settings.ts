import type { ConsumerConfig } from "kafkajs";

/** The kafkajs consumer settings of every task slot (the bench's source limit K uses them too). */
export const CONSUMER_SETTINGS = {
  // A dead member holds its partitions until its session expires: keep that short (kafkajs heartbeats between
  // fetches, never on a bare timer; a batch handler waiting for fetch budget heartbeats itself: PartitionLanes.reserve).
  sessionTimeout: 15_000,
  rebalanceTimeout: 30_000,
  heartbeatInterval: 3_000,
  // Fetch sizes bound the worker's memory; a message larger than them still arrives whole (the broker always
  // returns the first record batch of a partition, KIP-74), so one big message cannot wedge a partition. Since
  // consumers fetch ahead of Elasticsearch (partition-lanes.ts), 512 KiB per partition is as fast as 1 MiB was and
  // keeps ten busy tasks in one worker under 384 MiB (BENCHMARKS.md).
  maxBytesPerPartition: 512 * 1024,
  maxBytes: 8 * 1024 * 1024,
  retry: { retries: 10 },
} as const satisfies Omit<ConsumerConfig, "groupId">;

/** How a slot runs its consumer: offsets are resolved and committed by the runner, only for settled messages. */
export const RUN_SETTINGS = { autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 8 } as const;
