import { describe, expect, it, vi } from "vitest";
import { FetchBudget } from "./fetch-budget";
import { PartitionLanes } from "./partition-lanes";

/** A settle function that records when it starts and finishes only when `finish()` is called. */
function gate(log: string[], name: string) {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    settle: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
/** Lanes whose items are their own settle functions. */
const makeLanes = (budget: FetchBudget) => new PartitionLanes<() => Promise<void>>(budget, (settle) => settle());
const never = new AbortController().signal;

describe("PartitionLanes", () => {
  it("settles the chunks of one lane one after the other, in order, and other lanes alongside", async () => {
    const log: string[] = [];
    const lanes = makeLanes(new FetchBudget(1_000));
    const a1 = gate(log, "a1");
    const a2 = gate(log, "a2");
    const b1 = gate(log, "b1");
    lanes.enqueue("a", 10, a1.settle);
    lanes.enqueue("a", 10, a2.settle);
    lanes.enqueue("b", 10, b1.settle);
    await tick();
    expect(log).toEqual(["start a1", "start b1"]);
    a2.finish(); // a2 may not run before a1 has settled, whatever happens to a2's own work
    await tick();
    expect(log).toEqual(["start a1", "start b1"]);
    a1.finish();
    await tick();
    await tick();
    expect(log).toEqual(["start a1", "start b1", "end a1", "start a2", "end a2"]);
    b1.finish();
    await lanes.idle();
    expect(log.at(-1)).toBe("end b1");
  });

  it("lets a lane with nothing queued go even when the budget is spent, and makes a busy lane wait for room", async () => {
    const budget = new FetchBudget(100);
    const lanes = makeLanes(budget);
    const log: string[] = [];
    const a1 = gate(log, "a1");
    lanes.enqueue("a", 150, a1.settle); // larger than the whole budget: still goes, nothing else is queued
    expect(budget.usedBytes).toBe(150);
    await lanes.reserve("b", 50, never); // lane b has nothing queued
    let reserved = false;
    const waiting = lanes.reserve("a", 50, never).then(() => {
      reserved = true;
    });
    await tick();
    expect(reserved).toBe(false);
    a1.finish();
    await waiting;
    expect(reserved).toBe(true);
    expect(budget.usedBytes).toBe(0);
  });

  it("shares one budget between the lanes of several consumers", async () => {
    const budget = new FetchBudget(100);
    const one = makeLanes(budget);
    const two = makeLanes(budget);
    const log: string[] = [];
    const held = gate(log, "held");
    one.enqueue("x", 60, held.settle);
    two.enqueue("y", 30, gate(log, "y1").settle);
    let reserved = false;
    const waiting = two.reserve("y", 30, never).then(() => {
      reserved = true;
    });
    await tick();
    expect(reserved).toBe(false); // 60 + 30 + 30 > 100
    held.finish();
    await waiting;
    expect(reserved).toBe(true);
  });

  it("stops waiting for room when the signal aborts", async () => {
    const budget = new FetchBudget(10);
    const lanes = makeLanes(budget);
    lanes.enqueue("a", 10, () => new Promise<void>(() => {}));
    const abort = new AbortController();
    const waiting = lanes.reserve("a", 10, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
  });

  it("keeps the consumer alive while it waits for room, and passes on what the keep-alive throws", async () => {
    vi.useFakeTimers();
    try {
      const budget = new FetchBudget(10);
      const lanes = makeLanes(budget);
      lanes.enqueue("a", 10, () => new Promise<void>(() => {})); // a sink that never answers
      let beats = 0;
      const waiting = lanes.reserve(
        "a",
        10,
        never,
        async () => {
          beats++;
          if (beats === 3) {
            throw new Error("The group is rebalancing");
          }
        },
        3_000,
      );
      const outcome = waiting.then(
        () => "resolved",
        (err: Error) => err.message,
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(beats).toBe(1); // at once: a pending rebalance is noticed without waiting
      await vi.advanceTimersByTimeAsync(2_999);
      expect(beats).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(beats).toBe(2);
      await vi.advanceTimersByTimeAsync(3_000);
      expect(await outcome).toBe("The group is rebalancing");
      expect(beats).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("offers a queued chunk to join until it starts settling, and counts what joins it against the budget", async () => {
    const budget = new FetchBudget(1_000);
    const lanes = makeLanes(budget);
    const log: string[] = [];
    const first = gate(log, "first");
    const second = gate(log, "second");
    expect(lanes.waiting("a")).toBeUndefined();
    lanes.enqueue("a", 10, first.settle);
    await tick();
    expect(lanes.waiting("a")).toBeUndefined(); // settling already
    expect(() => lanes.grow("a", 5)).toThrow(/no waiting chunk/);
    lanes.enqueue("a", 10, second.settle);
    expect(lanes.waiting("a")).toBe(second.settle);
    lanes.grow("a", 30);
    expect(budget.usedBytes).toBe(50);
    first.finish();
    await tick();
    await tick();
    expect(lanes.waiting("a")).toBeUndefined();
    expect(budget.usedBytes).toBe(40);
    second.finish();
    await lanes.idle();
    expect(budget.usedBytes).toBe(0);
  });

  it("is idle at once when nothing is queued, and after the last chunk otherwise", async () => {
    const lanes = makeLanes(new FetchBudget(100));
    await lanes.idle();
    const log: string[] = [];
    const a = gate(log, "a");
    lanes.enqueue("a", 1, a.settle);
    let idle = false;
    const waiting = lanes.idle().then(() => {
      idle = true;
    });
    await tick();
    expect(idle).toBe(false);
    a.finish();
    await waiting;
    expect(log).toEqual(["start a", "end a"]);
  });
});
