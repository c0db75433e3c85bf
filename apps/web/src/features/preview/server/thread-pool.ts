import type { Worker } from "node:worker_threads";

/**
 * `threads` run at once, `queue` more wait their turn (more are refused), a job still running `timeoutMs` after it
 * started ends its thread, and a thread idle for `idleMs` ends too (its memory goes back).
 */
export type PoolLimits = { threads: number; queue: number; timeoutMs: number; idleMs: number };

/** Every thread is busy and the queue is full. */
export class PoolBusy extends Error {
  override name = "PoolBusy";
}

/** The job ran past `timeoutMs`; its thread was ended. */
export class JobTimedOut extends Error {
  override name = "JobTimedOut";
}

/** The thread died under the job (out of memory, an exception in the thread, an exit). */
export class ThreadFailed extends Error {
  override name = "ThreadFailed";
  constructor(
    message: string,
    /** Node's error code, e.g. ERR_WORKER_OUT_OF_MEMORY. */
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type Job<I, O> = { input: I; resolve: (out: O) => void; reject: (err: Error) => void };
type Slot<I, O> = { worker: Worker; job?: Job<I, O>; timer?: NodeJS.Timeout; idle?: NodeJS.Timeout };

/**
 * A bounded pool of worker threads, one job per thread at a time. Made for work whose single steps cannot be
 * interrupted from inside (a long rule of a hostile preview): the only sure stop is ending the thread.
 * `spawn` makes a thread (the caller writes `new Worker(new URL(...))`, the form Next's bundler builds); a thread
 * answers each message it gets with exactly one message.
 */
export class ThreadPool<I, O> {
  private readonly slots = new Set<Slot<I, O>>();
  private readonly waiting: Job<I, O>[] = [];

  constructor(
    private readonly spawn: () => Worker,
    readonly limits: PoolLimits,
  ) {}

  /** Threads alive and jobs waiting (for tests and logs). */
  get size(): { threads: number; busy: number; waiting: number } {
    const busy = [...this.slots].filter((s) => s.job).length;
    return { threads: this.slots.size, busy, waiting: this.waiting.length };
  }

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const job = { input, resolve, reject };
      const slot = this.freeSlot();
      if (slot) {
        this.start(slot, job);
      } else if (this.waiting.length < this.limits.queue) {
        this.waiting.push(job);
      } else {
        reject(new PoolBusy(`${this.limits.threads} running and ${this.limits.queue} waiting`));
      }
    });
  }

  /** Ends every thread; jobs still running or waiting are refused. */
  async close(): Promise<void> {
    for (const job of this.waiting.splice(0)) {
      job.reject(new PoolBusy("the pool is closing"));
    }
    await Promise.all([...this.slots].map((s) => this.drop(s, new PoolBusy("the pool is closing"))));
  }

  private freeSlot(): Slot<I, O> | undefined {
    for (const s of this.slots) {
      if (!s.job) {
        return s;
      }
    }
    return this.slots.size < this.limits.threads ? this.open() : undefined;
  }

  private open(): Slot<I, O> {
    const worker = this.spawn();
    // An idle thread must not keep the process alive.
    worker.unref();
    const slot: Slot<I, O> = { worker };
    this.slots.add(slot);
    worker.on("message", (out: O) => this.settle(slot, out));
    worker.on("error", (err: Error & { code?: string }) => void this.drop(slot, new ThreadFailed(err.message, err.code)));
    worker.on("exit", (code) => void this.drop(slot, new ThreadFailed(`the thread exited with code ${code}`, undefined)));
    return slot;
  }

  private start(slot: Slot<I, O>, job: Job<I, O>): void {
    clearTimeout(slot.idle);
    slot.job = job;
    slot.timer = setTimeout(() => void this.drop(slot, new JobTimedOut(`still running after ${this.limits.timeoutMs} ms`)), this.limits.timeoutMs);
    try {
      slot.worker.postMessage(job.input);
    } catch (err) {
      // Not cloneable: the job's fault, not the thread's.
      clearTimeout(slot.timer);
      slot.job = undefined;
      job.reject(err as Error);
      this.release(slot);
    }
  }

  private settle(slot: Slot<I, O>, out: O): void {
    const job = slot.job;
    if (!job) {
      return;
    }
    clearTimeout(slot.timer);
    slot.job = undefined;
    job.resolve(out);
    this.release(slot);
  }

  /** A thread free again: the next waiting job, or an idle timer. */
  private release(slot: Slot<I, O>): void {
    const next = this.waiting.shift();
    if (next) {
      this.start(slot, next);
      return;
    }
    slot.idle = setTimeout(() => void this.drop(slot, undefined), this.limits.idleMs);
    slot.idle.unref();
  }

  private async drop(slot: Slot<I, O>, err: Error | undefined): Promise<void> {
    if (!this.slots.delete(slot)) {
      return;
    }
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      job.reject(err ?? new ThreadFailed("the thread was ended", undefined));
    }
    // Waiting jobs get a new thread in place of this one.
    while (this.waiting.length > 0) {
      const free = this.freeSlot();
      const next = free ? this.waiting.shift() : undefined;
      if (!free || !next) {
        break;
      }
      this.start(free, next);
    }
    await slot.worker.terminate();
  }
}
