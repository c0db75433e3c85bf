import { describe, expect, it } from "vitest";
import { type PartitionBounds, sampleWindowRanges } from "./sample-window";

const bounds: PartitionBounds[] = [
  { topic: "t", partition: 0, low: 0n, high: 10n },
  { topic: "t", partition: 1, low: 5n, high: 8n },
  { topic: "t", partition: 2, low: 0n, high: 0n },
];

describe("sampleWindowRanges", () => {
  it("reads every partition from its first kept message, skipping empty ones", () => {
    expect(sampleWindowRanges(bounds, { limit: 3, position: { type: "earliest" } })).toEqual({
      ok: true,
      ranges: [
        { topic: "t", partition: 0, from: 0n, count: 3 },
        { topic: "t", partition: 1, from: 5n, count: 3 },
      ],
    });
  });

  it("takes the last messages of a partition for latest", () => {
    const r = sampleWindowRanges(bounds, { limit: 4, only: { topic: "t", partition: 1 }, position: { type: "latest" } });
    expect(r).toEqual({ ok: true, ranges: [{ topic: "t", partition: 1, from: 5n, count: 4 }] });
    const r0 = sampleWindowRanges(bounds, { limit: 4, only: { topic: "t", partition: 0 }, position: { type: "latest" } });
    expect(r0).toEqual({ ok: true, ranges: [{ topic: "t", partition: 0, from: 6n, count: 4 }] });
  });

  it("starts at the offset Kafka found for the time, and skips partitions with nothing that late", () => {
    const r = sampleWindowRanges(bounds, { limit: 2, position: { type: "timestamp", timestamp: 1 } }, [
      { topic: "t", partition: 0, offset: "7" },
      { topic: "t", partition: 1, offset: "-1" },
    ]);
    expect(r).toEqual({ ok: true, ranges: [{ topic: "t", partition: 0, from: 7n, count: 2 }] });
  });

  it("reads one partition from an offset; its end gives an empty sample", () => {
    expect(sampleWindowRanges(bounds, { limit: 2, only: { topic: "t", partition: 0 }, position: { type: "offset", offset: 4n } })).toEqual({
      ok: true,
      ranges: [{ topic: "t", partition: 0, from: 4n, count: 2 }],
    });
    expect(sampleWindowRanges(bounds, { limit: 2, only: { topic: "t", partition: 0 }, position: { type: "offset", offset: 10n } })).toEqual({
      ok: true,
      ranges: [],
    });
  });

  it("names the field of what the topic does not have", () => {
    const partition = sampleWindowRanges(bounds, { limit: 2, only: { topic: "t", partition: 3 }, position: { type: "earliest" } });
    expect(partition).toEqual({ ok: false, problem: { field: "partition", message: "Topic t has 3 partitions (0–2); there is no partition 3" } });
    const beyond = sampleWindowRanges(bounds, { limit: 2, only: { topic: "t", partition: 0 }, position: { type: "offset", offset: 11n } });
    expect(beyond).toMatchObject({
      ok: false,
      problem: { field: "offset", message: expect.stringContaining("beyond the end of t partition 0: its next message will get offset 10") },
    });
    const gone = sampleWindowRanges(bounds, { limit: 2, only: { topic: "t", partition: 1 }, position: { type: "offset", offset: 2n } });
    expect(gone).toMatchObject({ ok: false, problem: { field: "offset", message: expect.stringContaining("first message is at offset 5") } });
    const noPartition = sampleWindowRanges(bounds, { limit: 2, position: { type: "offset", offset: 2n } });
    expect(noPartition).toMatchObject({ ok: false, problem: { field: "partition" } });
    const topic = sampleWindowRanges(bounds, { limit: 2, only: { topic: "u", partition: 0 }, position: { type: "earliest" } });
    expect(topic).toMatchObject({ ok: false, problem: { field: "topic" } });
  });
});
