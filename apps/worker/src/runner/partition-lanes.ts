import type { FetchBudget } from "./fetch-budget";

/**
 * Lets a consumer fetch ahead of Elasticsearch while keeping each partition's writes in order.
 *
 * kafkajs fetches again only after every batch handler of the previous fetch has returned. A handler that waited
 * for Elasticsearch's acknowledgement (and the commit) would leave Elasticsearch idle while the next batch is
 * fetched and processed, and the worker idle while Elasticsearch indexes. So a handler processes its chunk, queues
 * it on its partition's lane and returns; the lane writes and commits the chunks of one partition one after the
 * other. What is queued and not yet settled counts against the worker's {@link FetchBudget}: a handler waits for
 * room first, so a slow sink still holds fetching back.
 */
export class PartitionLanes<T> {
  private readonly tails = new Map<string, Promise<void>>();
  /** Per lane, the last queued chunk while it has not started settling: a later chunk may join it. */
  private readonly open = new Map<string, { item: T; bytes: number }>();
  private queued = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly budget: FetchBudget,
    private readonly settle: (item: T) => Promise<void>,
  ) {}

  /**
   * Resolves once `bytes` more fit in the worker's fetch budget. While nothing of its lane is queued a chunk goes
   * anyway: every partition can always have one chunk settling, as without fetching ahead, and one message larger
   * than the budget cannot wedge it. Resolves early when `signal` aborts.
   *
   * While it waits, `keepAlive` runs at least every `keepAliveMs` and whenever room may have been made (the
   * consumer's heartbeat, which kafkajs sends at most once per heartbeat interval): the consumer fetches nothing
   * meanwhile, so it sends no heartbeats of its own, and a wait longer than the session timeout (a slow or failing
   * sink) would cost it its group membership and a fetch again from the commits. What `keepAlive` throws (a
   * rebalance) leaves the handler, as kafkajs expects: the sooner, the sooner the group can rejoin.
   */
  async reserve(lane: string, bytes: number, signal: AbortSignal, keepAlive?: () => Promise<void>, keepAliveMs = 3_000): Promise<void> {
    while (this.tails.has(lane) && !this.budget.fits(bytes) && !signal.aborted) {
      await keepAlive?.();
      await this.budget.released(signal, keepAlive ? keepAliveMs : undefined);
    }
  }

  /**
   * The lane's last queued chunk if it has not started settling. At low rates chunks are small and each costs a
   * bulk request and a commit; a chunk that joins the one waiting ahead of it (then {@link grow}) saves both.
   */
  waiting(lane: string): T | undefined {
    return this.open.get(lane)?.item;
  }

  /** Counts `bytes` more against the budget for the lane's waiting chunk, which the caller just grew. */
  grow(lane: string, bytes: number): void {
    const entry = this.open.get(lane);
    if (!entry) {
      throw new Error(`lane ${lane} has no waiting chunk to grow`);
    }
    entry.bytes += bytes;
    this.budget.take(bytes);
  }

  /**
   * Settles `item` after every chunk queued before it on the same lane has settled, counting `bytes` against the
   * budget until it has. `settle` must not throw: it handles its own failures.
   */
  enqueue(lane: string, bytes: number, item: T): void {
    const entry = { item, bytes };
    this.budget.take(bytes);
    this.queued++;
    this.open.set(lane, entry);
    const previous = this.tails.get(lane) ?? Promise.resolve();
    const tail = previous
      .then(() => {
        if (this.open.get(lane) === entry) {
          this.open.delete(lane);
        }
        return this.settle(entry.item);
      })
      .finally(() => {
        this.queued--;
        if (this.tails.get(lane) === tail) {
          this.tails.delete(lane);
        }
        this.budget.give(entry.bytes);
        if (this.queued === 0) {
          for (const wake of this.idleWaiters.splice(0)) {
            wake();
          }
        }
      });
    this.tails.set(lane, tail);
  }

  /** Resolves when every queued chunk has settled. */
  idle(): Promise<void> {
    return this.queued === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
