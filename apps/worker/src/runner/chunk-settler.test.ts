import { ChunkSettlement, type ItemResult, type KafkaMessage, type PendingAction, type Processed } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import type { BulkWriter } from "./bulk-writer";
import { ChunkSettler } from "./chunk-settler";
import type { CountsFrom } from "./commit-counts";
import { LaneGaps } from "./lane-gaps";
import type { MessageEvents } from "./message-events";
import { PartitionCounters } from "./partition-counters";
import type { SettledCounts } from "./settled-counts";
import type { Generation, LaneChunk, SlotControl } from "./slot-generation";
import type { TaskStatus } from "./task-status";

const quiet = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

function message(offset: number): KafkaMessage {
  return { topic: "t", partition: 0, offset: String(offset), timestamp: "0", key: null, value: new TextEncoder().encode("{}") };
}

/**
 * One runner's write side with a slot whose lease can be lost while Elasticsearch takes a chunk, and a commit that
 * can fail: the counters it adds are inspected through a PartitionCounters of its own.
 */
function harness(opts: { loseLeaseDuringWrite?: boolean; commitFails?: () => boolean; countFails?: () => boolean }) {
  let lease = true;
  const commits: string[] = [];
  const signals: string[] = [];
  const slot: SlotControl = {
    epoch: 1,
    epochSignal: new AbortController().signal,
    halted: false,
    leaseValid: () => lease,
    isAssigned: () => true,
    signal: (h) => signals.push(h.kind),
  };
  const writer = {
    send: async (items: PendingAction[]): Promise<ItemResult[]> => {
      if (opts.loseLeaseDuringWrite) {
        lease = false;
      }
      return items.map(() => ({ kind: "ok", effect: "created" }));
    },
  } as unknown as BulkWriter;
  const gen = {
    task: { id: "task", config: { failure: { policy: "discard" } } },
    writer,
    deadLetters: null,
    committed: new Map(),
    broken: false,
    gaps: new LaneGaps(),
    ending: new AbortController(),
  } as unknown as Generation;
  // Postgres's side of the counts, as addSettledSpan keeps it: what was counted, and up to which offset.
  const counted = { messagesIn: 0, created: 0, countedTo: null as string | null, spans: [] as string[] };
  const settled = {
    record: async (_t: string, _p: number, span: CountsFrom, to: string, past: (o: bigint) => CountsFrom | null) => {
      if (opts.countFails?.()) {
        throw new Error("Postgres refused");
      }
      const next = counted.countedTo !== null && BigInt(counted.countedTo) > BigInt(span.from) ? past(BigInt(counted.countedTo)) : span;
      if (next) {
        counted.messagesIn += next.counts.messagesIn;
        counted.created += next.counts.documentsCreated;
        counted.spans.push(`${next.from}-${to}`);
        counted.countedTo = to;
      }
    },
  } as unknown as SettledCounts;
  const status = { markRetrying: async () => {}, markRecovered: async () => {}, retained: async () => {}, failed: async () => {} } as unknown as TaskStatus;
  const events = { failed() {}, dropped() {} } as unknown as MessageEvents;
  const settler = new ChunkSettler(slot, status, events, new PartitionCounters(), settled, quiet, null);
  const chunk = (from: number, n: number): LaneChunk => {
    const messages = Array.from({ length: n }, (_, i) => message(from + i));
    const processed: Processed[] = messages.map((m) => ({ kind: "write", actions: [{ op: "index", index: "i", id: m.offset, doc: {} }] }));
    return {
      epoch: 1,
      queuedAt: Date.now(),
      messages,
      work: { kind: "write", settlement: new ChunkSettlement(processed) },
      bytes: 0,
      closed: false,
      payload: {
        commitOffsetsIfNecessary: async (o) => {
          const offset = o?.topics[0]?.partitions[0]?.offset as string;
          if (opts.commitFails?.()) {
            throw new Error("commit refused");
          }
          commits.push(offset);
        },
      },
    };
  };
  return { settler, gen, chunk, commits, counted, signals };
}

describe("ChunkSettler counts what it commits, once, before committing it", () => {
  it("counts a settled chunk, with what Elasticsearch did and where the count starts, then commits it", async () => {
    const h = harness({});
    await h.settler.settle(h.gen, h.chunk(10, 5));
    expect(h.commits).toEqual(["15"]);
    expect(h.counted).toMatchObject({ messagesIn: 5, created: 5, spans: ["10-15"] });
  });

  it("counts nothing and commits nothing when the lease was lost while Elasticsearch took the chunk", async () => {
    const h = harness({ loseLeaseDuringWrite: true });
    await h.settler.settle(h.gen, h.chunk(0, 5));
    expect(h.commits).toEqual([]);
    expect(h.counted.messagesIn).toBe(0);
  });

  it("a chunk that cannot be counted is not committed: the generation restarts from the commits", async () => {
    const h = harness({ countFails: () => true });
    await h.settler.settle(h.gen, h.chunk(0, 5));
    expect(h.commits).toEqual([]);
    expect(h.signals).toEqual(["restart"]);
  });

  it("a failed commit does not count again: the next chunk counts only its own messages", async () => {
    let fail = true;
    const h = harness({ commitFails: () => fail });
    await h.settler.settle(h.gen, h.chunk(0, 5));
    expect(h.counted.messagesIn).toBe(5);
    fail = false;
    await h.settler.settle(h.gen, h.chunk(5, 3));
    expect(h.commits).toEqual(["8"]);
    expect(h.counted).toMatchObject({ messagesIn: 8, spans: ["0-5", "5-8"] });
  });

  it("messages settled again (after a crash before the commit, or a rejoin) are counted once", async () => {
    const h = harness({});
    await h.settler.settle(h.gen, h.chunk(0, 5)); // counted and committed up to 5
    await h.settler.settle(h.gen, h.chunk(3, 4)); // 3..6 fetched again after a rejoin: 5 and 6 are new
    expect(h.counted).toMatchObject({ messagesIn: 7, spans: ["0-5", "5-7"] });
    // A new holder (nothing committed in its generation) settles 0..9 again: only 7..9 are counted.
    const other = harness({});
    Object.assign(other.counted, h.counted);
    await other.settler.settle(other.gen, other.chunk(0, 10));
    expect(other.counted).toMatchObject({ messagesIn: 10, spans: ["0-5", "5-7", "7-10"] });
  });
});
