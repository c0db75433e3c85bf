import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { JobTimedOut, PoolBusy, type PoolLimits, THREAD_READY, ThreadFailed, ThreadPool } from "./thread-pool";

/**
 * A thread that answers { ms } after blocking its event loop for `ms` (a single step that cannot be interrupted from
 * inside), `{ alloc: true }` by filling its heap, and `{ throw: true }` with an uncaught exception.
 */
const SOURCE = `
const { parentPort, threadId, workerData } = require("node:worker_threads");
const loaded = Date.now() + (workerData?.loadMs ?? 0);
while (Date.now() < loaded) {}
if (workerData?.failToLoad) throw new Error("cannot load");
parentPort.postMessage("${THREAD_READY}");
parentPort.on("message", (job) => {
  if (job.throw) throw new Error("boom");
  if (job.alloc) { const keep = []; for (;;) keep.push(new Array(100000).fill(keep.length)); }
  const end = Date.now() + job.ms;
  while (Date.now() < end) {}
  parentPort.postMessage({ ms: job.ms, threadId });
});`;

type In = { ms?: number; alloc?: boolean; throw?: boolean };
type Out = { ms: number; threadId: number };

const pools: ThreadPool<In, Out>[] = [];
let spawned = 0;

function pool(limits: Partial<PoolLimits> = {}, workerData: { loadMs?: number; failToLoad?: boolean } = {}): ThreadPool<In, Out> {
  const p = new ThreadPool<In, Out>(
    () => {
      spawned++;
      return new Worker(SOURCE, { eval: true, workerData, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    },
    { threads: 1, queue: 2, timeoutMs: 2_000, idleMs: 10_000, keep: 0, ...limits },
  );
  pools.push(p);
  return p;
}

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(ok()).toBe(true);
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe("ThreadPool", () => {
  it("runs jobs off the calling thread: its event loop keeps turning while a job blocks its own", async () => {
    const p = pool();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const out = await p.run({ ms: 300 });
    clearInterval(ticker);
    expect(out.ms).toBe(300);
    expect(ticks).toBeGreaterThan(5);
  });

  it("reuses a thread for the next job, one job per thread at a time, the rest waiting in order", async () => {
    const p = pool({ threads: 1, queue: 3 });
    const before = spawned;
    const outs = await Promise.all([p.run({ ms: 20 }), p.run({ ms: 10 }), p.run({ ms: 5 })]);
    expect(outs.map((o) => o.ms)).toEqual([20, 10, 5]);
    expect(new Set(outs.map((o) => o.threadId)).size).toBe(1);
    expect(spawned - before).toBe(1);
  });

  it("refuses a job when every thread is busy and the queue is full (PoolBusy), without waiting", async () => {
    const p = pool({ threads: 2, queue: 1 });
    await Promise.all([p.run({ ms: 1 }), p.run({ ms: 1 })]);
    await until(() => p.size.ready === 2);
    const running = [p.run({ ms: 300 }), p.run({ ms: 300 }), p.run({ ms: 10 })];
    const t = performance.now();
    await expect(p.run({ ms: 10 })).rejects.toBeInstanceOf(PoolBusy);
    // Before any of the 300 ms jobs could have ended.
    expect(performance.now() - t).toBeLessThan(250);
    expect(p.size).toEqual({ threads: 2, ready: 2, busy: 2, waiting: 1 });
    await Promise.all(running);
  });

  it("ends a thread whose job runs past timeoutMs (JobTimedOut), and the waiting job gets a new thread", async () => {
    const p = pool({ threads: 1, queue: 1, timeoutMs: 200 });
    const t = performance.now();
    const stuck = p.run({ ms: 5_000 });
    const next = p.run({ ms: 10 });
    await expect(stuck).rejects.toBeInstanceOf(JobTimedOut);
    const cutAfter = performance.now() - t;
    expect(cutAfter).toBeGreaterThanOrEqual(195);
    expect(cutAfter).toBeLessThan(2_000);
    const out = await next;
    expect(out.ms).toBe(10);
    expect(p.size.threads).toBe(1);
  });

  it("a thread out of memory fails its job with ERR_WORKER_OUT_OF_MEMORY; the pool goes on", async () => {
    const p = pool();
    const err = await p.run({ alloc: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThreadFailed);
    expect((err as ThreadFailed).code).toBe("ERR_WORKER_OUT_OF_MEMORY");
    expect((await p.run({ ms: 1 })).ms).toBe(1);
  });

  it("an exception in the thread fails its job (ThreadFailed), not the pool", async () => {
    const p = pool();
    const err = await p.run({ throw: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThreadFailed);
    expect((err as Error).message).toContain("boom");
    expect((await p.run({ ms: 1 })).ms).toBe(1);
  });

  it("the timeout counts from when the thread has loaded, not from when it was started", async () => {
    const p = pool({ timeoutMs: 300 }, { loadMs: 500 });
    expect((await p.run({ ms: 50 })).ms).toBe(50);
  });

  it("keeps `keep` threads loaded, and starts one again after a thread was ended", async () => {
    const p = pool({ keep: 1, timeoutMs: 100, idleMs: 20 });
    await expect(p.run({ ms: 1_000 })).rejects.toBeInstanceOf(JobTimedOut);
    await until(() => p.size.threads === 1);
    const before = spawned;
    await new Promise((r) => setTimeout(r, 100));
    expect((await p.run({ ms: 1 })).ms).toBe(1);
    expect(spawned).toBe(before);
    expect(p.size.threads).toBe(1);
  });

  it("a thread that cannot load fails the jobs waiting for it, and is not started again and again", async () => {
    const p = pool({ keep: 1, queue: 3 }, { failToLoad: true });
    const before = spawned;
    const errs = await Promise.all([p.run({ ms: 1 }), p.run({ ms: 1 })].map((r) => r.catch((e: unknown) => e)));
    expect(errs.every((e) => e instanceof ThreadFailed && e.message.includes("cannot load"))).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(spawned - before).toBe(1);
    expect(p.size.threads).toBe(0);
  });

  it("a thread idle for idleMs ends", async () => {
    const p = pool({ idleMs: 50 });
    await p.run({ ms: 1 });
    expect(p.size.threads).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(p.size.threads).toBe(0);
  });
});
