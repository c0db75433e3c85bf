import type { Db } from "@outflow/db/client";
import { describe, expect, it } from "vitest";
import { PartitionCounters } from "./partition-counters";

type Write = { partition: number; held: number; lastError: string | null };

/**
 * A stand-in for Postgres that records each partition's state write (the values addPartitionState binds) and
 * refuses the writes of the partitions in `failing`. Unit level: real Postgres failures are the integration tests'.
 */
function fakeDb(failing: Set<number>) {
  const writes: Write[] = [];
  const db = {
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
      if (!strings.join("").includes("INSERT INTO task_partition_metrics")) {
        return 1; // the sample
      }
      const [, partition, held, lastError] = values as [string, number, number, string | null];
      if (failing.has(partition)) {
        throw new Error(`write of partition ${partition} failed`);
      }
      writes.push({ partition, held, lastError });
      return 1;
    },
  };
  return { db: db as unknown as Db, writes };
}

describe("PartitionCounters.flush", () => {
  it("keeps every partition's state when one partition's write fails, and writes it on the next flush", async () => {
    const counters = new PartitionCounters();
    for (const p of [0, 1, 2, 3]) {
      counters.error("t", p, `error of ${p}`);
    }
    counters.held("t", 3);
    const failing = new Set([1]);
    const { db, writes } = fakeDb(failing);
    await expect(counters.flush(db, "task")).rejects.toThrow("partition 1");
    failing.clear();
    await counters.flush(db, "task");
    expect(writes.map((w) => w.partition).sort()).toEqual([0, 1, 2, 3]);
    expect(writes.find((w) => w.partition === 3)).toEqual({ partition: 3, held: 1, lastError: "error of 3" });
  });

  it("writes nothing twice: a partition written before the failure is not kept; a newer error wins over a kept one", async () => {
    const counters = new PartitionCounters();
    counters.error("t", 0, "first");
    counters.error("t", 1, "old");
    const failing = new Set([1]);
    const { db, writes } = fakeDb(failing);
    await expect(counters.flush(db, "task")).rejects.toThrow();
    counters.error("t", 1, "new");
    failing.clear();
    await counters.flush(db, "task");
    expect(writes).toEqual([
      { partition: 0, held: 0, lastError: "first" },
      { partition: 1, held: 0, lastError: "new" },
    ]);
  });
});
