import type { Worker } from "node:worker_threads";

/**
 * `threads` run at once and `queue` more wait their turn (more are refused); a job still running `timeoutMs` after
 * it reached its thread ends that thread; a thread idle for `idleMs` ends too (its memory goes back), except the
 * first `keep`, which also come back at once after a thread ended (so the next job does not wait for one to load).
 */
export type PoolLimits = { threads: number; queue: number; timeoutMs: number; idleMs: number; keep: number };

/** What a thread posts once it has loaded, before any answer. */
export const THREAD_READY = "outflow-thread-ready";

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
type Slot<I, O> = { worker: Worker; ready: boolean; job?: Job<I, O>; timer?: NodeJS.Timeout; idle?: NodeJS.Timeout };

/**
 * A bounded pool of worker threads, one job per thread at a time. Made for work whose single steps cannot be
 * interrupted from inside (a long rule of a hostile preview): the only sure stop is ending the thread.
 * `spawn` makes a thread (the caller writes `new Worker(new URL(...))`, the form Next's bundler builds); a thread
 * posts THREAD_READY once loaded, then answers each message it gets with exactly one message.
 */
export class ThreadPool<I, O> {
  private readonly slots = new Set<Slot<I, O>>();
  private readonly waiting: Job<I, O>[] = [];
  private closed = false;
  /** Off after a thread failed to load, until one loads: no thread is started only to be kept. */
  private keeping = true;

  constructor(
    private readonly spawn: () => Worker,
    readonly limits: PoolLimits,
  ) {}

  /** Threads alive, loaded, busy, and jobs waiting (for tests and logs). */
  get size(): { threads: number; ready: number; busy: number; waiting: number } {
    const ready = [...this.slots].filter((s) => s.ready).length;
    return { threads: this.slots.size, ready, busy: this.busy(), waiting: this.waiting.length };
  }

  run(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      if (this.busy() + this.waiting.length >= this.limits.threads + this.limits.queue) {
        reject(new PoolBusy(`${this.limits.threads} running and ${this.limits.queue} waiting`));
        return;
      }
      this.waiting.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every thread; jobs still running or waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      job.reject(new PoolBusy("the pool is closing"));
    }
    await Promise.all([...this.slots].map((s) => this.drop(s, new PoolBusy("the pool is closing"))));
  }

  private busy(): number {
    let n = 0;
    for (const s of this.slots) {
      n += s.job ? 1 : 0;
    }
    return n;
  }

  /** Waiting jobs to ready idle threads; threads started for the rest, up to `threads` (and `keep` kept). */
  private dispatch(): void {
    for (const slot of this.slots) {
      const next = slot.ready && !slot.job ? this.waiting.shift() : undefined;
      if (next) {
        this.start(slot, next);
      }
    }
    const starting = [...this.slots].filter((s) => !s.ready).length;
    let wanted = Math.max(this.waiting.length - starting, this.keeping ? this.limits.keep - this.slots.size : 0);
    while (!this.closed && wanted-- > 0 && this.slots.size < this.limits.threads) {
      this.open();
    }
  }

  private open(): void {
    const worker = this.spawn();
    // An idle thread must not keep the process alive.
    worker.unref();
    const slot: Slot<I, O> = { worker, ready: false };
    this.slots.add(slot);
    worker.on("message", (out: O) => {
      if (slot.ready) {
        this.settle(slot, out);
      } else if (out === THREAD_READY) {
        slot.ready = true;
        this.keeping = true;
        this.release(slot);
      } else {
        void this.drop(slot, new ThreadFailed("the thread answered before it said it was ready", undefined));
      }
    });
    worker.on("error", (err: Error & { code?: string }) => void this.drop(slot, new ThreadFailed(err.message, err.code)));
    worker.on("exit", (code) => void this.drop(slot, new ThreadFailed(`the thread exited with code ${code}`, undefined)));
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

  /** A thread free (again): the next waiting job, or an idle timer. */
  private release(slot: Slot<I, O>): void {
    this.dispatch();
    if (!slot.job && this.slots.size > this.limits.keep) {
      slot.idle = setTimeout(() => void this.drop(slot, undefined), this.limits.idleMs);
      slot.idle.unref();
    }
  }

  private async drop(slot: Slot<I, O>, err: Error | undefined): Promise<void> {
    if (!this.slots.delete(slot)) {
      return;
    }
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    const job = slot.job;
    slot.job = undefined;
    const failure = err ?? new ThreadFailed("the thread was ended", undefined);
    job?.reject(failure);
    if (!slot.ready && !this.closed) {
      // A thread that cannot load: the jobs waiting fail with it (rather than start thread after failing thread).
      for (const waiting of this.waiting.splice(0)) {
        waiting.reject(failure);
      }
      this.keeping = false;
    }
    // Waiting jobs, and the threads to keep, get a new thread in place of this one.
    this.dispatch();
    await slot.worker.terminate();
  }
}
