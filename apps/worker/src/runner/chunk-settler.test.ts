import { ChunkSettlement, type ItemResult, type KafkaMessage, type PendingAction, type Processed } from "@outflow/pipeline";
import { describe, expect, it } from "vitest";
import type { BulkWriter } from "./bulk-writer";
import { ChunkSettler } from "./chunk-settler";
import { LaneGaps } from "./lane-gaps";
import type { MessageEvents } from "./message-events";
import { PartitionCounters } from "./partition-counters";
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
function harness(opts: { loseLeaseDuringWrite?: boolean; commitFails?: () => boolean }) {
  let lease = true;
  const commits: string[] = [];
  const slot: SlotControl = {
    epoch: 1,
    epochSignal: new AbortController().signal,
    halted: false,
    leaseValid: () => lease,
    isAssigned: () => true,
    signal: () => {},
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
    uncounted: new Map(),
    broken: false,
    gaps: new LaneGaps(),
    ending: new AbortController(),
  } as unknown as Generation;
  const counters = new PartitionCounters();
  const status = { markRetrying: async () => {}, markRecovered: async () => {}, retained: async () => {}, failed: async () => {} } as unknown as TaskStatus;
  const events = { failed() {}, dropped() {} } as unknown as MessageEvents;
  const settler = new ChunkSettler(slot, status, events, counters, quiet, null);
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
  /** What the counters would add to Postgres now: messages in, and the commit they carry. */
  const pending = () => {
    const entries = (
      counters as unknown as {
        entries: Map<string, { delta: { messagesIn: number; documentsCreated: number }; committed: string | null; countedFrom: string | null }>;
      }
    ).entries;
    const e = [...entries.values()][0];
    return e ? { messagesIn: e.delta.messagesIn, created: e.delta.documentsCreated, committed: e.committed, countedFrom: e.countedFrom } : null;
  };
  return { settler, gen, chunk, commits, pending };
}

describe("ChunkSettler counts only what it committed", () => {
  it("counts a settled and committed chunk, with what Elasticsearch did and where the count starts", async () => {
    const h = harness({});
    await h.settler.settle(h.gen, h.chunk(10, 5));
    expect(h.commits).toEqual(["15"]);
    expect(h.pending()).toEqual({ messagesIn: 5, created: 5, committed: "15", countedFrom: "10" });
  });

  it("counts nothing when the lease was lost while Elasticsearch took the chunk (the commit is skipped)", async () => {
    const h = harness({ loseLeaseDuringWrite: true });
    await h.settler.settle(h.gen, h.chunk(0, 5));
    expect(h.commits).toEqual([]);
    expect(h.pending()).toBeNull();
  });

  it("holds the counts of a chunk whose commit failed until the next commit covers them", async () => {
    let fail = true;
    const h = harness({ commitFails: () => fail });
    await h.settler.settle(h.gen, h.chunk(0, 5));
    expect(h.pending()).toBeNull();
    fail = false;
    await h.settler.settle(h.gen, h.chunk(5, 3));
    expect(h.commits).toEqual(["8"]);
    expect(h.pending()).toEqual({ messagesIn: 8, created: 8, committed: "8", countedFrom: "0" });
  });

  it("after a rejoin, a chunk overlapping one already committed counts only the messages past that commit", async () => {
    const h = harness({});
    await h.settler.settle(h.gen, h.chunk(0, 5)); // commits 5
    await h.settler.settle(h.gen, h.chunk(3, 4)); // 3..6, fetched again: 5 and 6 are new
    expect(h.commits).toEqual(["5", "7"]);
    expect(h.pending()?.messagesIn).toBe(7);
  });
});
