import type { ReadRange } from "./kafka-sample";

/** One partition's offsets when read: `low` is its first message still kept, `high` the offset the next one gets. */
export type PartitionBounds = { topic: string; partition: number; low: bigint; high: bigint };

/**
 * Where a steered sample reads: a Kafka position for every partition (or only `only`), or from an offset of one
 * partition. `timestamp` is Kafka's offsets-for-times: the first message at or after it.
 */
export type SampleWindowRequest = {
  limit: number;
  only?: { topic: string; partition: number };
  position: { type: "earliest" } | { type: "latest" } | { type: "timestamp"; timestamp: number } | { type: "offset"; offset: bigint };
};

/** A request that cannot be read, naming the request's field. */
export type WindowProblem = { field: "partition" | "offset" | "timestamp" | "topic"; message: string };

/**
 * The ranges a sample reads, from the partitions' bounds (and, for `timestamp`, the offsets Kafka found for the
 * time: "-1" when a partition has no message that late). Each partition gives at most `limit` messages; `latest`
 * takes the last `limit` of each. A partition or offset outside what the topic holds is a problem, not an empty
 * sample: the user asked for something that is not there.
 */
export function sampleWindowRanges(
  bounds: PartitionBounds[],
  req: SampleWindowRequest,
  byTime: { topic: string; partition: number; offset: string }[] = [],
): { ok: true; ranges: ReadRange[] } | { ok: false; problem: WindowProblem } {
  let parts = bounds;
  if (req.only) {
    const { topic, partition } = req.only;
    const ofTopic = bounds.filter((b) => b.topic === topic);
    if (ofTopic.length === 0) {
      return { ok: false, problem: { field: "topic", message: `Topic ${topic} is not one of the sampled topics` } };
    }
    parts = ofTopic.filter((b) => b.partition === partition);
    if (parts.length === 0) {
      const n = ofTopic.length;
      return {
        ok: false,
        problem: { field: "partition", message: `Topic ${topic} has ${n} partition${n === 1 ? "" : "s"} (0–${n - 1}); there is no partition ${partition}` },
      };
    }
  } else if (req.position.type === "offset") {
    return { ok: false, problem: { field: "partition", message: "Choose a partition to read from an offset" } };
  }
  const ranges: ReadRange[] = [];
  const limit = BigInt(req.limit);
  for (const b of parts) {
    const p = req.position;
    let from = b.low;
    if (p.type === "latest") {
      from = b.high - limit > b.low ? b.high - limit : b.low;
    } else if (p.type === "timestamp") {
      const found = byTime.find((f) => f.topic === b.topic && f.partition === b.partition)?.offset ?? "-1";
      from = found === "-1" ? b.high : BigInt(found);
    } else if (p.type === "offset") {
      if (p.offset > b.high) {
        return {
          ok: false,
          problem: {
            field: "offset",
            message: `Offset ${p.offset} is beyond the end of ${b.topic} partition ${b.partition}: its next message will get offset ${b.high}`,
          },
        };
      }
      if (p.offset < b.low) {
        return {
          ok: false,
          problem: {
            field: "offset",
            message: `Offset ${p.offset} of ${b.topic} partition ${b.partition} is no longer kept (retention): its first message is at offset ${b.low}`,
          },
        };
      }
      from = p.offset;
    }
    if (from < b.high) {
      ranges.push({ topic: b.topic, partition: b.partition, from, count: req.limit });
    }
  }
  return { ok: true, ranges };
}
