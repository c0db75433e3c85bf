import { type Counters, zeroCounters } from "@outflow/schemas/task";
import { describe, expect, it } from "vitest";
import { partitionLedger } from "./partition-ledger";

const counters = (c: Partial<Counters>): Counters => ({ ...zeroCounters(), ...c });

describe("partitionLedger", () => {
  it("balances when the committed span equals every settled message, each outcome counted", () => {
    const since = counters({ messagesWritten: 60, filtered: 10, dropped: 5, discarded: 3, deadLettered: 2, messagesIn: 80 });
    expect(partitionLedger({ countedFrom: "1000", kafkaCommitted: "1080", since })).toEqual({
      countedFrom: "1000",
      committedOffset: "1080",
      committed: 80,
      settled: 80,
      retained: 0,
      unaccounted: 0,
      balanced: true,
    });
  });

  it("does not balance when the counters over-count (a chunk counted twice) or under-count (counts lost)", () => {
    const twice = partitionLedger({ countedFrom: "0", kafkaCommitted: "100", since: counters({ messagesWritten: 120 }) });
    expect(twice).toMatchObject({ unaccounted: -20, balanced: false });
    const lost = partitionLedger({ countedFrom: "0", kafkaCommitted: "100", since: counters({ messagesWritten: 70 }) });
    expect(lost).toMatchObject({ unaccounted: 30, balanced: false });
  });

  it("a held message is outside the span: the span stops before it", () => {
    const l = partitionLedger({ countedFrom: "0", kafkaCommitted: "41", since: counters({ messagesWritten: 41, failed: 1 }) });
    expect(l).toMatchObject({ committed: 41, settled: 41, retained: 1, balanced: true });
  });

  it("offsets past int53 are exact", () => {
    const l = partitionLedger({ countedFrom: "9007199254740993", kafkaCommitted: "9007199254740996", since: counters({ messagesWritten: 3 }) });
    expect(l).toMatchObject({ committed: 3, balanced: true });
  });

  it("cannot tell before the committed offset was read from Kafka; nothing counted since a reset is balanced", () => {
    expect(partitionLedger({ countedFrom: "0", kafkaCommitted: null, since: counters({ messagesWritten: 5 }) })).toMatchObject({
      committed: null,
      unaccounted: null,
      balanced: null,
    });
    expect(partitionLedger({ countedFrom: null, kafkaCommitted: "500", since: counters({}) })).toMatchObject({ committed: 0, balanced: true });
  });
});
