import type { Db } from "@outflow/db/client";
import { describe, expect, it } from "vitest";
import { PartitionCounters } from "./partition-counters";

type Write = { partition: number; messagesIn: number; committed: string | null };

/**
 * A stand-in for Postgres that records each partition's counter write (the values addPartitionCounts binds) and
 * refuses the writes of the partitions in `failing`. Unit level: the real Postgres failure is the integration test's.
 */
function fakeDb(failing: Set<number>) {
  const writes: Write[] = [];
  const db = {
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
      if (!strings.join("").includes("INSERT INTO task_partition_metrics")) {
        return 1; // the sample
      }
      const [, partition, messagesIn] = values as [string, number, number];
      if (failing.has(partition)) {
        throw new Error(`write of partition ${partition} failed`);
      }
      const committed = values[14] as string | null;
      writes.push({ partition, messagesIn, committed });
      return 1;
    },
  };
  return { db: db as unknown as Db, writes };
}

const counted = (writes: Write[], partition: number) => writes.filter((w) => w.partition === partition).reduce((n, w) => n + w.messagesIn, 0);

describe("PartitionCounters.flush", () => {
  it("keeps every partition's counts when one partition's write fails, and adds them on the next flush", async () => {
    const counters = new PartitionCounters();
    for (const p of [0, 1, 2, 3]) {
      counters.add("t", p, { messagesIn: 10 + p, messagesWritten: 10 + p }, String(100 + p));
    }
    const failing = new Set([1]);
    const { db, writes } = fakeDb(failing);
    await expect(counters.flush(db, "task")).rejects.toThrow("partition 1");
    counters.add("t", 3, { messagesIn: 5, messagesWritten: 5 }, "200");
    failing.clear();
    await counters.flush(db, "task");
    expect([0, 1, 2, 3].map((p) => counted(writes, p))).toEqual([10, 11, 12, 18]);
    // The later commit of partition 3 wins over the one that waited.
    expect(writes.filter((w) => w.partition === 3).at(-1)?.committed).toBe("200");
  });

  it("writes nothing twice: a partition written before the failure is not kept", async () => {
    const counters = new PartitionCounters();
    counters.add("t", 0, { messagesIn: 7 }, "7");
    counters.add("t", 1, { messagesIn: 3 }, "3");
    const failing = new Set([1]);
    const { db, writes } = fakeDb(failing);
    await expect(counters.flush(db, "task")).rejects.toThrow();
    failing.clear();
    await counters.flush(db, "task");
    expect(counted(writes, 0)).toBe(7);
    expect(counted(writes, 1)).toBe(3);
  });
});
